import Foundation
import HookscopeCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `listen --tunnel`: starts the tunnel program pointed at the listener, reads its lines
/// (and ngrok's API) into a `TunnelMonitor`, restarts it with backoff when it exits, and
/// stops it, with everything it started, when `stop` is called.
///
/// One thread owns the child from start to reaping: no other code waits for it, signals
/// it or reads it, so its end is observed exactly once. Others read the state, which is
/// behind a lock, and are told of changes through `onChange` (called on that thread).
final class TunnelSupervisor: @unchecked Sendable {
    struct Shared {
        var state: IngressState = .starting
        /// `state`'s URL as the signature recipes take it.
        var publicURL: PublicURL?
        /// The last state `onChange` was given (nil: none yet, so `starting` is told too).
        var told: IngressState?
        /// The last URL the tunnel was up with, over every run.
        var lastURL: String?
        var stopping = false
        var finished = false
        var finishWaiter: CheckedContinuation<Void, Never>?
    }

    let kind: TunnelKind
    /// The listener's port: set by `start`, before the thread that reads it exists.
    private var localPort = 0
    let givenURL: String?
    private let environment: [String: String]
    /// A state change, or one of the tunnel's own error lines (sanitised), as they happen.
    /// With an `up` state comes the URL it was up with before, when that was another one
    /// (a restart gave a new URL).
    private let onChange: @Sendable (IngressState, _ replacedURL: String?) -> Void
    private let onErrorLine: @Sendable (String) -> Void
    private let shared = Mutex(Shared())
    /// `stop` writes a byte here to wake the thread from `poll` at once.
    private let wake: (read: Int32, write: Int32)

    init(kind: TunnelKind, givenURL: String?, environment: [String: String],
         onChange: @escaping @Sendable (IngressState, _ replacedURL: String?) -> Void, onErrorLine: @escaping @Sendable (String) -> Void) {
        self.kind = kind
        self.givenURL = givenURL
        self.environment = environment
        self.onChange = onChange
        self.onErrorLine = onErrorLine
        // Close-on-exec from the start: no child (the tunnel, the editor) inherits it.
        wake = (try? CloseOnExecPair.make(nonBlocking: true)) ?? (-1, -1)
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    var state: IngressState { shared.withLock { $0.state } }

    /// The public URL while the tunnel is up.
    var publicURL: PublicURL? { shared.withLock { $0.publicURL } }

    /// Starts the tunnel pointed at the listener's bound port.
    func start(localPort: Int) {
        self.localPort = localPort
        let thread = Thread { [self] in
            run()
            let waiter: CheckedContinuation<Void, Never>? = shared.withLock { shared in
                shared.finished = true
                defer { shared.finishWaiter = nil }
                return shared.finishWaiter
            }
            waiter?.resume()
        }
        thread.name = "hookscope-tunnel"
        thread.start()
    }

    /// Stops the tunnel (SIGTERM to its group, SIGKILL after 3 s) and returns once it is
    /// reaped and the thread has ended.
    func stop() async {
        shared.withLock { $0.stopping = true }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = shared.withLock { shared in
                if shared.finished { return true }
                shared.finishWaiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }

    private var isStopping: Bool { shared.withLock { $0.stopping } }

    private func run() {
        var monitor = TunnelMonitor(kind: kind, givenURL: givenURL)
        guard let path = TunnelChild.locate(kind.executable, environment: environment) else {
            monitor.missing()
            publish(monitor.state)
            return
        }
        publish(monitor.state)
        while !isStopping {
            let child: TunnelChild
            do {
                child = try TunnelChild.start(path: path, arguments: kind.arguments(localPort: localPort), environment: environment)
            } catch {
                onErrorLine("could not start \(path): \(error)")
                let delay = monitor.exited(status: 127, ranSeconds: 0)
                publish(monitor.state)
                if !pause(seconds: delay) { return }
                continue
            }
                monitor.started()
            publish(monitor.state)
            guard let status = supervise(child, monitor: &monitor) else { return }
            let delay = monitor.exited(status: status, ranSeconds: child.secondsRunning)
            publish(monitor.state)
            if !pause(seconds: delay) { return }
        }
    }

    /// Reads the child until it exits (its status) or `stop` is called (nil, after
    /// stopping it).
    private func supervise(_ child: TunnelChild, monitor: inout TunnelMonitor) -> Int32? {
        var lines = LineSplitter()
        var outputOpen = true
        var nextAPIQuestion = ContinuousClock.now
        defer { close(child.output) }
        while true {
            if isStopping {
                terminate(child)
                return nil
            }
            var fds = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            if outputOpen { fds.append(pollfd(fd: child.output, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), 200)
            if outputOpen, fds[1].revents != 0 {
                outputOpen = readAvailable(child.output, into: &lines, monitor: &monitor)
            }
            if child.hasEnded() {
                if outputOpen { _ = readAvailable(child.output, into: &lines, monitor: &monitor) }
                if let last = lines.rest() { consume(last, monitor: &monitor) }
                // Whatever it started and left behind goes with it, before the reaping
                // frees the group's ID for reuse.
                child.signalGroup(SIGKILL)
                return child.reapIfEnded() ?? -1
            }
            // Asked only once ngrok's log has said where its API is.
            if kind == .ngrok, monitor.state == .starting, let api = monitor.ngrokAPI, ContinuousClock.now >= nextAPIQuestion {
                nextAPIQuestion = .now + .milliseconds(500)
                if let body = NgrokAPIRequest.tunnels(host: api.host, port: api.port) {
                    let refusal = monitor.refusal
                    if monitor.read(ngrokAPI: body, localPort: localPort) { publish(monitor.state) }
                    if let reason = monitor.refusal, reason != refusal { onErrorLine(reason) }
                }
            }
        }
    }

    /// Reads what the child's socket holds now; false at its end.
    private func readAvailable(_ fd: Int32, into lines: inout LineSplitter, monitor: inout TunnelMonitor) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                for line in lines.append(buffer[0..<count]) { consume(line, monitor: &monitor) }
                continue
            }
            if count < 0, errno == EINTR { continue }
            return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
        }
    }

