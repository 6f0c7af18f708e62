import NIOCore
import NIOPosix
import Synchronization

/// One TCP (optionally TLS) connection to one broker, after ApiVersions negotiation and SASL.
///
/// Requests are pipelined: `enqueue` writes at once and returns a future, so several requests can be
/// in flight; responses are matched in order by ``KafkaConnectionHandler``.
final class KafkaConnection: Sendable {
    let address: BrokerAddress
    let channel: any Channel
    let clientId: String
    private let versions: Mutex<[Int16: ClosedRange<Int16>]>

    private init(address: BrokerAddress, channel: any Channel, clientId: String) {
        self.address = address
        self.channel = channel
        self.clientId = clientId
        self.versions = Mutex([:])
    }

    var isActive: Bool { channel.isActive }

    /// Connects, negotiates API versions and authenticates; fails with the address and the cause.
    static func connect(
        to address: BrokerAddress, configuration: KafkaConfiguration, group: any EventLoopGroup
    ) async throws(KafkaError) -> KafkaConnection {
        let timeout = TimeAmount.milliseconds(Int64(configuration.requestTimeoutMs))
        let description = address.description
        let maxFrame = configuration.maxResponseSize
        let tls: TLSSetup?
        do { tls = try TLSSetup.make(configuration, host: address.host) } catch { throw error }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(configuration.socketConnectionSetupTimeoutMs)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = KafkaConnectionHandler(address: description, requestTimeout: timeout)
                    if let tls { try tls.addHandler(to: channel) }
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(KafkaFrameDecoder(maxFrameSize: maxFrame)), handler,
                    ])
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: address.host, port: address.port).get()
        } catch {
            throw KafkaError(.connectionFailed, "cannot connect to \(address): \(describeNetworkError(error))")
        }
        let connection = KafkaConnection(address: address, channel: channel, clientId: configuration.clientId)
        do {
            try await connection.negotiateVersions()
            if let sasl = configuration.sasl {
                try await SaslAuthenticator(sasl).authenticate(connection)
            }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    private func negotiateVersions() async throws(KafkaError) {
        let response = try await send(ApiVersionsRequest(), version: 2, checked: false)
        var result = response
        if response.errorCode == .unsupportedVersion {
            // The broker answered with the versions it does support; retry with v0.
            result = try await send(ApiVersionsRequest(), version: 0, checked: false)
        }
        guard result.errorCode == .none else {
            throw KafkaError.broker(result.errorCode, "ApiVersions on \(address)")
        }
        versions.withLock { $0 = result.versions }
    }

    /// The highest version of `api` both sides support.
    func version(for api: KafkaApiKey) throws(KafkaError) -> Int16 {
        let ours = api.supported
        guard let theirs = versions.withLock({ $0[api.rawValue] }) else {
            throw KafkaError(.unsupportedVersion, "broker \(address) does not support \(api.name)")
        }
        let high = min(ours.upperBound, theirs.upperBound)
        guard high >= max(ours.lowerBound, theirs.lowerBound) else {
            throw KafkaError(
                .unsupportedVersion,
                "broker \(address) supports \(api.name) v\(theirs.lowerBound)–v\(theirs.upperBound), this client v\(ours.lowerBound)–v\(ours.upperBound)")
        }
        return high
    }

    /// Whether the broker supports `api` at a version this client implements.
    func supports(_ api: KafkaApiKey) -> Bool { (try? version(for: api)) != nil }

    /// Encodes `request` and writes it now; the future completes with the response body.
    func enqueue<R: KafkaRequest>(_ request: R, version: Int16) -> EventLoopFuture<ByteBuffer> {
        var frame = channel.allocator.buffer(capacity: 256)
        frame.writeInteger(Int32(0))  // size, patched below
        frame.writeInteger(R.apiKey.rawValue)
        frame.writeInteger(version)
        frame.writeInteger(Int32(0))  // correlation id, set by the handler in write order
        frame.writeKafkaString(clientId)
        request.encode(into: &frame, version: version)
        frame.setInteger(Int32(frame.readableBytes - 4), at: 0)
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        let outbound = OutboundKafkaRequest(
            frame: frame, promise: promise, expectsResponse: request.expectsResponse, apiName: R.apiKey.name)
        channel.writeAndFlush(outbound).whenFailure { [address] error in
            promise.fail(KafkaError(.connectionFailed, "cannot send \(R.apiKey.name) to \(address): \(describeNetworkError(error))"))
        }
        return promise.futureResult
    }

    /// Decodes a response body for `request`.
    func decode<R: KafkaRequest>(_ body: ByteBuffer, for request: R.Type, version: Int16) throws(KafkaError) -> R.Response {
        var reader = KafkaReader(body, context: "\(R.apiKey.name) v\(version) response from \(address)")
        return try R.decodeResponse(&reader, version: version)
    }

    /// Sends `request` at the negotiated version and waits for its decoded response.
    func send<R: KafkaRequest>(_ request: R) async throws(KafkaError) -> R.Response {
        let v = try version(for: R.apiKey)
        return try await send(request, version: v, checked: true)
    }

    private func send<R: KafkaRequest>(_ request: R, version: Int16, checked: Bool) async throws(KafkaError) -> R.Response {
        let body = try await KafkaConnection.wait(enqueue(request, version: version), address: address)
        return try decode(body, for: R.self, version: version)
    }

    /// Awaits a response future, turning any failure into a `KafkaError` naming the broker.
    static func wait(_ future: EventLoopFuture<ByteBuffer>, address: BrokerAddress) async throws(KafkaError) -> ByteBuffer {
        do {
            return try await future.get()
        } catch let error as KafkaError {
            throw error
        } catch {
            throw KafkaError(.connectionFailed, "request to \(address) failed: \(describeNetworkError(error))")
        }
    }

    func close() {
        channel.close(promise: nil)
    }
}
