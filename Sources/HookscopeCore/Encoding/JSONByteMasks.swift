#if arch(x86_64)
// Clang's SSE2 intrinsics, shipped with the toolchain: `_mm_movemask_epi8` (pmovmskb). SSE2
// is part of baseline x86-64, so this needs no runtime check and no C target.
import _Builtin_intrinsics.intel
#endif

/// Bit masks of the bytes JSON's structure turns on, sixteen bytes to a compare: bit `i` of
/// a mask stands for byte `i` of the block read. The skimmer steps over nested values and
/// strings with these (`JSONSkimmer+Nested.swift`), the escaper finds what to escape with
/// them (`JSONByteMasks+Escaping.swift`).
///
/// The compares are Swift's `SIMD16<UInt8>` `.==`, which this toolchain compiles to SSE2's
/// `pcmpeqb` when both operands are spelled `SIMD16<UInt8>` (with an inferred
/// `SIMD16(repeating:)` operand the generic, lane-by-lane `.==` is picked instead, a loop of
/// stores: hence the explicit types and the constants below, which are computed properties
/// so that they fold into the code instead of a lazy global's check on every use). On
/// x86-64 the lanes become bits with `pmovmskb`, one instruction, through Clang's
/// intrinsics module (`_Builtin_intrinsics.intel`, which Swift imports). Elsewhere each
/// 8-byte half is gathered with a multiply, and a block's classes are packed into one
/// vector first, one bit each: gathered class by class from separate vectors, the
/// multiplies came out as LLVM's emulation of a 64-bit vector multiply (SLP
/// vectorization), 460 instructions a block against 340 packed (callgrind, 64 KB of small
/// objects, on x86-64 before `pmovmskb`).
enum JSONByteMasks {
    @inline(__always) static var quote: SIMD16<UInt8> { SIMD16<UInt8>(repeating: UInt8(ascii: "\"")) }
    @inline(__always) static var backslash: SIMD16<UInt8> { SIMD16<UInt8>(repeating: UInt8(ascii: "\\")) }
    /// `{` and `[` differ only in bit 0x20, as `}` and `]` do: compared after OR-ing it in.
    @inline(__always) static var caseBit: SIMD16<UInt8> { SIMD16<UInt8>(repeating: 0x20) }
    @inline(__always) static var open: SIMD16<UInt8> { SIMD16<UInt8>(repeating: UInt8(ascii: "{")) }
    @inline(__always) static var close: SIMD16<UInt8> { SIMD16<UInt8>(repeating: UInt8(ascii: "}")) }

    /// Which of 64 bytes are quotes, backslashes, opening and closing brackets.
    struct Block {
        var quotes: UInt64 = 0
        var backslashes: UInt64 = 0
        var opens: UInt64 = 0
        var closes: UInt64 = 0

        @inline(__always) init(_ pointer: UnsafeRawPointer) {
            #if arch(x86_64)
            // One pmovmskb per class and chunk: the backslashes' mask costs two instructions
            // a chunk, less than testing for them first.
            for chunk in 0..<4 {
                let bytes = (pointer + 16 &* chunk).loadUnaligned(as: SIMD16<UInt8>.self)
                let folded: SIMD16<UInt8> = bytes | JSONByteMasks.caseBit
                let shift = UInt64(16 &* chunk)
                quotes |= JSONByteMasks.bits(bytes .== JSONByteMasks.quote) &<< shift
                backslashes |= JSONByteMasks.bits(bytes .== JSONByteMasks.backslash) &<< shift
                opens |= JSONByteMasks.bits(folded .== JSONByteMasks.open) &<< shift
                closes |= JSONByteMasks.bits(folded .== JSONByteMasks.close) &<< shift
            }
            #else
            self.init(portable: pointer)
            #endif
        }
    }

    /// Which of 16 bytes are quotes or backslashes.
    @inline(__always) static func quotesOrBackslashes(_ pointer: UnsafeRawPointer) -> UInt64 {
        let bytes = pointer.loadUnaligned(as: SIMD16<UInt8>.self)
        return bits(lanes(bytes .== quote) | lanes(bytes .== backslash))
    }

    /// Whether 64 bytes hold a quote or a backslash (cheaper than their masks: one test).
    @inline(__always) static func holdQuoteOrBackslash(_ pointer: UnsafeRawPointer) -> Bool {
        var any = SIMD16<UInt8>(repeating: 0)
        for chunk in 0..<4 {
            let bytes = (pointer + 16 &* chunk).loadUnaligned(as: SIMD16<UInt8>.self)
            any |= lanes(bytes .== quote) | lanes(bytes .== backslash)
        }
        let halves = unsafeBitCast(any, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] != 0
    }

    /// The bytes escaped by a backslash, given the backslashes of a block and whether its
    /// first byte is escaped by the block before (`carry`, 0 or 1); and whether the next
    /// block's first byte is (0 or 1). Every backslash is taken as being in a string: the
    /// caller checks that none is outside one. A run of backslashes escapes the byte after
    /// it when it is odd in length; an odd run starting on an even bit and one starting on
    /// an odd bit are told apart by a subtraction that carries through each run (the
    /// scheme of simdjson's escape scanner).
    @inline(__always) static func escaped(backslashes: UInt64, carry: UInt64) -> (escaped: UInt64, carry: UInt64) {
        let oddBits: UInt64 = 0xAAAA_AAAA_AAAA_AAAA
        let potential = backslashes & ~carry
        // Escaping backslashes and escaped bytes: 1s in odd runs' escaping positions and
        // on the bytes they escape.
        let escapeAndEscaped = (((potential << 1) | oddBits) &- potential) ^ oddBits
        return (escapeAndEscaped ^ (backslashes | carry), (escapeAndEscaped & backslashes) >> 63)
    }

    /// Each bit the parity of the bits up to and including it: set from an opening quote up
    /// to (not including) its closing one.
    @inline(__always) static func prefixParity(_ mask: UInt64) -> UInt64 {
        var parity = mask
        parity ^= parity << 1
        parity ^= parity << 2
        parity ^= parity << 4
        parity ^= parity << 8
        parity ^= parity << 16
        parity ^= parity << 32
        return parity
    }

    @inline(__always) static func lanes(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> {
        unsafeBitCast(mask, to: SIMD16<UInt8>.self)
    }

    /// One bit per lane of a compare's result (all ones or all zeros per lane).
    @inline(__always) static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt64 {
        bits(lanes(mask))
    }

    /// The high bit of each of 16 bytes, byte 0 lowest: a compare's lanes as bits, or which
    /// bytes are above 0x7F.
    @inline(__always) static func bits(_ lanes: SIMD16<UInt8>) -> UInt64 {
        #if arch(x86_64)
        UInt64(truncatingIfNeeded: UInt32(bitPattern: _mm_movemask_epi8(unsafeBitCast(lanes, to: __m128i.self))))
        #else
        portableBits(lanes)
        #endif
    }
}
