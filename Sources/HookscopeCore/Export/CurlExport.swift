/// A curl command line that sends a captured request again, byte for byte: same method,
/// target, headers (in order, duplicates kept) and body.
///
/// curl adds headers of its own (`Host`, `User-Agent`, `Accept`, and for a body
/// `Content-Type` and `Expect`); each one the original did not have is switched off with
/// `-H 'Name:'`, and each one it had is given explicitly. One thing curl does not let us
/// choose: it always writes `Host` first, so a request whose `Host` came later is sent
/// with the same headers in a different place for that one line.
public enum CurlExport {
    /// Headers curl sends unless told otherwise, and when.
    private static let curlDefaults: [(name: String, onlyWithBody: Bool)] = [
        ("Host", false), ("User-Agent", false), ("Accept", false), ("Content-Type", true), ("Expect", true),
    ]

    /// Bodies this large go to a file (when one is offered) instead of the command line.
    public static let inlineLimit = 64 * 1024

    /// Whether the body is better carried in a file than on the command line: binary
    /// (not UTF-8, or with control characters) or large.
    public static func prefersBodyFile(_ exchange: Exchange) -> Bool {
        guard HARExport.hasBody(exchange), !exchange.body.isEmpty else { return false }
        return exchange.body.count > inlineLimit || !isPlainText(exchange.body)
    }

    /// The command, on one line.
    /// - Parameters:
    ///   - baseURL: where to send it (`http://127.0.0.1:3000`); default `http://` + Host.
    ///   - bodyFile: a file that holds exactly the body bytes; used as `--data-binary @file`.
    ///     Without one, plain text goes inline (`--data-raw '..'`); any other body (CR,
    ///     control bytes, not UTF-8, NUL) goes through POSIX `printf` with octal escapes and
    ///     stdin, so the script runs the same under dash as under bash (issue #12, point 4).
    public static func command(for exchange: Exchange, baseURL: String? = nil, bodyFile: String? = nil) -> String {
        let hasBody = HARExport.hasBody(exchange)
        var words: [String] = []
        var prefix = ""
        words.append("curl")
        if exchange.httpVersion == "HTTP/1.0" { words.append("--http1.0") }
        switch (exchange.method, hasBody) {
        case ("HEAD", _): words.append("--head")
        case ("GET", false), ("POST", true): break
        default: words += ["-X", ShellQuoting.quote(exchange.method)]
        }
        // Keep `/../` and `[]{}` in the target exactly as they were.
        words += ["--path-as-is", "--globoff"]
        for header in exchange.headers {
            words += ["-H", ShellQuoting.quote(headerArgument(header))]
        }
        for (name, onlyWithBody) in curlDefaults where exchange.headers.first(named: name) == nil {
            if onlyWithBody && !hasBody { continue }
            words += ["-H", ShellQuoting.quote("\(name):")]
        }
        if hasBody {
            if let bodyFile {
                words += ["--data-binary", ShellQuoting.quote("@" + bodyFile)]
            } else if ShellQuoting.isPlain(exchange.body) {
                // --data-raw: no `@file` meaning for a leading @, no newline stripping.
                words += ["--data-raw", ShellQuoting.quote(exchange.body)]
            } else {
                prefix = "printf " + printfFormat(exchange.body) + " | "
                words += ["--data-binary", "@-"]
            }
        }
        words.append(ShellQuoting.quote(exchange.url(base: baseURL)))
        return prefix + words.joined(separator: " ")
    }

    /// curl's `-H` syntax: `Name: value`, or `Name;` for an empty value (`Name:` would
    /// remove the header instead).
    private static func headerArgument(_ header: HeaderField) -> String {
        header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
    }

    /// A `printf` format that writes exactly these bytes: octal escapes (which POSIX printf
    /// understands in every shell) for everything but printable ASCII.
    static func printfFormat(_ bytes: [UInt8]) -> String {
        var out = "'"
        for b in bytes {
            switch b {
            case UInt8(ascii: "%"): out += "%%"
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "'"): out += "\\047"
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(b))
            default:
                let octal = String(b, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + "'"
    }

    private static func isPlainText(_ body: [UInt8]) -> Bool {
        guard String(validating: body, as: UTF8.self) != nil else { return false }
        return !body.contains { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D) || $0 == 0x7F }
    }
}
