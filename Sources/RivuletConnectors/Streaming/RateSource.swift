import RivuletCore
import RivuletSQL
import RivuletStreaming
import Synchronization

/// Spark's `rate` source: `rowsPerSecond` rows per second of wall-clock time with columns
/// `timestamp TIMESTAMP, value BIGINT`, values counting up from 0.
///
/// Offsets are whole seconds since the source was first started (a JSON number, Spark's
/// `LongOffset`); the start time is kept in `sources/<n>/0` so a restarted query continues the
/// same sequence. With `rampUpTime` the speed grows linearly to `rowsPerSecond`
/// (``valueAtSecond(_:rowsPerSecond:rampUpTimeSeconds:)``). Rows of one batch get timestamps spread
/// evenly over the batch's seconds, and are dealt round-robin over `numPartitions` partitions.
///
/// ```swift
/// let rate = try RateSource(options: ["rowsPerSecond": "10"])
/// ```
public final class RateSource: StreamingSource {
    /// Target speed after the ramp-up.
    public let rowsPerSecond: Int64
    /// Seconds to reach `rowsPerSecond`.
    public let rampUpTimeSeconds: Int64
    /// Partitions per batch.
    public let numPartitions: Int
    /// `timestamp TIMESTAMP, value BIGINT`.
    public let schema = RateSource.rateSchema
    private let clock: @Sendable () -> Int64
    private let maxSeconds: Int64
    /// `creationTimeMs` is fixed by `start` (or the first offset request); `lastTimeMs` never goes back.
    private let state = Mutex<(creationTimeMs: Int64?, lastTimeMs: Int64)>((nil, 0))

    /// `timestamp TIMESTAMP, value BIGINT`.
    public static let rateSchema = StructType([StructField("timestamp", .timestamp), StructField("value", .long)])

    /// Reads `rowsPerSecond` (default 1), `rampUpTime` (default `0s`) and `numPartitions` (default:
    /// the number of cores). `clock` returns epoch milliseconds (tests pass a manual clock).
    public init(options: [String: String], clock: @escaping @Sendable () -> Int64 = StreamingClock.systemMillis) throws(RivuletError) {
        let o = SourceOptions(options)
        let rps = try StreamingOptions.long(o, "rowsPerSecond", default: 1)
        guard rps > 0 else { throw RivuletError(.analysis, "Invalid value '\(rps)'. The option 'rowsPerSecond' must be positive") }
        let ramp = try o["rampUpTime"].map { (s: String) throws(RivuletError) -> Int64 in
            try StreamingOptions.durationMs(s, option: "rampUpTime", defaultUnitMs: 1000) / 1000
        } ?? 0
        guard ramp >= 0 else { throw RivuletError(.analysis, "Invalid value '\(ramp)'. The option 'rampUpTime' must not be negative") }
        rowsPerSecond = rps
        rampUpTimeSeconds = ramp
        numPartitions = try StreamingOptions.numPartitions(o)
        maxSeconds = Int64.max / rps
        guard ramp <= maxSeconds else {
            throw RivuletError(.analysis, "Max offset with \(rps) rowsPerSecond is \(maxSeconds), but 'rampUpTimeSeconds' is \(ramp).", errorClass: "INCORRECT_RAMP_UP_RATE")
        }
        self.clock = clock
    }

    public var description: String {
        "RateStreamV2[rowsPerSecond=\(rowsPerSecond), rampUpTimeSeconds=\(rampUpTimeSeconds), numPartitions=\(numPartitions)"
    }

