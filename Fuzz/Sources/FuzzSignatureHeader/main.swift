import HookscopeCore

/// Every signature header layout and encoding must read any bytes without trapping, and
/// a success must carry at least one digest.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
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
