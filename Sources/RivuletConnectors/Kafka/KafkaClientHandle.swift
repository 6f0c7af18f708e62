import Foundation
import RivuletCore
import RivuletKafka
import Synchronization

/// One lazily connected ``KafkaClient`` shared by a source (or a batch relation) and the scans it
/// plans, with the blocking calls the synchronous engine makes.
///
/// Every Kafka failure becomes a connector error that names what was being done, the bootstrap
/// servers and the topic-partitions involved, with the client's message (which names the broker
/// address and Kafka's error code) as the cause.
final class KafkaClientHandle: Sendable {
    let configuration: KafkaConfiguration
    /// `host:port,...` as the user gave it, for messages.
    let servers: String
    private let client = Mutex<KafkaClient?>(nil)

    init(configuration: KafkaConfiguration) {
        self.configuration = configuration
        servers = configuration.bootstrapServers.joined(separator: ",")
    }

    deinit {
        if let c = client.withLock({ $0 }) {
            Task.detached(executorPreference: KafkaTaskExecutor.shared) { await c.close() }
        }
    }

    /// Client properties from the `kafka.`-prefixed options; a bad or unknown one is an analysis
    /// error naming the option (`kafka.<name>`).
    static func configuration(_ params: [String: String]) throws(RivuletError) -> KafkaConfiguration {
        do {
            return try KafkaConfiguration(params)
        } catch {
            // The client's message quotes the property name (and maybe the value): name the option.
            var option = ""
            let quoted = error.message.split(separator: "'", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            if let name = quoted.first(where: { params[$0] != nil }) ?? (error.message.hasPrefix("unknown") ? quoted.first : nil) {
                option = "kafka." + name
            }
            let subject = option.isEmpty ? "Invalid Kafka client options" : "Invalid Kafka option '\(option)'"
            throw RivuletError(.analysis, "\(subject): \(error.message)", errorClass: "KAFKA_INVALID_OPTION")
        }
    }

    /// A generous safety net above the client's own budgets (connection setup, request and API
    /// timeouts), so a hung call still ends.
    var callTimeout: Duration {
        .milliseconds(configuration.defaultApiTimeoutMs + configuration.requestTimeoutMs + configuration.socketConnectionSetupTimeoutMs + 5000)
    }

    /// The connected client, connecting on first use.
    func connected() throws(RivuletError) -> KafkaClient {
        if let c = client.withLock({ $0 }) { return c }
        let config = configuration
        let c = try KafkaBlocking.run("connecting to Kafka at \(servers)", timeout: callTimeout, { () async throws(KafkaError) -> KafkaClient in
            try await KafkaClient.connect(config)
        }, mapError: { e in
            RivuletError(.connector, "Cannot connect to Kafka (kafka.bootstrap.servers=\(servers)): \(e.message)", errorClass: "KAFKA_CONNECTION_FAILED", cause: e)
        })
        let winner = client.withLock { slot -> KafkaClient in
            if let existing = slot { return existing }
            slot = c
            return c
        }
        if winner !== c { Task.detached(executorPreference: KafkaTaskExecutor.shared) { await c.close() } }
        return winner
    }

    /// Runs `body` with the client; a Kafka error becomes a connector error starting with `what`.
    func call<T: Sendable>(_ what: @autoclosure () -> String, timeout: Duration? = nil,
                           _ body: @escaping @Sendable (KafkaClient) async throws(KafkaError) -> T) throws(RivuletError) -> T {
        let c = try connected()
        let label = what()
        return try KafkaBlocking.run(label, timeout: timeout ?? callTimeout, { () async throws(KafkaError) -> T in
            try await body(c)
        }, mapError: { e in self.error(label, e) })
    }

    /// `Failed <what> (kafka.bootstrap.servers=...): <client message>`.
    func error(_ what: String, _ e: KafkaError) -> RivuletError {
        RivuletError(.connector, "Failed \(what) (kafka.bootstrap.servers=\(servers)): \(e.message)", errorClass: "KAFKA_CONNECTOR_ERROR", cause: e)
    }

    /// Closes the client (a later call reconnects).
    func close() {
        guard let c = client.withLock({ slot -> KafkaClient? in defer { slot = nil }; return slot }) else { return }
        let done = DispatchSemaphore(value: 0)
        Task.detached(executorPreference: KafkaTaskExecutor.shared) {
            await c.close()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 5)
    }
}

extension KafkaTopicPartition {
    init(_ tp: TopicPartition) { self.init(tp.topic, tp.partition) }
    var client: TopicPartition { TopicPartition(topic, partition) }
}