    public func start(checkpointDirectory: String?) throws(RivuletError) {
        var created: Int64
        if let dir = checkpointDirectory {
            let log = MetadataLog(directory: dir)
            if let body = try log.get(0) {
                guard let t = Int64(body.trimmingASCIISpaces()) else {
                    throw RivuletError(.checkpoint, "Checkpoint file \(log.path(0)) is corrupt: expected the rate source's start time, found '\(body.prefix(40))'",
                                       errorClass: "CHECKPOINT_FILE_CORRUPT")
                }
                created = t
            } else {
                created = clock()
                try log.add(0, String(created))
            }
        } else {
            created = clock()
        }
        state.withLock { s in
            s.creationTimeMs = created
            s.lastTimeMs = max(s.lastTimeMs, created)
        }
    }

    private func creationTime() -> Int64 {
        let now = clock()
        return state.withLock { s in
            if let c = s.creationTimeMs { return c }
            s.creationTimeMs = now
            s.lastTimeMs = max(s.lastTimeMs, now)
            return now
        }
    }

    public func latestOffset(after start: SourceOffset?) throws(RivuletError) -> SourceOffset? {
        let created = creationTime()
        let now = clock()
        let seconds = state.withLock { s -> Int64 in
            if s.lastTimeMs < now { s.lastTimeMs = now }
            return (s.lastTimeMs - created) / 1000
        }
        // The initial offset is 0: nothing to read until the first second has passed.
        if start == nil && seconds == 0 { return nil }
        return LongOffset.make(seconds)
    }

    public func planBatch(start: SourceOffset?, end: SourceOffset) throws(RivuletError) -> any ScanSource {
        let startSeconds = try start.map { (o: SourceOffset) throws(RivuletError) in try LongOffset.parse(o, source: description) } ?? 0
        let endSeconds = try LongOffset.parse(end, source: description)
        guard startSeconds <= endSeconds else {
            throw RivuletError(.checkpoint, "Invalid offset range for \(description): start \(startSeconds) is after end \(endSeconds)")
        }
        guard endSeconds <= maxSeconds else {
            throw RivuletError(.execution, "Max offset with \(rowsPerSecond) rowsPerSecond is \(maxSeconds), but it's \(endSeconds) now.", errorClass: "INCORRECT_END_OFFSET")
        }
        let created = creationTime()
        // Recovery: a replayed batch moves the clock floor to its end.
        state.withLock { s in s.lastTimeMs = max(s.lastTimeMs, endSeconds * 1000 + created) }
        let rangeStart = Self.valueAtSecond(startSeconds, rowsPerSecond: rowsPerSecond, rampUpTimeSeconds: rampUpTimeSeconds)
        let rangeEnd = Self.valueAtSecond(endSeconds, rowsPerSecond: rowsPerSecond, rampUpTimeSeconds: rampUpTimeSeconds)
        let localStartMs = created + startSeconds * 1000
        let spanMs = Double(endSeconds - startSeconds) * 1000
        let msPerValue: Double = rangeEnd == rangeStart ? 0 : spanMs / Double(rangeEnd - rangeStart)
        return RateScan(formatName: "rate", explainDetail: description, numPartitions: rangeStart == rangeEnd ? 0 : numPartitions,
                        rangeStart: rangeStart, rangeEnd: rangeEnd, timestamp: .spread(startMs: localStartMs, msPerValue: msPerValue))
    }

    /// The number of rows emitted by the end of second `seconds` (Spark's
    /// `RateStreamProvider.valueAtSecond`): speed grows by `rowsPerSecond / (rampUpTime + 1)` per
    /// second during the ramp-up, then stays at `rowsPerSecond`.
    public static func valueAtSecond(_ seconds: Int64, rowsPerSecond: Int64, rampUpTimeSeconds: Int64) -> Int64 {
        let delta = rowsPerSecond / (rampUpTimeSeconds + 1)
        if seconds <= rampUpTimeSeconds {
            // (delta * seconds) * (seconds + 1) / 2, ordered to avoid overflow.
            return seconds % 2 == 1 ? (seconds + 1) / 2 * delta * seconds : seconds / 2 * delta * (seconds + 1)
        }
        let rampUp = valueAtSecond(rampUpTimeSeconds, rowsPerSecond: rowsPerSecond, rampUpTimeSeconds: rampUpTimeSeconds)
        return rampUp &+ (seconds - rampUpTimeSeconds) &* rowsPerSecond
    }
}

