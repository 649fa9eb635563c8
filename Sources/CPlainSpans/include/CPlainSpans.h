// The escaper's test for plain text, 64 bytes a span, as C so that it can be compiled for
// AVX2 and chosen at run time: Swift has no per-function target attributes, and a whole
// build for AVX2 would not run on baseline x86-64 (JSONStringEscaper+Spans.swift).
//
// A byte is plain when a JSON string can hold it as it is: 0x20...0x7E, neither `"` nor `\`.
#ifndef CPLAINSPANS_H
#define CPLAINSPANS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How many of the `spans` 64-byte spans from `bytes` on are plain before the first that is
/// not (`spans` when all are). Reads `64 * spans` bytes. The widest path the CPU has.
size_t hs_plain_spans(const uint8_t *bytes, size_t spans);

/// The same, one byte at a time: the reference the vector paths are tested against, and
/// the path off x86-64.
size_t hs_plain_spans_portable(const uint8_t *bytes, size_t spans);

/// Which path `hs_plain_spans` takes on this CPU: 2 AVX2, 1 SSE2, 0 portable.
int hs_plain_spans_path(void);

/// `hs_plain_spans` on the given path (2 AVX2, 1 SSE2, 0 portable), for the tests that
/// compare the paths; a path above `hs_plain_spans_path()` runs the portable one.
size_t hs_plain_spans_on_path(int path, const uint8_t *bytes, size_t spans);

#ifdef __cplusplus
}
#endif

#endif
