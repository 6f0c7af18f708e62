import Foundation
import NIOCore
import Synchronization

/// Produces records to Kafka: batches them per partition (`batch.size`, `linger.ms`), compresses
/// (`compression.type`), pipelines up to `max.in.flight.requests.per.connection` Produce requests per
/// broker, retries retriable failures within `delivery.timeout.ms`, and supports the idempotent
/// producer (`enable.idempotence`) and transactions (`transactional.id`).
///
/// ```swift
/// let producer = try await KafkaProducer.connect(try KafkaConfiguration([
///     "bootstrap.servers": "127.0.0.1:9092", "compression.type": "lz4", "linger.ms": "10"]))
/// try await producer.send(KafkaProducerRecord(topic: "events", key: Array("k".utf8), value: Array("v".utf8)))
/// try await producer.flush()          // waits for every acknowledgement
/// await producer.close()
/// ```
/// `send` only enqueues; delivery failures surface from the next `flush` (or `commitTransaction`).
/// As with Kafka's Java producer, retries may reorder records of a partition when
/// `max.in.flight.requests.per.connection` > 1 unless `enable.idempotence` is on. Call ``close()``
/// when done.
public final class KafkaProducer: Sendable {
    /// The configuration the producer was made with.
    public let configuration: KafkaConfiguration
    /// The client underneath (metadata, connections).
    public let client: KafkaClient
    let state: Mutex<ProducerState>
    let wakeups: AsyncStream<Void>.Continuation
    let senderTask: Mutex<Task<Void, Never>?> = Mutex(nil)
    let coordinatorAddress: Mutex<BrokerAddress?> = Mutex(nil)
    let linger: Duration
    let bufferMemory = 64 * 1024 * 1024

    init(client: KafkaClient) {
        self.client = client
        self.configuration = client.configuration
        self.linger = .milliseconds(client.configuration.lingerMs)
        self.state = Mutex(ProducerState(transactional: client.configuration.transactionalId != nil))
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wakeups = continuation
        // Weak: a producer dropped without close() ends its sender (the stream finishes with it).
        let task = Task { [weak self] in
            for await _ in stream {
                guard let self else { return }
                await self.senderPass()
            }
        }
        senderTask.withLock { $0 = task }
    }

    /// Connects a producer. An idempotent (non-transactional) producer also obtains its producer id;
    /// a transactional one needs ``initTransactions()`` before sending.
    public static func connect(_ configuration: KafkaConfiguration) async throws(KafkaError) -> KafkaProducer {
        let client = try await KafkaClient.connect(configuration)
        let producer = KafkaProducer(client: client)
        if configuration.enableIdempotence && configuration.transactionalId == nil {
            do {
                try await producer.initProducerId()
            } catch {
                await producer.close()
                throw error
            }
        }
        return producer
    }

