#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The classes of bytes a JSON string cannot hold as they are, sixteen bytes to a compare,
/// for the escaper's spans (`JSONStringEscaper+Spans.swift`): quotes and backslashes (a
/// backslash before them is all they need), and the rest (C0 controls, DEL, and bytes
/// above 0x7F: UTF-8 to check, or to escape).
extension JSONByteMasks {
    /// All ones in the lanes of quotes and backslashes.
    @inline(__always) static func quoteLanes(_ bytes: SIMD16<UInt8>) -> SIMD16<UInt8> {
        lanes(bytes .== quote) | lanes(bytes .== backslash)
    }

    /// All ones in the lanes of C0 controls, DEL and bytes above 0x7F. As signed bytes,
    /// those above 0x7F are negative, so one compare takes them with the controls (LLVM
    /// makes it and DEL's one unsigned-minimum test).
    @inline(__always) static func otherLanes(_ bytes: SIMD16<UInt8>) -> SIMD16<UInt8> {
        let signed = unsafeBitCast(bytes, to: SIMD16<Int8>.self)
        let controlOrHigh: SIMDMask<SIMD16<Int8>> = signed .< SIMD16<Int8>(repeating: 0x20)
        let delete: SIMDMask<SIMD16<Int8>> = signed .== SIMD16<Int8>(repeating: 0x7F)
        return lanes(controlOrHigh) | lanes(delete)
    }

    /// Whether none of 64 bytes (four vectors) needs attention: the escaper's test for
    /// plain text. On x86-64, bytes outside 0x20...0x7E, moved down by 0x20, are those
    /// above 0x5E, so one unsigned maximum of the four vectors (`pmaxub`, which Swift's
    /// SIMD types do not reach: `pointwiseMax` is a call) takes them all with one compare:
    /// ~40 instructions against ~70 for the four vectors' classes one by one.
    @inline(__always) static func plain(_ v0: SIMD16<UInt8>, _ v1: SIMD16<UInt8>,
                                        _ v2: SIMD16<UInt8>, _ v3: SIMD16<UInt8>) -> Bool {
        #if arch(x86_64)
        let x0 = unsafeBitCast(v0, to: __m128i.self), x1 = unsafeBitCast(v1, to: __m128i.self)
        let x2 = unsafeBitCast(v2, to: __m128i.self), x3 = unsafeBitCast(v3, to: __m128i.self)
        let space = _mm_set1_epi8(0x20)
        let highest = _mm_max_epu8(_mm_max_epu8(_mm_sub_epi8(x0, space), _mm_sub_epi8(x1, space)),
                                   _mm_max_epu8(_mm_sub_epi8(x2, space), _mm_sub_epi8(x3, space)))
        let outside = _mm_cmpeq_epi8(_mm_max_epu8(highest, _mm_set1_epi8(0x5F)), highest)
        let quote = _mm_set1_epi8(0x22), backslash = _mm_set1_epi8(0x5C)
        let q01 = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x0, quote), _mm_cmpeq_epi8(x0, backslash)),
                               _mm_or_si128(_mm_cmpeq_epi8(x1, quote), _mm_cmpeq_epi8(x1, backslash)))
        let q23 = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x2, quote), _mm_cmpeq_epi8(x2, backslash)),
                               _mm_or_si128(_mm_cmpeq_epi8(x3, quote), _mm_cmpeq_epi8(x3, backslash)))
        return _mm_movemask_epi8(_mm_or_si128(outside, _mm_or_si128(q01, q23))) == 0
        #else
        portablePlain(v0, v1, v2, v3)
        #endif
    }

    /// Bit `i` for byte `i` of 64 whose lanes (four vectors of compare results, or of
    /// bytes for those above 0x7F) have their high bit set.
    @inline(__always) static func bits(_ l0: SIMD16<UInt8>, _ l1: SIMD16<UInt8>, _ l2: SIMD16<UInt8>,
                                       _ l3: SIMD16<UInt8>) -> UInt64 {
        bits(l0) | bits(l1) &<< 16 | bits(l2) &<< 32 | bits(l3) &<< 48
    }
}
