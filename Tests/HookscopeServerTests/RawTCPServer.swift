import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 that does not speak HTTP: it answers the first bytes it reads
/// with fixed bytes and closes, never answers at all, or sends its answer a few bytes at a
/// time. For upstreams that misbehave.
final class RawTCPServer: Sendable {
    enum Behaviour: Sendable {
        case reply([UInt8])
        case silent
        /// `head` at once, then `body` `bytes` at a time every `intervalMilliseconds`,
        /// then close; stops early when the peer goes away.
        case trickle(head: [UInt8], body: [UInt8], bytes: Int, intervalMilliseconds: Int64)
    }

    private let channel: Channel
    var port: Int { channel.localAddress?.port ?? 0 }
    var url: String { "http://127.0.0.1:\(port)" }

    init(_ behaviour: Behaviour) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Responder(behaviour: behaviour))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async {
        try? await channel.close()
    }

    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let behaviour: Behaviour
        var answered = false

        init(behaviour: Behaviour) { self.behaviour = behaviour }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !answered else { return }
            let channel = context.channel
            switch behaviour {
            case .reply(let bytes):
                answered = true
                context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(bytes: bytes))).whenComplete { _ in
                    channel.close(promise: nil)
                }
            case .trickle(let head, let body, let bytes, let ms):
                answered = true
                context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(bytes: head)), promise: nil)
                Self.trickle(body[...], bytes: bytes, every: .milliseconds(ms), on: channel)
            case .silent:
                break
            }
        }

        private static func trickle(_ rest: ArraySlice<UInt8>, bytes: Int, every interval: TimeAmount, on channel: Channel) {
            guard channel.isActive else { return }
            guard !rest.isEmpty else {
                channel.close(promise: nil)
                return
            }
            channel.writeAndFlush(channel.allocator.buffer(bytes: rest.prefix(bytes)), promise: nil)
            channel.eventLoop.scheduleTask(in: interval) {
                trickle(rest.dropFirst(bytes), bytes: bytes, every: interval, on: channel)
            }
        }
    }
}

/// A port on 127.0.0.1 where nothing listens, held for as long as this lives: a socket is
/// bound to it (without SO_REUSEADDR) but never listens, so a connection is refused and no
/// other program, nor an outgoing connection's ephemeral port, can take the port meanwhile.
/// (Binding, closing and handing the number over raced with everything else on the machine.)
final class ClosedPort: Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClosedPortFailure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else {
            close(fd)
            throw ClosedPortFailure(description: "bind() to 127.0.0.1:0 failed: errno \(errno)")
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

struct ClosedPortFailure: Error, CustomStringConvertible {
    var description: String
}
