import HookscopeCore

/// Inputs shared by the benchmarks: webhook-shaped JSON bodies and captured exchanges.
enum Fixtures {
    /// A JSON object of exactly `size` bytes, shaped like a delivery.
    static func jsonBody(size: Int) -> [UInt8] {
        let head = #"{"type":"bench.event","id":"evt_0001","created_at":"2026-11-23T21:00:00Z","data":{"items":["#
        let tail = #"]}}"#
        var text = head
        var index = 0
        // Small objects rather than one long string, so pretty-printing has structure to do.
        while text.utf8.count + tail.utf8.count < size - 48 {
            if index > 0 { text += "," }
            text += #"{"n":\#(index),"name":"item \#(index)"}"#
            index += 1
        }
        text += tail
        var bytes = Array(text.utf8)
        // Pad inside the last string-free spot (before the final "}") with spaces: still JSON.
        bytes.insert(contentsOf: [UInt8](repeating: 0x20, count: max(0, size - bytes.count)), at: bytes.count - 1)
        return bytes
    }

    static let now = Timestamp(nanosecondsSinceEpoch: 1_795_000_000_000_000_000)

    static func exchange(body: [UInt8], headers: [HeaderField] = [HeaderField("Content-Type", "application/json")]) -> Exchange {
        Exchange(
            receivedAt: now, remote: "127.0.0.1:50000", method: "POST", target: "/hooks/bench",
            headers: [HeaderField("Host", "127.0.0.1:8080"), HeaderField("User-Agent", "bench/1.0")] + headers,
            body: body,
            response: ExchangeResponse(
                status: 200, headers: [HeaderField("Content-Type", "application/json")],
                body: Array(#"{"captured":1}"#.utf8), source: .default, durationMilliseconds: 0.1
            )
        )
    }
}
