/// The few fields of a JSON object body that provider detection and field extraction ask
/// for (does it have these top-level keys, what is at `event.type`), found in one pass over
/// the top-level object that goes only as far as the questions need: each question reads
/// members until its key turns up and remembers where it stopped, so the next one carries
/// on from there, and a body whose keys come first is never read to its end. Nested values
/// are stepped over by their brackets, never built or checked (`JSONSkimmer`).
///
/// This runs for every captured request on the server's event loop, which is why it is not
/// `JSONPayload` (which validates the whole text first, ~1 ns a byte). What that changes:
/// - a body that stops being JSON (cut at `--max-body`, say) still gives the members
///   before that point; none after;
/// - of duplicate keys the first is read (finding the last would mean reading to the end);
///   RFC 8259 leaves their meaning open.
/// Keys are compared after decoding their escapes; a key of a nested object never matches
/// a top-level question.
final class JSONFieldReader {
    private let bytes: [UInt8]
    /// The top-level members read so far, in order.
    private var members: [JSONScanner.Member] = []
    private var walk: JSONSkimmer

    /// nil unless the body starts (after whitespace) with `{`, within
    /// `JSONPayload.maxParsedBytes`.
    init?(body: [UInt8]) {
        guard body.count <= JSONPayload.maxParsedBytes,
              let start = body.firstIndex(where: { !JSONPayload.isWhitespace($0) }),
              body[start] == UInt8(ascii: "{") else { return nil }
        bytes = body
        walk = JSONSkimmer(objectAt: start, end: body.count)
        members.reserveCapacity(8)
    }

    func has(_ key: String) -> Bool { topLevel(key) != nil }

    /// The value at a dotted path as text: strings as they are, numbers written out.
    func string(at path: String) -> String? {
        valueRange(at: path).flatMap { JSONText.value(bytes, $0) }
    }

    /// Where the value at a dotted path is (its whole text, quotes included).
    func valueRange(at path: String) -> Range<Int>? {
        var keys = path.split(separator: ".", omittingEmptySubsequences: false)[...]
        guard let first = keys.popFirst(), var value = topLevel(first) else { return nil }
        while let key = keys.popFirst() {
            guard let nested = member(key, ofObjectAt: value) else { return nil }
            value = nested
        }
        return value
    }

    /// The first top-level member named `key`, reading on from where the last question
    /// stopped if it has not been seen yet.
    private func topLevel(_ key: some StringProtocol) -> Range<Int>? {
        if let seen = members.first(where: { JSONText.equals(bytes, $0.key, key) }) { return seen.value }
        return bytes.withUnsafeBufferPointer { buffer in
            while let member = walk.next(in: buffer) {
                members.append(member)
                if JSONText.equals(bytes, member.key, key) { return member.value }
            }
            return nil
        }
    }

    /// The first member named `key` of the object that is the value at `range`.
    private func member(_ key: some StringProtocol, ofObjectAt range: Range<Int>) -> Range<Int>? {
        guard bytes[range.lowerBound] == UInt8(ascii: "{") else { return nil }
        var nested = JSONSkimmer(objectAt: range.lowerBound, end: range.upperBound)
        return bytes.withUnsafeBufferPointer { buffer in
            while let member = nested.next(in: buffer) {
                if JSONText.equals(bytes, member.key, key) { return member.value }
            }
            return nil
        }
    }
}
