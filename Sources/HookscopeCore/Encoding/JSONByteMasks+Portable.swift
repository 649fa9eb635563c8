/// The masks of `JSONByteMasks` without SSE2: what architectures other than x86-64 use
/// (the `#else` branches call these). Compiled and kept on every architecture, so that the
/// x86-64 test runs type-check them and hold them to the SSE2 forms
/// (`JSONByteMasksPortableTests`; issue 18 review L5): no CI builds for another
/// architecture.
extension JSONByteMasks {
    /// `bits(_:)` with two multiplies: each 8-byte half gathered with `gather`.
    @inline(__always) static func portableBits(_ lanes: SIMD16<UInt8>) -> UInt64 {
        let halves = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
        return gather(halves[0]) | gather(halves[1]) << 8
    }

    /// The high bits of eight bytes as eight bits, byte 0 lowest: the multiply moves bit
    /// 8k+7 to bit 56+k, and no two products meet.
    @inline(__always) static func gather(_ word: UInt64) -> UInt64 {
        ((word & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
    }

    /// `plain(_:_:_:_:)` from the classes' lanes, without `pmaxub`.
    @inline(__always) static func portablePlain(_ v0: SIMD16<UInt8>, _ v1: SIMD16<UInt8>,
                                                _ v2: SIMD16<UInt8>, _ v3: SIMD16<UInt8>) -> Bool {
        let quotes = quoteLanes(v0) | quoteLanes(v1) | quoteLanes(v2) | quoteLanes(v3)
        return portableBits(quotes | otherLanes(v0) | otherLanes(v1) | otherLanes(v2) | otherLanes(v3)) == 0
    }
}

extension JSONByteMasks.Block {
    /// `init(_:)` without `pmovmskb`. One vector per chunk with each byte's class as bit 7
    /// (quote), 6 (opening) or 5 (closing bracket); each half of a chunk is then gathered
    /// once per class. Backslashes are rare outside some bodies: only a block that has one
    /// pays for their mask.
    @inline(__always) init(portable pointer: UnsafeRawPointer) {
        var anyBackslash = SIMD16<UInt8>(repeating: 0)
        for chunk in 0..<4 {
            let bytes = (pointer + 16 &* chunk).loadUnaligned(as: SIMD16<UInt8>.self)
            let folded: SIMD16<UInt8> = bytes | JSONByteMasks.caseBit
            anyBackslash |= JSONByteMasks.lanes(bytes .== JSONByteMasks.backslash)
            let classes = (JSONByteMasks.lanes(bytes .== JSONByteMasks.quote) & SIMD16<UInt8>(repeating: 0x80))
                | (JSONByteMasks.lanes(folded .== JSONByteMasks.open) & SIMD16<UInt8>(repeating: 0x40))
                | (JSONByteMasks.lanes(folded .== JSONByteMasks.close) & SIMD16<UInt8>(repeating: 0x20))
            let halves = unsafeBitCast(classes, to: SIMD2<UInt64>.self)
            let shift = UInt64(16 &* chunk)
            let low = halves[0], high = halves[1]
            quotes |= (JSONByteMasks.gather(low) | JSONByteMasks.gather(high) << 8) << shift
            opens |= (JSONByteMasks.gather(low << 1) | JSONByteMasks.gather(high << 1) << 8) << shift
            closes |= (JSONByteMasks.gather(low << 2) | JSONByteMasks.gather(high << 2) << 8) << shift
        }
        let any = unsafeBitCast(anyBackslash, to: SIMD2<UInt64>.self)
        if any[0] | any[1] != 0 {
            for chunk in 0..<4 {
                let bytes = (pointer + 16 &* chunk).loadUnaligned(as: SIMD16<UInt8>.self)
                backslashes |= JSONByteMasks.portableBits(JSONByteMasks.lanes(bytes .== JSONByteMasks.backslash))
                    << UInt64(16 &* chunk)
            }
        }
    }
}
