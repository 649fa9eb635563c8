import FuzzDriver
import HookscopeCore

/// Every signature header layout and encoding must read any bytes without trapping, and
/// a success must carry at least one digest.
@_cdecl("FuzzSignatureHeader_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzOne(bytes(data, size)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(bytes(data, size))
}

func fuzzOne(_ input: UnsafeBufferPointer<UInt8>) -> Int32 {
    let text = String(decoding: input, as: UTF8.self)
    let formats: [SignatureFormat] = [
        .digest(prefix: ""), .digest(prefix: "sha256="), .digest(prefix: "v0="),
        .keyValueList(timestampKey: "t", signatureKey: "s", separator: ","),
        .keyValueList(timestampKey: "t", signatureKey: "v1", separator: ","),
        .keyValueList(timestampKey: nil, signatureKey: "sha256", separator: ","),
        .versionedList(version: "v1"),
    ]
    for format in formats {
        for encoding in DigestEncoding.allCases {
            if case .success(let parsed) = SignatureHeaderParser.parse(text, format: format, encoding: encoding) {
                precondition(!parsed.digests.isEmpty, "a parsed signature without a digest")
            }
        }
    }
    _ = SignatureHeaderParser.parseTimestamp(text, field: "t")
    return 0
}
