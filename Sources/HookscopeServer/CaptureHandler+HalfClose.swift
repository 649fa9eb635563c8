import NIOCore

/// A sender's end of stream (`shutdown(SHUT_WR)`, as raw clients and some `curl` options
/// send after their request, or a full close) comes as `ChannelEvent.inputClosed`: the
/// server allows half-closure (`CaptureServer`), so NIO no longer closes the channel itself,
/// outside the pipeline, at the end of stream. What was received and answered is written
/// before the connection is closed (`closeOnceWritten`), and nothing depends on how NIO's
/// read loop meets the end any more (the raw bytes tap used to guess it from there, after
/// NIO 2.101.3's loop, to flush an answer waiting for the end of the tick).
///
/// The HTTP pipeline handler delivers the event only after every request read before it,
/// so when it arrives at most the request being answered is outstanding: an answer given at
/// once has been written (the end of stream finds `answering` false).
///
/// UNFINISHED (issue 18 review M1, part b): an answer that comes later (held by
/// `--intercept`, forwarded, delayed, trickled, hanging) is still lost to a sender that
/// only half-closed: the connection is closed at once and the exchange recorded as the
/// sender's hang-up, as before. A half-close and a hang-up (`close()`) look the same from
/// here (a FIN either way, the socket in CLOSE_WAIT either way), and the hang-up must go on
/// being noticed at once (the held list, `.hang` answers completed by the hang-up,
/// `InterceptTests.aSenderThatHangsUpIsRecordedAsSuch`). Waiting for the answer would need
/// a way to tell them apart first (e.g. an interim 1xx answer, whose write a closed socket
/// answers with a reset); `HalfCloseTests` holds the case as a known issue.
extension CaptureHandler {
    func senderFinishedSending(context: ChannelHandlerContext) {
        guard !answering else {
            // An answer still to come: the sender is taken as gone (see UNFINISHED above);
            // `channelInactive` records it as such.
            context.close(promise: nil)
            return
        }
        closeOnceWritten(context: context)
    }

    /// Closes the connection after everything written so far has reached the socket: a
    /// close drops writes still queued in NIO (a large answer to a sender that reads slowly).
    /// An empty write through the raw bytes tap completes after them, and flushes an answer
    /// waiting for the end of the tick on the way. Under TLS answers are flushed at once
    /// and the TLS handler sends its close after them; the connection is closed directly.
    func closeOnceWritten(context: ChannelHandlerContext) {
        let channel = context.channel
        guard flushesAtEndOfTick, let written = tap.writeRaw("") else {
            context.close(promise: nil)
            return
        }
        written.whenComplete { _ in channel.close(promise: nil) }
    }
}
