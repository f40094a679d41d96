import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Hummingbird's HTTP/1 child channel with a header-read timeout and a connection cap in front: once the
/// first byte of a request arrives, its head (request line and headers) must be complete within
/// `headerTimeout`, or the connection is closed; past `connections.maximum` open connections a new one is
/// closed at once. Together with Hummingbird's idle timeout (a connection with no request in progress is
/// closed after a while) and the body read timeout (`BodyLimitMiddleware`), a client sending a byte every
/// few seconds (slow-loris) cannot hold the server's connections.
struct GuardedHTTP1Channel: ServerChildChannel {
    let base: HTTP1Channel
    let headerTimeout: TimeAmount
    let connections: ConnectionLimit

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        // Past the cap a new connection is closed at once: open connections cost memory and file
        // descriptors, and a flood of idle ones must not take the server's last.
        guard connections.open() else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimit.Reached())
        }
        channel.closeFuture.whenComplete { _ in connections.close() }
        let watch = RequestHeadWatch(timeout: headerTimeout)
        return channel.eventLoop.makeCompletedFuture {
            // First in the pipeline: it sees the raw bytes, before the HTTP decoder.
            try channel.pipeline.syncOperations.addHandler(watch.rawBytes, position: .first)
        }
        .flatMap { base.setup(channel: channel, logger: logger) }
        .flatMapThrowing { value in
            // After the HTTP codec: it sees decoded heads and the end of each response.
            try channel.pipeline.syncOperations.addHandler(
                watch.parts, position: .before(try channel.pipeline.syncOperations.handler(type: HTTPConnectionStateHandler.self)))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// The cap on open HTTP connections, shared by every connection of the server.
final class ConnectionLimit: Sendable {
    struct Reached: Error {}

    let maximum: Int
    private let count = Atomic<Int>(0)

    init(maximum: Int) { self.maximum = maximum }

    /// Counts a new connection in, or refuses it when the cap is reached.
    func open() -> Bool {
        let now = count.add(1, ordering: .relaxed).newValue
        if now > maximum {
            count.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func close() { count.subtract(1, ordering: .relaxed) }

    var current: Int { count.load(ordering: .relaxed) }
}

/// The two halves of the header-read timeout for one connection; both run on its event loop.
final class RequestHeadWatch: @unchecked Sendable {
    let timeout: TimeAmount
    /// Requests whose head has arrived and whose response has not ended.
    var inFlight = 0
    var timer: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    var rawBytes: RawBytesHandler { RawBytesHandler(watch: self) }
    var parts: HeadPartsHandler { HeadPartsHandler(watch: self) }

    /// Bytes of a new request arrived: its head must follow in time.
    func bytesArrived(_ context: ChannelHandlerContext) {
        guard inFlight == 0, timer == nil else { return }
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    func headArrived() {
        timer?.cancel()
        timer = nil
        inFlight += 1
    }

    func responseEnded() { inFlight = max(0, inFlight - 1) }

    func closed() {
        timer?.cancel()
        timer = nil
    }

    /// Watches raw bytes, before the HTTP decoder.
    final class RawBytesHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let watch: RequestHeadWatch

        init(watch: RequestHeadWatch) { self.watch = watch }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            watch.bytesArrived(context)
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            watch.closed()
            context.fireChannelInactive()
        }
    }

    /// Watches decoded request heads and response ends, after the HTTP codec.
    final class HeadPartsHandler: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart
        let watch: RequestHeadWatch

        init(watch: RequestHeadWatch) { self.watch = watch }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head = unwrapInboundIn(data) { watch.headArrived() }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .end = unwrapOutboundIn(data) { watch.responseEnded() }
            context.write(data, promise: promise)
        }
    }
}
