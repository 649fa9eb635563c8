#include "CPlainSpans.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

size_t hs_plain_spans_portable(const uint8_t *bytes, size_t spans) {
    for (size_t span = 0; span < spans; span++) {
        const uint8_t *p = bytes + 64 * span;
        for (int i = 0; i < 64; i++) {
            uint8_t b = p[i];
            if (b < 0x20 || b > 0x7E || b == '"' || b == '\\') return span;
        }
    }
    return spans;
}

#if defined(__x86_64__)

// Bytes outside 0x20...0x7E, moved down by 0x20 (wrapping), are those above 0x5E: one
// unsigned maximum over the span and one compare take the controls, DEL and bytes above
// 0x7F together; quotes and backslashes are two compares more. One `pmovmskb` a span.

// Baseline x86-64: four 16-byte vectors a span (the Swift loop's test, ~48 instructions).
static size_t plain_spans_sse2(const uint8_t *bytes, size_t spans) {
    const __m128i space = _mm_set1_epi8(0x20), top = _mm_set1_epi8(0x5F);
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (size_t span = 0; span < spans; span++) {
        const __m128i *p = (const __m128i *)(bytes + 64 * span);
        __m128i x0 = _mm_loadu_si128(p), x1 = _mm_loadu_si128(p + 1);
        __m128i x2 = _mm_loadu_si128(p + 2), x3 = _mm_loadu_si128(p + 3);
        __m128i highest = _mm_max_epu8(_mm_max_epu8(_mm_sub_epi8(x0, space), _mm_sub_epi8(x1, space)),
                                       _mm_max_epu8(_mm_sub_epi8(x2, space), _mm_sub_epi8(x3, space)));
        __m128i marked = _mm_cmpeq_epi8(_mm_max_epu8(highest, top), highest);
        marked = _mm_or_si128(marked, _mm_or_si128(_mm_cmpeq_epi8(x0, quote), _mm_cmpeq_epi8(x0, backslash)));
        marked = _mm_or_si128(marked, _mm_or_si128(_mm_cmpeq_epi8(x1, quote), _mm_cmpeq_epi8(x1, backslash)));
        marked = _mm_or_si128(marked, _mm_or_si128(_mm_cmpeq_epi8(x2, quote), _mm_cmpeq_epi8(x2, backslash)));
        marked = _mm_or_si128(marked, _mm_or_si128(_mm_cmpeq_epi8(x3, quote), _mm_cmpeq_epi8(x3, backslash)));
        if (_mm_movemask_epi8(marked) != 0) return span;
    }
    return spans;
}

// AVX2: the same test on two 32-byte vectors a span, half the instructions.
__attribute__((target("avx2")))
static size_t plain_spans_avx2(const uint8_t *bytes, size_t spans) {
    const __m256i space = _mm256_set1_epi8(0x20), top = _mm256_set1_epi8(0x5F);
    const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
    for (size_t span = 0; span < spans; span++) {
        const __m256i *p = (const __m256i *)(bytes + 64 * span);
        __m256i x0 = _mm256_loadu_si256(p), x1 = _mm256_loadu_si256(p + 1);
        __m256i highest = _mm256_max_epu8(_mm256_sub_epi8(x0, space), _mm256_sub_epi8(x1, space));
        __m256i marked = _mm256_cmpeq_epi8(_mm256_max_epu8(highest, top), highest);
        marked = _mm256_or_si256(marked, _mm256_or_si256(_mm256_cmpeq_epi8(x0, quote), _mm256_cmpeq_epi8(x0, backslash)));
        marked = _mm256_or_si256(marked, _mm256_or_si256(_mm256_cmpeq_epi8(x1, quote), _mm256_cmpeq_epi8(x1, backslash)));
        if (!_mm256_testz_si256(marked, marked)) return span;
    }
    return spans;
}

#endif

// The CPU is asked on every call rather than once into a function pointer (no mutable
// state of our own): `__builtin_cpu_supports` reads a word the runtime filled in at
// start-up, a load and a test against a call that covers up to 2 KB.
int hs_plain_spans_path(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") ? 2 : 1;
#else
    return 0;
#endif
}

size_t hs_plain_spans(const uint8_t *bytes, size_t spans) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) return plain_spans_avx2(bytes, spans);
    return plain_spans_sse2(bytes, spans);
#else
    return hs_plain_spans_portable(bytes, spans);
#endif
}

size_t hs_plain_spans_on_path(int path, const uint8_t *bytes, size_t spans) {
#if defined(__x86_64__)
    if (path == 2 && __builtin_cpu_supports("avx2")) return plain_spans_avx2(bytes, spans);
    if (path == 1) return plain_spans_sse2(bytes, spans);
#endif
    (void)path;
    return hs_plain_spans_portable(bytes, spans);
}
