import NIOCore

/// A batch of records for one partition, from first append until acknowledged.
struct ProducerBatch: Sendable {
    let partition: TopicPartition
    var builder: RecordBatchBuilder
    let createdAt: ContinuousClock.Instant
    /// Assigned when first sent (idempotent producers); kept across retries.
    var baseSequence: Int32 = -1
    /// The encoded batch, made when first sent and resent unchanged on retries.
    var encoded: ByteBuffer?
    var attempts = 0
    /// Bytes counted against the producer's buffer.
    var accountedBytes = 0
    var retryNotBefore: ContinuousClock.Instant?

    var recordCount: Int { Int(builder.count) }
    var size: Int { builder.estimatedSize }
}

/// Per-partition queue: the batch being filled and the sealed batches waiting to be sent.
struct PartitionQueue: Sendable {
    var open: ProducerBatch?
    var ready: [ProducerBatch] = []
    var inFlight = 0
    var nextSequence: Int32 = 0
}

/// The transaction state machine of a transactional producer.
enum TransactionPhase: Sendable, Equatable {
    /// Not a transactional producer.
    case notTransactional
    /// `initTransactions` has not completed.
    case uninitialized
    /// Between transactions.
    case ready
    /// After `beginTransaction`.
    case inTransaction
}

/// Everything the producer's callers, sender and response handlers share, behind one lock.
struct ProducerState: Sendable {
    var queues: [TopicPartition: PartitionQueue] = [:]
    var sticky: [String: Int32] = [:]
    var pendingRecords = 0
    var bufferedBytes = 0
    var inFlightByNode: [Int32: Int] = [:]
    var flushing = 0
    var flushWaiters: [CheckedContinuation<Void, Never>] = []
    var memoryWaiters: [CheckedContinuation<Void, Never>] = []
    /// The first delivery failure since the last flush.
    var deliveryError: KafkaError?
    /// A failure after which the producer cannot continue (fenced, sequence lost).
    var unrecoverable: KafkaError?
    var closed = false
    var producerId: Int64 = -1
    var producerEpoch: Int16 = -1
    var phase: TransactionPhase
    var transactionPartitions: Set<TopicPartition> = []
    var lingerDeadline: ContinuousClock.Instant?

    init(transactional: Bool) { phase = transactional ? .uninitialized : .notTransactional }

    /// Whether a queue has something to send now.
    func hasSendable(_ q: PartitionQueue, now: ContinuousClock.Instant, linger: Duration, batchSize: Int) -> Bool {
        if let first = q.ready.first { return first.retryNotBefore.map { $0 <= now } ?? true }
        guard let open = q.open else { return false }
        return flushing > 0 || closed || open.size >= batchSize || now - open.createdAt >= linger
    }

    /// Records that `count` records (of `bytes`) are done (acknowledged or failed); returns waiters to resume.
    mutating func complete(records count: Int, bytes: Int) -> [CheckedContinuation<Void, Never>] {
        pendingRecords -= count
        bufferedBytes -= bytes
        var resume: [CheckedContinuation<Void, Never>] = []
        if pendingRecords == 0 {
            resume += flushWaiters
            flushWaiters.removeAll()
        }
        if !memoryWaiters.isEmpty {
            resume += memoryWaiters
            memoryWaiters.removeAll()
        }
        return resume
    }

    mutating func recordFailure(_ error: KafkaError) {
        if deliveryError == nil { deliveryError = error }
    }
}
