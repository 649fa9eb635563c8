extension Exchange {
    /// What this exchange costs in memory, counted the way malloc hands it out: its slot in
    /// the store, every heap block it owns (arrays by capacity, not count; strings too long
    /// to be kept inline) and malloc's rounding and per-block header. The store's byte
    /// budget (`--max-memory`) is a sum of these. Blocks an exchange shares (an answer's
    /// headers the store interned, strings of a provider profile) are counted as if owned,
    /// so the count errs high; the one way it can err low is a string built with spare room
    /// (counted by its length), a few bytes per such string. Checked against malloc's own
    /// figures by `ExchangeByteCountTests`.
    public var approximateByteCount: Int {
        var total = MemoryLayout<Exchange?>.stride
            + HeapCost.of(body) + HeapCost.of(headers) + HeapCost.of(remote) + HeapCost.of(method) + HeapCost.of(target)
            + analysis.heapByteCount
        if let response {
            total += HeapCost.of(response.body) + HeapCost.of(response.headers)
        }
        if rareBox != nil {
            let rare = self.rare
            total += HeapCost.block(MemoryLayout<ExchangeRareParts>.size + 16)
                + HeapCost.of(rare.httpVersion) + HeapCost.of(rare.rejection) + HeapCost.of(rare.scheme)
                + HeapCost.of(rare.relay?.kind) + HeapCost.of(rare.relay?.host) + HeapCost.of(rare.relay?.channelTag)
            if let upstream = rare.upstream {
                total += HeapCost.of(upstream.url) + HeapCost.of(upstream.error)
                    + HeapCost.of(upstream.body) + HeapCost.of(upstream.headers)
            }
        }
        return total
    }
}

extension ExchangeAnalysis {
    /// Heap blocks of the analysis' strings, with the parts the verdict's sentence is
    /// written from when read (and the sentence itself when it was kept as text: failures
    /// and verdicts read from a file).
    var heapByteCount: Int {
        HeapCost.of(provider) + HeapCost.of(event) + HeapCost.of(deliveryID) + HeapCost.of(retryKey)
            + HeapCost.of(retryChange) + HeapCost.of(signature.scheme) + HeapCost.of(signature.header)
            + (signature.explanation?.heapByteCount ?? 0)
    }
}

extension SignatureVerdict.Explanation {
    var heapByteCount: Int {
        switch self {
        case .text(let text): return HeapCost.of(text)
        case .missingHeader(let displayName): return HeapCost.of(displayName)
        case .noSecret(let provider): return HeapCost.of(provider)
        case .undocumented(let displayName, let provider): return HeapCost.of(displayName) + HeapCost.of(provider)
        case .matched(_, let secret, let problem): return HeapCost.of(secret) + HeapCost.of(problem)
        }
    }
}

/// Sizes of heap blocks as glibc's malloc hands them out on 64-bit Linux: the request plus
/// an 8-byte header, rounded up to 16, at least 32; from 128 KiB (glibc's first mmap
/// threshold) whole pages, as an mmapped block takes.
enum HeapCost {
    static func block(_ bytes: Int) -> Int {
        bytes >= 128 * 1024 ? (bytes + 16 + 4095) & ~4095 : max(32, (bytes + 8 + 15) & ~15)
    }

    /// A Swift array: a 32-byte header, then room for `capacity` elements.
    static func array<Element>(_ array: [Element]) -> Int {
        array.capacity == 0 ? 0 : block(32 + array.capacity * MemoryLayout<Element>.stride)
    }

    /// Strings of up to 15 UTF-8 bytes live inside the `String` itself; longer ones in a
    /// block with a 32-byte header and a terminating NUL.
    static func of(_ string: String?) -> Int {
        guard let count = string?.utf8.count, count > 15 else { return 0 }
        return block(32 + count + 1)
    }

    static func of(_ bytes: [UInt8]) -> Int { array(bytes) }

    static func of(_ headers: [HeaderField]) -> Int {
        headers.reduce(array(headers)) { $0 + of($1.name) + of($1.value) }
    }
}