    /// Enqueues a record into its partition's batch; returns once enqueued (waiting only when more
    /// than the producer's buffer is pending). A nil partition is chosen by murmur2 of the key, or
    /// stickily (one partition until its batch fills) for a nil key.
    public func send(_ record: KafkaProducerRecord) async throws(KafkaError) {
        try checkUsable(sending: true)
        let partition: Int32
        if let p = record.partition {
            partition = p
        } else {
            let count = try await partitionCount(record.topic)
            if let key = record.key {
                partition = Murmur2.partition(for: key, partitionCount: count)
            } else {
                partition = state.withLock { s in
                    if let p = s.sticky[record.topic], Int(p) < count { return p }
                    let p = Int32.random(in: 0..<Int32(count))
                    s.sticky[record.topic] = p
                    return p
                }
            }
        }
        let tp = TopicPartition(record.topic, partition)
        let timestamp = record.timestamp ?? Int64(Date().timeIntervalSince1970 * 1000)
        let recordSize = RecordBatchBuilder.recordSize(
            keyCount: record.key?.count, valueCount: record.value?.count, headers: record.headers,
            offsetDelta: 0, timestampDelta: 0)
        if recordSize + RecordBatchHeader.size > configuration.maxRequestSize {
            throw KafkaError(
                .brokerError(.messageTooLarge),
                "record for \(tp) is \(recordSize) bytes, larger than max.request.size \(configuration.maxRequestSize)",
                kafkaCode: .messageTooLarge)
        }
        while true {
            let (accepted, wake) = try state.withLock { (s: inout ProducerState) throws(KafkaError) -> (Bool, Bool) in
                if s.closed { throw KafkaError(.closed, "the producer is closed") }
                if s.bufferedBytes > bufferMemory { return (false, false) }
                var q = s.queues[tp] ?? PartitionQueue()
                var wake = false
                if let open = q.open, open.recordCount > 0, open.size + recordSize > configuration.batchSize {
                    q.ready.append(open)
                    q.open = nil
                    wake = true
                    if record.partition == nil, record.key == nil, s.sticky[tp.topic] == tp.partition {
                        s.sticky[tp.topic] = nil  // the sticky partition's batch is full: pick another next time
                    }
                }
                if q.open == nil {
                    q.open = ProducerBatch(
                        partition: tp, builder: RecordBatchBuilder(capacity: min(configuration.batchSize, 1 << 20) + 64),
                        createdAt: .now)
                    wake = true
                }
                q.open?.builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: timestamp)
                q.open?.accountedBytes += recordSize
                if let open = q.open, open.size >= configuration.batchSize { wake = true }
                s.queues[tp] = q
                s.pendingRecords += 1
                s.bufferedBytes += recordSize
                return (true, wake)
            }
            if accepted {
                if wake { wakeups.yield() }
                return
            }
            // Too much pending: wait for acknowledgements to free room.
            wakeups.yield()
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.bufferedBytes <= bufferMemory || s.closed { return true }
                    s.memoryWaiters.append(c)
                    return false
                }
                if resumeNow { c.resume() }
            }
        }
    }

    /// Sends every enqueued record now and waits until each is acknowledged (or, with acks=0,
    /// written). Throws the first delivery failure since the previous flush.
    public func flush() async throws(KafkaError) {
        state.withLock { $0.flushing += 1 }
        wakeups.yield()
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done = state.withLock { s -> Bool in
                if s.pendingRecords == 0 { return true }
                s.flushWaiters.append(c)
                return false
            }
            if done { c.resume() }
        }
        let error = state.withLock { s -> KafkaError? in
            s.flushing -= 1
            defer { s.deliveryError = nil }
            return s.unrecoverable ?? s.deliveryError
        }
        if let error { throw error }
    }

    /// Flushes (ignoring failures), stops the sender and closes the connections.
    public func close() async {
        try? await flush()
        state.withLock { $0.closed = true }
        wakeups.finish()
        let task = senderTask.withLock { $0 }
        await task?.value
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            defer { s.flushWaiters.removeAll(); s.memoryWaiters.removeAll() }
            return s.flushWaiters + s.memoryWaiters
        }
        for w in waiters { w.resume() }
        await client.close()
    }

    func checkUsable(sending: Bool) throws(KafkaError) {
        try state.withLock { (s: inout ProducerState) throws(KafkaError) in
            if let fatal = s.unrecoverable { throw fatal }
            if s.closed { throw KafkaError(.closed, "the producer is closed") }
            if sending {
                switch s.phase {
                case .notTransactional, .inTransaction: break
                case .uninitialized:
                    throw KafkaError(.invalidState, "transactional producer '\(configuration.transactionalId ?? "")': call initTransactions() before sending")
                case .ready:
                    throw KafkaError(.invalidState, "transactional producer '\(configuration.transactionalId ?? "")': call beginTransaction() before sending")
                }
            }
        }
    }

    func partitionCount(_ topic: String) async throws(KafkaError) -> Int {
        if let cached = client.cachedPartitionCount(topic) { return cached }
        let client = self.client
        return try await client.retrying(budgetMs: configuration.deliveryTimeoutMs) { () async throws(KafkaError) -> Int in
            guard let count = try await client.partitionCount(topic, allowAutoCreate: true) else {
                throw KafkaError(.unknownTopicOrPartition, "topic '\(topic)' does not exist and was not created automatically")
            }
            return count
        }
    }

    /// Fails `batches` (records counted as done) with `error`.
    func fail(_ batches: [ProducerBatch], _ error: KafkaError, fatal: Bool = false) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.recordFailure(error)
            if fatal && s.unrecoverable == nil { s.unrecoverable = error }
            var waiters: [CheckedContinuation<Void, Never>] = []
            for b in batches { waiters += s.complete(records: b.recordCount, bytes: b.accountedBytes) }
            return waiters
        }
        for w in waiters { w.resume() }
    }
}
