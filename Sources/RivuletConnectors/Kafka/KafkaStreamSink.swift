import Dispatch
import RivuletCore
import RivuletKafka
import RivuletStreaming
import Synchronization

/// A sink that can check the query's output schema when the query starts (before any data).
public protocol SchemaValidatingSink: StreamingSink {
    /// Fails with an analysis error when the sink cannot write rows of `schema`.
    func validate(schema: StructType) throws(RivuletError)
}

/// Spark's Kafka sink for streaming queries (`writeStream.format("kafka")`), in every output mode.
///
/// ```swift
/// let q = try counts.selectExpr("CAST(word AS STRING) AS key", "CAST(n AS STRING) AS value")
///     .writeStream.format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:9092")
///     .option("topic", "counts").option("checkpointLocation", "ckpt").outputMode(.update).start()
/// ```
///
/// By default it is at-least-once, like Spark: a batch replayed after a crash is written again.
/// With `rivulet.exactlyOnce=true` (or `kafka.transactional.id`) each batch is one Kafka
/// transaction that also writes a marker `{"batchId":N}` (key: the transactional id) to
/// `rivulet.commitTopic`. On start the sink's `initTransactions` aborts a transaction a crashed
/// run left open, then reads the markers (read_committed) to learn the last batch it committed; a
/// replayed batch at or below it is skipped, so read_committed consumers see every row once.
public final class KafkaStreamSink: SchemaValidatingSink {
    /// The validated options.
    public let options: KafkaSinkOptions
    let configuration: KafkaConfiguration
    private let state = Mutex(State())

    struct State {
        var producer: KafkaProducer?
        /// Exactly-once: the newest batch id whose transaction committed (-1: none).
        var lastCommitted: Int64?
    }

    public init(options raw: [String: String]) throws(RivuletError) {
        options = try KafkaSinkOptions(raw, streaming: true)
        configuration = try KafkaClientHandle.configuration(options.kafkaParams)
    }

    public var description: String {
        options.exactlyOnce ? "KafkaSink[exactly-once, transactional.id=\(options.transactionalId ?? "")]" : "KafkaSink"
    }

    public func validate(schema: StructType) throws(RivuletError) {
        _ = try KafkaWriteColumns(schema: schema, topic: options.topic)
    }

    var servers: String { configuration.bootstrapServers.joined(separator: ",") }

    /// Enough for the producer's own budgets (delivery, request, connection setup).
    var timeout: Duration {
        .milliseconds(configuration.deliveryTimeoutMs + configuration.requestTimeoutMs + configuration.socketConnectionSetupTimeoutMs + 10_000)
    }

    func fail(_ what: String, _ e: KafkaError) -> RivuletError {
        RivuletError(.connector, "Failed \(what) (kafka.bootstrap.servers=\(servers)): \(e.message)", errorClass: "KAFKA_CONNECTOR_ERROR", cause: e)
    }

    public func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {
        let columns = try KafkaWriteColumns(schema: schema, topic: options.topic)
        var records: [KafkaProducerRecord] = []
        for b in batches {
            for r in try columns.records(b) {
                records.append(KafkaProducerRecord(topic: r.topic, partition: r.partition, key: r.key, value: r.value,
                                                   headers: r.headers.map { KafkaHeader(key: $0.key, value: $0.value) }))
            }
        }
        let producer = try connectedProducer()
        if !options.exactlyOnce {
            let sending = records
            try KafkaBlocking.run("writing batch \(batchId) to Kafka", timeout: timeout, { () async throws(KafkaError) in
                for r in sending { try await producer.send(r) }
                try await producer.flush()
            }, mapError: { fail("to write batch \(batchId) (\(records.count) records)", $0) })
            return
        }
        let last = try lastCommittedBatch(producer)
        if batchId <= last { return }   // committed before a crash: writing it again would duplicate it
        let marker = KafkaProducerRecord(topic: options.commitTopic, partition: 0, key: Array((options.transactionalId ?? "").utf8),
                                         value: Array("{\"batchId\":\(batchId)}".utf8))
        let sending = records + [marker]
        do throws(RivuletError) {
            try KafkaBlocking.run("writing batch \(batchId) to Kafka in a transaction", timeout: timeout, { () async throws(KafkaError) in
                try producer.beginTransaction()
                do throws(KafkaError) {
                    for r in sending { try await producer.send(r) }
                    try await producer.commitTransaction()
                } catch {
                    try? await producer.abortTransaction()
                    throw error
                }
            }, mapError: { fail("to write batch \(batchId) (\(records.count) records) in transaction '\(options.transactionalId ?? "")'", $0) })
        } catch {
            // The producer may be fenced or mid-transaction: start over on the next attempt.
            dropProducer()
            throw error
        }
        state.withLock { $0.lastCommitted = batchId }
    }

