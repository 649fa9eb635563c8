import Testing
@testable import HookscopeCore

/// Interning may share a string with the previous delivery only when its bytes are the
/// same: what comes out is always byte for byte what came in.
@Suite struct InternedHeadersTests {
    func bytes(_ headers: [HeaderField]) -> [[UInt8]] {
        headers.flatMap { [Array($0.name.utf8), Array($0.value.utf8)] }
    }

    @Test func canonicallyEquivalentTextIsNotShared() {
        var interned = InternedHeaders()
        let precomposed = [HeaderField("X-Name", "caf\u{E9}")]
        let decomposed = [HeaderField("X-Name", "cafe\u{301}")]
        #expect(precomposed == decomposed)   // String == says equal; the bytes differ
        _ = interned.intern(precomposed)
        #expect(bytes(interned.intern(decomposed)) == bytes(decomposed))
        #expect(bytes(interned.intern(precomposed)) == bytes(precomposed))
    }

    @Test func sameLengthDifferentBytesAndLongerListsComeOutAsTheyWent() {
        var interned = InternedHeaders()
        let first = [HeaderField("Content-Type", "application/json"),
                     HeaderField("X-Delivery", "d-00000001")]
        let second = [HeaderField("Content-Type", "application/json"),
                      HeaderField("X-Delivery", "d-00000002"),
                      HeaderField("X-Extra", "")]
        #expect(bytes(interned.intern(first)) == bytes(first))
        #expect(bytes(interned.intern(second)) == bytes(second))
        #expect(bytes(interned.intern(first)) == bytes(first))
        #expect(bytes(interned.intern([])) == [])
        let small = [HeaderField("a", "b")]   // small strings live inline
        #expect(bytes(interned.intern(small)) == bytes(small))
        #expect(bytes(interned.intern([HeaderField("a", "c")])) == [[0x61], [0x63]])
    }
}
