import Foundation   // memcmp

/// The previous header list `CaptureBuffer` stored, for the next one to share with: an
/// equal list shares the whole array, and otherwise a field with the same name or value at
/// the same position shares that string (a sender's `User-Agent`, `Content-Type` and
/// signature header name repeat on every delivery; ids and signatures do not). Each long
/// string kept once instead of per exchange saves its heap block (48 bytes and up).
struct InternedHeaders {
    private var last: [HeaderField] = []

    mutating func intern(_ headers: [HeaderField]) -> [HeaderField] {
        if headers.elementsEqual(last, by: Self.sameBytes) { return last }
        var shared = headers
        for index in shared.indices.prefix(last.count) {
            let previous = last[index]
            if Self.sameBytes(shared[index].name, previous.name) { shared[index].name = previous.name }
            if Self.sameBytes(shared[index].value, previous.value) { shared[index].value = previous.value }
        }
        last = shared
        return shared
    }

    /// Byte equality, not `String ==`: that one treats canonically equivalent text as equal
    /// (`é` as one scalar or as `e` plus an accent), and sharing on it would store another
    /// request's bytes in place of these.
    ///
    /// Compared with `memcmp`: `utf8.elementsEqual` walked both strings index by index,
    /// ~860 instructions a field, 10 k a 1 KB delivery (6 % of its capture, callgrind), and
    /// `elementsEqual` over the two buffers still cost 4 k.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let count = a.utf8.count
        guard count == b.utf8.count else { return false }
        guard count > 0 else { return true }
        var a = a, b = b
        return a.withUTF8 { a in b.withUTF8 { b in memcmp(a.baseAddress!, b.baseAddress!, count) == 0 } }
    }

    static func sameBytes(_ a: HeaderField, _ b: HeaderField) -> Bool {
        sameBytes(a.name, b.name) && sameBytes(a.value, b.value)
    }
}