    /// The producer, connected (and in exactly-once mode, registered with `initTransactions`).
    private func connectedProducer() throws(RivuletError) -> KafkaProducer {
        if let p = state.withLock({ $0.producer }) { return p }
        let config = configuration
        let exactlyOnce = options.exactlyOnce
        let p = try KafkaBlocking.run("connecting the Kafka producer to \(servers)", timeout: timeout, { () async throws(KafkaError) -> KafkaProducer in
            let p = try await KafkaProducer.connect(config)
            if exactlyOnce {
                do throws(KafkaError) { try await p.initTransactions() } catch {
                    await p.close()
                    throw error
                }
            }
            return p
        }, mapError: { e in
            RivuletError(.connector, "Cannot connect the Kafka producer (kafka.bootstrap.servers=\(servers)): \(e.message)", errorClass: "KAFKA_CONNECTION_FAILED", cause: e)
        })
        state.withLock { $0.producer = p }
        return p
    }

    /// Exactly-once: the newest batch id recorded for this transactional id in the commit topic
    /// (read once per producer, after `initTransactions` settled any open transaction).
    private func lastCommittedBatch(_ producer: KafkaProducer) throws(RivuletError) -> Int64 {
        if let last = state.withLock({ $0.lastCommitted }) { return last }
        let topic = options.commitTopic
        let key = Array((options.transactionalId ?? "").utf8)
        let last = try KafkaBlocking.run("reading the committed batch ids from '\(topic)'", timeout: timeout, { () async throws(KafkaError) -> Int64 in
            try await KafkaCommitMarkers.last(client: producer.client, topic: topic, key: key)
        }, mapError: { fail("to read the committed batch ids from '\(topic)'", $0) })
        state.withLock { $0.lastCommitted = last }
        return last
    }

    private func dropProducer() {
        guard let p = state.withLock({ s -> KafkaProducer? in
            defer { s.producer = nil; s.lastCommitted = nil }
            return s.producer
        }) else { return }
        Task.detached(executorPreference: KafkaTaskExecutor.shared) { await p.close() }
    }

    public func stop() {
        guard let p = state.withLock({ s -> KafkaProducer? in defer { s.producer = nil }; return s.producer }) else { return }
        let done = DispatchSemaphore(value: 0)
        Task.detached(executorPreference: KafkaTaskExecutor.shared) {
            await p.close()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 10)
    }
}

/// The exactly-once sink's record of committed batches: one-partition topic, key = transactional
/// id, value = `{"batchId":N}`, written inside each batch's transaction.
enum KafkaCommitMarkers {
    /// The newest batch id committed under `key`, or -1. Creates the topic when it is missing.
    static func last(client: KafkaClient, topic: String, key: [UInt8]) async throws(KafkaError) -> Int64 {
        let meta = try await client.metadata(topics: [topic])
        if meta.topics[topic] == nil {
            let replication = Int16(max(1, min(3, meta.brokers.count)))
            do {
                try await client.createTopic(topic, partitions: 1, replicationFactor: replication, configs: ["cleanup.policy": "compact"])
            } catch {
                if error.kafkaCode?.rawValue != 36 { throw error }   // TOPIC_ALREADY_EXISTS: another sink made it
            }
            return -1
        }
        let tp = TopicPartition(topic, 0)
        let bounds = try await client.listOffsets([tp: .earliest], isolation: .readCommitted)
        let ends = try await client.listOffsets([tp: .latest], isolation: .readCommitted)
        var offset = bounds[tp] ?? 0
        let end = ends[tp] ?? 0
        var last: Int64 = -1
        var idle = 0
        while offset < end {
            guard let r = try await client.fetch([tp: offset], isolation: .readCommitted)[tp] else { break }
            if let e = r.error { throw e }
            for rec in r.records where rec.offset >= offset && rec.key == key {
                if let v = rec.value, let id = batchId(v) { last = max(last, id) }
            }
            let next = max(r.nextOffset, (r.records.last?.offset ?? -1) + 1)
            if next <= offset {
                idle += 1
                if idle > 500 { throw KafkaError(.timedOut, "no progress reading \(tp) at offset \(offset) (end \(end))") }
                try? await Task.sleep(for: .milliseconds(10))
                continue
            }
            idle = 0
            offset = next
        }
        return last
    }

    /// `{"batchId":12}` → 12.
    static func batchId(_ bytes: [UInt8]) -> Int64? {
        guard let v = try? JSONValue.parse(String(decoding: bytes, as: UTF8.self)), case .number(let n, true)? = v["batchId"] else { return nil }
        return Int64(n)
    }
}
