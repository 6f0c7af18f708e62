import NIOCore
import NIOPosix
import Synchronization

/// A connection to a Kafka cluster: metadata, offsets, fetches and topic administration.
///
/// ```swift
/// let client = try await KafkaClient.connect(try KafkaConfiguration(["bootstrap.servers": "127.0.0.1:9092"]))
/// let end = try await client.listOffsets([TopicPartition("events", 0): .latest], isolation: .readCommitted)
/// let batch = try await client.fetch([TopicPartition("events", 0): 0], isolation: .readCommitted, maxBytes: nil)
/// await client.close()
/// ```
/// Requests go to each partition's leader over one pipelined connection per broker. Retriable errors
/// (leader moves, timeouts, lost connections) are retried with exponential backoff and a metadata
/// refresh, within `default.api.timeout.ms` and `retries`.
public final class KafkaClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: KafkaConfiguration
    let group: any EventLoopGroup
    let state = Mutex(State())

    struct State {
        var connections: [BrokerAddress: ConnectionSlot] = [:]
        var metadata = MetadataSnapshot()
        var closed = false
    }

    enum ConnectionSlot {
        case ready(KafkaConnection)
        case connecting(Task<Result<KafkaConnection, KafkaError>, Never>)
    }

    init(configuration: KafkaConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    deinit {
        let open = state.withLock { s in
            s.connections.values.compactMap { slot -> KafkaConnection? in
                if case .ready(let c) = slot { return c }
                return nil
            }
        }
        for c in open { c.close() }
    }

    /// Connects to the cluster: reaches a bootstrap server and loads the broker list. Keeps trying the
    /// bootstrap servers (with backoff) for at most `socket.connection.setup.timeout.ms`, then fails
    /// naming each address and why it failed.
    public static func connect(_ configuration: KafkaConfiguration) async throws(KafkaError) -> KafkaClient {
        let client = KafkaClient(configuration: configuration)
        do {
            try await client.bootstrap()
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    func bootstrap() async throws(KafkaError) {
        let addresses = configuration.bootstrapServers.compactMap(BrokerAddress.parse)
        var backoff = Backoff(configuration: configuration, budgetMs: configuration.socketConnectionSetupTimeoutMs)
        var failures: [BrokerAddress: String] = [:]
        var attempts = 0
        let start = ContinuousClock.now
        while true {
            for address in addresses {
                attempts += 1
                do {
                    let connection = try await connection(to: address)
                    try await refreshMetadata(topics: [], using: connection)
                    return
                } catch {
                    failures[address] = error.message
                    if case .authenticationFailed = error.code { throw error }
                    if case .tlsFailed = error.code { throw error }
                    if case .unsupportedVersion = error.code { throw error }
                }
            }
            if !(await backoff.wait()) { break }
        }
        let elapsed = ContinuousClock.now - start
        let causes = addresses.map { "\($0): \(failures[$0] ?? "not tried")" }.joined(separator: "; ")
        throw KafkaError(
            .connectionFailed,
            "cannot reach any bootstrap server after \(attempts) attempt(s) in \(elapsed.milliseconds) ms: \(causes)")
    }

    /// Closes every connection. Calls after `close` fail with ``KafkaError/Code/closed``.
    public func close() async {
        let slots = state.withLock { s -> [ConnectionSlot] in
            s.closed = true
            defer { s.connections.removeAll() }
            return Array(s.connections.values)
        }
        for slot in slots {
            switch slot {
            case .ready(let c): c.close()
            case .connecting(let task):
                if case .success(let c) = await task.value { c.close() }
            }
        }
    }

    // MARK: Connections

    /// The live connection to `address`, connecting (once, shared by concurrent callers) if needed.
    func connection(to address: BrokerAddress) async throws(KafkaError) -> KafkaConnection {
        let configuration = self.configuration
        let group = self.group
        let slot: ConnectionSlot = try state.withLock { (s: inout State) throws(KafkaError) -> ConnectionSlot in
            if s.closed { throw KafkaError(.closed, "the Kafka client is closed") }
            if let existing = s.connections[address] {
                if case .ready(let c) = existing, !c.isActive {
                    s.connections[address] = nil
                } else {
                    return existing
                }
            }
            let task = Task { () -> Result<KafkaConnection, KafkaError> in
                do throws(KafkaError) {
                    return .success(try await KafkaConnection.connect(to: address, configuration: configuration, group: group))
                } catch {
                    return .failure(error)
                }
            }
            s.connections[address] = .connecting(task)
            return .connecting(task)
        }
        switch slot {
        case .ready(let c): return c
        case .connecting(let task):
            let result = await task.value
            state.withLock { s in
                guard case .connecting = s.connections[address] else { return }
                switch result {
                case .success(let c): s.connections[address] = s.closed ? nil : .ready(c)
                case .failure: s.connections[address] = nil
                }
            }
            switch result {
            case .success(let c):
                if state.withLock({ $0.closed }) {
                    c.close()
                    throw KafkaError(.closed, "the Kafka client is closed")
                }
                return c
            case .failure(let e): throw e
            }
        }
    }

    /// The connection to broker `nodeId`, refreshing metadata once if the broker is unknown.
    func connection(toNode nodeId: Int32) async throws(KafkaError) -> KafkaConnection {
        if let address = brokerAddress(nodeId) { return try await connection(to: address) }
        try await refreshMetadata(topics: [])
        guard let address = brokerAddress(nodeId) else {
            throw KafkaError(.connectionFailed, "broker \(nodeId) is not in the cluster metadata", kafkaCode: .leaderNotAvailable)
        }
        return try await connection(to: address)
    }

    func brokerAddress(_ nodeId: Int32) -> BrokerAddress? {
        state.withLock { s in s.metadata.brokers[nodeId].map { BrokerAddress(host: $0.host, port: Int($0.port)) } }
    }

    /// Some live connection: an existing one, else a known broker, else a bootstrap server.
    func anyConnection() async throws(KafkaError) -> KafkaConnection {
        let (ready, known) = state.withLock { s -> (KafkaConnection?, [BrokerAddress]) in
            let ready = s.connections.values.lazy.compactMap { slot -> KafkaConnection? in
                if case .ready(let c) = slot, c.isActive { return c }
                return nil
            }.first
            let known = s.metadata.brokers.values.sorted { $0.nodeId < $1.nodeId }.map { BrokerAddress(host: $0.host, port: Int($0.port)) }
            return (ready, known)
        }
        if let ready { return ready }
        var lastError = KafkaError(.connectionFailed, "no broker known")
        let bootstrap = configuration.bootstrapServers.compactMap(BrokerAddress.parse)
        for address in known + bootstrap.filter({ !known.contains($0) }) {
            do { return try await connection(to: address) } catch { lastError = error }
        }
        throw lastError
    }

    // MARK: Retries

    /// Runs `body`, retrying retriable failures with backoff (and a metadata refresh when the error
    /// says leadership moved) within `budgetMs` (default `default.api.timeout.ms`) and `retries`.
    func retrying<T>(
        budgetMs: Int? = nil, _ body: () async throws(KafkaError) -> T
    ) async throws(KafkaError) -> T {
        var backoff = Backoff(configuration: configuration, budgetMs: budgetMs ?? configuration.defaultApiTimeoutMs)
        while true {
            do {
                return try await body()
            } catch {
                guard error.isRetriable, await backoff.wait() else { throw error }
                if error.kafkaCode?.needsMetadataRefresh ?? true { invalidateMetadata() }
            }
        }
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
