import Foundation

/// Other ways the same JSON is commonly written, for the "re-serialised" diagnosis:
/// what `JSON.stringify(JSON.parse(body))`, Python's `json.dumps` and a sorted-keys
/// encoder would produce from the body hookscope received.
enum JSONReformatting {
    struct Variant {
        var name: String
        var bytes: [UInt8]
    }

    static func variants(of body: [UInt8]) -> [Variant] {
        var out = [
            Variant(name: "compactly (no whitespace, as JSON.stringify does)", bytes: respaced(body, afterComma: "", afterColon: "")),
            Variant(name: "with \", \" and \": \" separators (as Python's json.dumps does)", bytes: respaced(body, afterComma: " ", afterColon: " ")),
        ]
        if let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) {
            for (options, name) in [
                (JSONSerialization.WritingOptions([.sortedKeys, .withoutEscapingSlashes]), "compactly with sorted keys"),
                ([.sortedKeys, .prettyPrinted, .withoutEscapingSlashes], "pretty-printed with sorted keys"),
            ] {
                if let data = try? JSONSerialization.data(withJSONObject: object, options: options) {
                    out.append(Variant(name: name, bytes: Array(data)))
                }
            }
        }
        return out
    }

    /// The same tokens in the same order with whitespace outside strings replaced:
    /// nothing after `,`/`:` but the given separators. Strings are copied byte for byte.
    static func respaced(_ body: [UInt8], afterComma: String, afterColon: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var inString = false
        var escaped = false
        for b in body {
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "\""): inString = true; out.append(b)
            case UInt8(ascii: ","): out.append(b); out.append(contentsOf: afterComma.utf8)
            case UInt8(ascii: ":"): out.append(b); out.append(contentsOf: afterColon.utf8)
            default: out.append(b)
            }
        }
        return out
    }
}
