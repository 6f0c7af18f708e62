import NIOCore
import NIOPosix

/// One request on its way to the broker: the whole frame (size prefix and header included, with a
/// placeholder correlation id) and the promise its response completes.
struct OutboundKafkaRequest: Sendable {
    var frame: ByteBuffer
    var promise: EventLoopPromise<ByteBuffer>
    var expectsResponse: Bool
    var apiName: String
}

/// Matches responses to requests. Assigns correlation ids in write order on the event loop (so
/// pipelined requests stay ordered), keeps the pending ones in a FIFO (Kafka answers in order on a
/// connection), fails everything pending when the connection breaks or a request times out.
final class KafkaConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = OutboundKafkaRequest
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var correlationId: Int32
        var promise: EventLoopPromise<ByteBuffer>
        var apiName: String
        var timeout: Scheduled<Void>?
    }

    private let address: String
    private let requestTimeout: TimeAmount
    private var pending = CircularBuffer<Pending>(initialCapacity: 16)
    private var nextCorrelationId: Int32 = 1
    private var failure: KafkaError?
    /// Correlation ids of requests that expect no response (acks=0); some brokers answer anyway.
    private var unanswered = CircularBuffer<Int32>(initialCapacity: 16)

    init(address: String, requestTimeout: TimeAmount) {
        self.address = address
        self.requestTimeout = requestTimeout
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var request = unwrapOutboundIn(data)
        if let failure {
            request.promise.fail(failure)
            promise?.fail(failure)
            return
        }
        let id = nextCorrelationId
        nextCorrelationId = nextCorrelationId == .max ? 1 : nextCorrelationId + 1
        request.frame.setInteger(id, at: request.frame.readerIndex + 8)
        if request.expectsResponse {
            let timeoutError = KafkaError(.timedOut, "\(request.apiName) request to \(address) timed out after \(requestTimeout.nanoseconds / 1_000_000) ms")
            let task = context.eventLoop.assumeIsolated().scheduleTask(in: requestTimeout) { [weak self] in
                guard let self else { return }
                self.failAll(timeoutError, context: nil)
            }
            pending.append(Pending(correlationId: id, promise: request.promise, apiName: request.apiName, timeout: task))
            context.write(wrapOutboundOut(request.frame), promise: promise)
        } else {
            // No response comes (Produce with acks=0): done once the bytes are written.
            let done = context.eventLoop.makePromise(of: Void.self)
            let responsePromise = request.promise
            done.futureResult.whenComplete { result in
                switch result {
                case .success: responsePromise.succeed(ByteBuffer())
                case .failure(let e): responsePromise.fail(e)
                }
            }
            if let promise { done.futureResult.cascade(to: promise) }
            if unanswered.count >= 1024 { unanswered.removeFirst() }
            unanswered.append(id)
            context.write(wrapOutboundOut(request.frame), promise: done)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var frame = unwrapInboundIn(data)
        guard let id = frame.readInteger(as: Int32.self) else {
            failAll(KafkaError(.protocolError, "response frame from \(address) is shorter than its correlation id"), context: context)
            return
        }
        if let index = unanswered.firstIndex(of: id), pending.first?.correlationId != id {
            unanswered.remove(at: index)
            return  // a reply to an acks=0 request: nothing waits for it
        }
        guard let first = pending.first, first.correlationId == id else {
            let expected = pending.first.map { String($0.correlationId) } ?? "none"
            failAll(KafkaError(.protocolError, "response from \(address) has correlation id \(id), expected \(expected)"), context: context)
            return
        }
        pending.removeFirst()
        first.timeout?.cancel()
        first.promise.succeed(frame)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(KafkaError(.connectionFailed, "connection to \(address) closed"), context: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let kafkaError: KafkaError
        if let e = error as? KafkaError {
            kafkaError = KafkaError(e.code, "\(address): \(e.message)", kafkaCode: e.kafkaCode)
        } else if let tls = describeTLSError(error) {
            kafkaError = KafkaError(.tlsFailed, "connection to \(address) failed: \(tls)")
        } else {
            kafkaError = KafkaError(.connectionFailed, "connection to \(address) failed: \(describeNetworkError(error))")
        }
        failAll(kafkaError, context: context)
    }

    /// Fails every pending request, remembers the failure for later writes, and closes the channel.
    private func failAll(_ error: KafkaError, context: ChannelHandlerContext?) {
        if failure == nil { failure = error }
        let failed = pending
        pending.removeAll()
        for p in failed {
            p.timeout?.cancel()
            p.promise.fail(error)
        }
        if let context { context.close(promise: nil) } else { closeOnTimeout?() }
    }

    /// Set by the connection so a timeout (which has no context) can close the channel.
    var closeOnTimeout: (() -> Void)?

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        closeOnTimeout = { channel.close(promise: nil) }
    }
}

/// A readable cause for a NIO or system error ("connection refused", "timeout").
func describeNetworkError(_ error: any Error) -> String {
    if let e = error as? KafkaError { return e.message }
    if let e = error as? NIOConnectionError {
        if let first = e.connectionErrors.first { return describeNetworkError(first.error) }
        if let dns = e.dnsAAAAError ?? e.dnsAError { return "cannot resolve host: \(dns)" }
        return "connection failed"
    }
    if let e = error as? ChannelError {
        switch e {
        case .connectTimeout(let t): return "connect timed out after \(t.nanoseconds / 1_000_000) ms"
        case .ioOnClosedChannel, .alreadyClosed: return "connection closed"
        case .eof: return "connection closed by the broker"
        default: return "\(e)"
        }
    }
    if let e = error as? IOError {
        switch e.errnoCode {
        case 111: return "connection refused"
        case 104: return "connection reset by peer"
        case 113: return "no route to host"
        case 110: return "connection timed out"
        default: return e.description
        }
    }
    return "\(error)"
}