    private func consume(_ line: String, monitor: inout TunnelMonitor) {
        if let error = kind.errorText(inLine: line) { onErrorLine(error) }
        if monitor.read(line: line) { publish(monitor.state) }
    }

    /// SIGTERM to the group, SIGKILL after 3 s; once the program has ended the group is
    /// killed (it may have left children behind) and only then is the program reaped, so
    /// the group's ID cannot have been reused by another process.
    private func terminate(_ child: TunnelChild) {
        child.signalGroup(SIGTERM)
        let deadline = ContinuousClock.now + .seconds(3)
        while !child.hasEnded() {
            guard ContinuousClock.now < deadline else {
                child.signalGroup(SIGKILL)
                while !child.hasEnded() { usleep(10_000) }
                break
            }
            usleep(20_000)
        }
        child.signalGroup(SIGKILL)
        while child.reapIfEnded() == nil { usleep(10_000) }
        shared.withLock { shared in
            shared.state = .down(reason: "stopped", retryInSeconds: nil)
            shared.publicURL = nil
        }
    }

    /// Waits out the backoff; false when `stop` came first.
    private func pause(seconds: Int) -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if isStopping { return false }
            var fds = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 200)
        }
        return !isStopping
    }

    /// Records the state and tells `onChange` when it differs from the last one, with the
    /// URL it replaces when a new one came up.
    private func publish(_ state: IngressState) {
        let (changed, replaced): (Bool, String?) = shared.withLock { shared in
            shared.state = state
            shared.publicURL = state.url.flatMap { try? PublicURL($0) }
            var replaced: String?
            if let url = state.url {
                if let last = shared.lastURL, last != url { replaced = last }
                shared.lastURL = url
            }
            defer { shared.told = state }
            return (shared.told != state, replaced)
        }
        if changed { onChange(state, replaced) }
    }
}
