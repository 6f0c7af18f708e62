/// Reads offset ranges `[from, until)` of one or more partitions with an explicit poll loop.
///
/// Keeps one fetch in flight ahead of the caller (the next fetch starts as soon as a result is
/// handed out), and after a fetch that makes no progress backs off — 1 ms doubling to 100 ms by
/// default — instead of spinning on a broker that answers empty fetches at once.
///
/// ```swift
/// let reader = KafkaPartitionReader(client: client, ranges: [TopicPartition("events", 0): 0..<1000])
/// while let records = try await reader.next() { process(records) }
/// ```
/// `until` may be `Int64.max` for an unbounded read; `next()` then never returns nil.
public actor KafkaPartitionReader {
    /// The client fetches go through.
    public let client: KafkaClient
    /// The isolation level of every fetch.
    public let isolation: KafkaIsolationLevel
    private let maxBytes: Int?
    private let minBackoff: Duration
    private let maxBackoff: Duration
    private var positions: [TopicPartition: Int64]
    private let ends: [TopicPartition: Int64]
    private var inFlight: Task<Result<[TopicPartition: KafkaFetchResult], KafkaError>, Never>?
    private var inFlightPositions: [TopicPartition: Int64] = [:]
    private var backoff: Duration = .zero
    /// Fetches made so far (for tests and metrics).
    public private(set) var fetchCount = 0
    /// Fetches that returned nothing new.
    public private(set) var emptyFetchCount = 0

    /// Reads `ranges` (partition → `from..<until`). Empty ranges are done at once.
    public init(
        client: KafkaClient, ranges: [TopicPartition: Range<Int64>], isolation: KafkaIsolationLevel = .readUncommitted,
        maxBytes: Int? = nil, minBackoff: Duration = .milliseconds(1), maxBackoff: Duration = .milliseconds(100)
    ) {
        self.client = client
        self.isolation = isolation
        self.maxBytes = maxBytes
        self.minBackoff = minBackoff
        self.maxBackoff = max(maxBackoff, minBackoff)
        self.positions = ranges.mapValues(\.lowerBound)
        self.ends = ranges.mapValues(\.upperBound)
    }

    /// The next offset to read per partition.
    public var currentPositions: [TopicPartition: Int64] { positions }

    /// Whether every partition has reached its `until`.
    public var isFinished: Bool { positions.allSatisfy { $0.value >= (ends[$0.key] ?? 0) } }

    /// The next records (possibly empty while waiting for data), in offset order per partition;
    /// nil once every partition reached its end. Throws on errors such as offset out of range.
    public func next() async throws(KafkaError) -> [KafkaRecord]? {
        if isFinished {
            inFlight?.cancel()
            inFlight = nil
            return nil
        }
        if inFlight == nil { startFetch() }
        guard let task = inFlight else { return [] }
        let requested = inFlightPositions
        let outcome = await task.value
        inFlight = nil
        let results = try outcome.get()
        fetchCount += 1
        var records: [KafkaRecord] = []
        var progressed = false
        for (tp, result) in results.sorted(by: { $0.key < $1.key }) {
            guard let start = requested[tp], positions[tp] == start else { continue }
            if let error = result.error { throw error }
            let end = ends[tp] ?? .max
            for r in result.records where r.offset < end { records.append(r) }
            let next = min(max(result.nextOffset, start), end)
            if next > start { progressed = true }
            positions[tp] = next
        }
        if progressed {
            backoff = .zero
        } else {
            emptyFetchCount += 1
            backoff = backoff == .zero ? minBackoff : min(backoff * 2, maxBackoff)
        }
        if !isFinished { startFetch(after: progressed ? .zero : backoff) }
        return records
    }

    /// Stops the fetch in flight.
    public func close() {
        inFlight?.cancel()
        inFlight = nil
    }

    private func startFetch(after delay: Duration = .zero) {
        let wanted = positions.filter { $0.value < (ends[$0.key] ?? 0) }
        inFlightPositions = wanted
        let client = self.client, isolation = self.isolation, maxBytes = self.maxBytes
        inFlight = Task {
            if delay > .zero { try? await Task.sleep(for: delay) }
            do throws(KafkaError) {
                return .success(try await client.fetch(wanted, isolation: isolation, maxBytes: maxBytes))
            } catch {
                return .failure(error)
            }
        }
    }
}