/// The bounded scan of one rate batch: values `rangeStart ..< rangeEnd`, value `v` in partition
/// `(v - rangeStart) % numPartitions`.
struct RateScan: ScanSource {
    enum Timestamps: Sendable {
        /// `rate`: `startMs + round((v - rangeStart) * msPerValue)`.
        case spread(startMs: Int64, msPerValue: Double)
        /// `rate-micro-batch`: one timestamp for the whole batch.
        case constant(ms: Int64)
    }

    let formatName: String
    let explainDetail: String
    let numPartitions: Int
    let rangeStart: Int64
    let rangeEnd: Int64
    let timestamp: Timestamps
    var schema: StructType { RateSource.rateSchema }

    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        (0..<numPartitions).map { p in
            RatePartition(partition: Int64(p), numPartitions: Int64(numPartitions), rangeStart: rangeStart, rangeEnd: rangeEnd,
                          timestamp: timestamp, required: requiredColumns ?? [0, 1])
        }
    }
}

/// Generates one partition's rows straight into typed arrays, in chunks.
struct RatePartition: ScanPartition {
    static let chunkRows = 65_536
    let partition: Int64
    let numPartitions: Int64
    let rangeStart: Int64
    let rangeEnd: Int64
    let timestamp: RateScan.Timestamps
    let required: [Int]

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        let first = rangeStart + partition
        guard first < rangeEnd else { return }
        let total = Int((rangeEnd - first - 1) / numPartitions + 1)
        let schema = StructType(required.map { RateSource.rateSchema[$0] })
        var done = 0
        while done < total {
            let n = min(Self.chunkRows, total - done)
            let base = first + Int64(done) * numPartitions
            var columns: [ColumnVector] = []
            for c in required {
                if c == 1 {
                    let values = [Int64](unsafeUninitializedCapacity: n) { buf, count in
                        for i in 0..<n { buf[i] = base + Int64(i) * numPartitions }
                        count = n
                    }
                    columns.append(ColumnVector(int64: values))
                } else {
                    let micros: [Int64]
                    switch timestamp {
                    case .constant(let ms):
                        micros = [Int64](repeating: ms &* 1000, count: n)
                    case .spread(let startMs, let msPerValue):
                        micros = [Int64](unsafeUninitializedCapacity: n) { buf, count in
                            for i in 0..<n {
                                let rel = Double(base + Int64(i) * numPartitions - rangeStart) * msPerValue
                                // Java's Math.round: floor(x + 0.5).
                                buf[i] = (Int64((rel + 0.5).rounded(.down)) + startMs) &* 1000
                            }
                            count = n
                        }
                    }
                    columns.append(ColumnVector(dataType: .timestamp, count: n, validity: nil, storage: .int64(micros)))
                }
            }
            try emit(RecordBatch(unchecked: schema, columns: columns, numRows: n))
            done += n
        }
    }
}

/// Spark's `rate-micro-batch` source: exactly `rowsPerBatch` rows per micro-batch, whatever the
/// trigger or lag. Batch `k` holds values `k*rowsPerBatch ..< (k+1)*rowsPerBatch`, all with
/// timestamp `startTimestamp + k*advanceMillisPerBatch` (ms).
///
/// Offsets are `{"offset":<next value>,"timestamp":<ms>}`, as Spark's
/// `RatePerMicroBatchStreamOffset`.
public final class RateMicroBatchSource: StreamingSource {
    /// Rows in every batch.
    public let rowsPerBatch: Int64
    /// Partitions per batch.
    public let numPartitions: Int
    /// Timestamp (ms) of batch 0.
    public let startTimestamp: Int64
    /// Timestamp step (ms) between batches.
    public let advanceMillisPerBatch: Int64
    /// `timestamp TIMESTAMP, value BIGINT`.
    public let schema = RateSource.rateSchema
    /// The end fixed by `prepareForTriggerAvailableNow` (one batch past the start).
    private let availableNow = Mutex<(enabled: Bool, end: SourceOffset?)>((false, nil))

