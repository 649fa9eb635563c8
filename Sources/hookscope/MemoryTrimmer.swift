import Dispatch
import HookscopeCore
#if canImport(Glibc)
import Glibc
#endif

/// Hands the memory freed by evictions back to the system: `malloc_trim` once a second at
/// most, and only when exchanges worth a quarter of the byte cap have been evicted since
/// the last time. The one place hookscope talks to the allocator.
///
/// Why: bodies range from a few bytes to --max-body and the store frees them oldest-first.
/// glibc raises its mmap threshold to the size of any large block freed, so after the
/// first big body is evicted, bodies come from the arenas, where freed room stays
/// resident: the soak measured RSS at 2.6x its 64 MiB cap. Trimming brings it to the cap
/// plus a fixed floor (docs/reliability.md). A fixed mmap threshold (mallopt) did as well
/// for RSS but cost a third of the 1 MB throughput (an mmap and page faults per body).
/// Trimming walks every arena under its lock, so it runs on a utility queue, rarely.
final class MemoryTrimmer {
    private let timer: DispatchSourceTimer

    init(store: CaptureStore) {
        let step = max(1, store.limits.maxBytes / 4)
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "hookscope.memory-trimmer", qos: .utility))
        // Touched only by the timer's handler, which runs on its serial queue.
        nonisolated(unsafe) var trimmedAt = 0
        timer.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(200))
        timer.setEventHandler {
            let released = store.statistics.releasedBytes
            guard released - trimmedAt >= step else { return }
            trimmedAt = released
            Self.trim()
        }
        self.timer = timer
    }

    func start() { timer.resume() }

    func stop() { timer.cancel() }

    /// glibc's `malloc_trim(0)`: returns free pages inside every arena, not only at the top.
    /// <malloc.h> is not part of Swift's Glibc module, hence the look-up by name.
    private static func trim() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
