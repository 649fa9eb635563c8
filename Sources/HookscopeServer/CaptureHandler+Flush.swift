import NIOCore

/// A keep-alive answer is written at once but flushed at the end of the event loop's tick,
/// after every connection that was ready in that tick has been read and answered, so the
/// answers of one tick reach the kernel back to back.
///
/// Why: each flush is a `writev` whose data lands in the sender's socket, and a sender
/// asleep in `epoll_wait` is woken there (`sock_def_readable` -> `try_to_wake_up`, an IPI to
/// its core), on the server's core. Flushed one by one, tens of microseconds apart while the
/// next request is analysed, nearly every answer found the sender asleep again: at 1 KB and
/// 16 connections that wake-up was 14 % of the server's CPU (`perf record`, 2026-12-02) and
/// the kernel 15 us a request against nginx's 8. Back to back, the first wakes the sender and
/// the rest find it awake. The syscalls are the same (one `writev` per answer), and no
/// answer waits longer than the tick it was answered in.
///
/// What could drop bytes written and not yet flushed is covered: a close that goes through
/// the pipeline passes the tap (`RawBytesTap.close`), which flushes first; the sender's
/// end of stream is an event, not NIO's own close (half-closure is allowed), and the
/// connection is closed after the answers are written (CaptureHandler+HalfClose.swift).
/// Under TLS answers are flushed at once as before.
extension CaptureHandler {
    /// Flushes what was written at the end of this tick of the loop (once, however many
    /// answers the connection wrote in it).
    func flushAtEndOfTick(context: ChannelHandlerContext) {
        guard !flushPending else { return }
        flushPending = true
        context.eventLoop.assumeIsolated().execute {
            guard self.flushPending, self.isActive else { return }
            self.flushPending = false
            context.flush()
        }
    }
}