    /// Reads `rowsPerBatch` (required, positive), `numPartitions`, `startTimestamp` (default 0)
    /// and `advanceMillisPerBatch` (default 1000).
    public init(options: [String: String]) throws(RivuletError) {
        let o = SourceOptions(options)
        let rows = try StreamingOptions.long(o, "rowsPerBatch", default: 0)
        guard rows > 0 else { throw RivuletError(.analysis, "Invalid value '\(rows)'. The option 'rowsPerBatch' must be positive") }
        numPartitions = try StreamingOptions.numPartitions(o)
        let start = try StreamingOptions.long(o, "startTimestamp", default: 0)
        guard start >= 0 else { throw RivuletError(.analysis, "Invalid value '\(start)'. The option 'startTimestamp' must be non-negative") }
        let advance = try StreamingOptions.long(o, "advanceMillisPerBatch", default: 1000)
        guard advance >= 0, advance <= Int64(Int32.max) else {
            throw RivuletError(.analysis, "Invalid value '\(advance)'. The option 'advanceMillisPerBatch' must be non-negative")
        }
        rowsPerBatch = rows
        startTimestamp = start
        advanceMillisPerBatch = advance
    }

    public var description: String {
        "RatePerMicroBatchStream[rowsPerBatch=\(rowsPerBatch), numPartitions=\(numPartitions), startTimestamp=\(startTimestamp), advanceMsPerBatch=\(advanceMillisPerBatch)]"
    }

    public func start(checkpointDirectory: String?) throws(RivuletError) {}

    static func offsetJSON(_ offset: Int64, _ timestamp: Int64) -> SourceOffset {
        SourceOffset(json: "{\"offset\":\(offset),\"timestamp\":\(timestamp)}")
    }

    func parse(_ o: SourceOffset) throws(RivuletError) -> (offset: Int64, timestamp: Int64) {
        let v = try? JSONValue.parse(o.json)
        guard let v, let off = LogJSON.int64(v["offset"]), let ts = LogJSON.int64(v["timestamp"]) else {
            throw RivuletError(.checkpoint, "Invalid offset '\(o.json)' for \(description): expected {\"offset\":n,\"timestamp\":t}", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        return (off, ts)
    }

    public func prepareForTriggerAvailableNow() throws(RivuletError) {
        availableNow.withLock { $0.enabled = true }
    }

    public func latestOffset(after start: SourceOffset?) throws(RivuletError) -> SourceOffset? {
        let (off, ts) = try start.map { (o: SourceOffset) throws(RivuletError) in try parse(o) } ?? (0, startTimestamp)
        let (sum, overflow) = off.addingReportingOverflow(rowsPerBatch)
        let next = Self.offsetJSON(overflow ? Int64.max : sum, ts + advanceMillisPerBatch)
        return availableNow.withLock { s in
            guard s.enabled else { return next }
            if s.end == nil { s.end = next }
            return s.end
        }
    }

    public func planBatch(start: SourceOffset?, end: SourceOffset) throws(RivuletError) -> any ScanSource {
        let (from, ts) = try start.map { (o: SourceOffset) throws(RivuletError) in try parse(o) } ?? (0, startTimestamp)
        let (to, endTs) = try parse(end)
        guard from <= to, ts <= endTs else {
            throw RivuletError(.checkpoint, "Invalid offset range for \(description): \(start?.json ?? "start") is after \(end.json)")
        }
        return RateScan(formatName: "rate-micro-batch", explainDetail: description, numPartitions: from == to ? 0 : numPartitions,
                        rangeStart: from, rangeEnd: to, timestamp: .constant(ms: ts))
    }
}
