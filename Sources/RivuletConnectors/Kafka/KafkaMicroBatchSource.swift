import RivuletCore
import RivuletKafka
import RivuletSQL
import RivuletStreaming
import Synchronization

/// Spark's Kafka source for micro-batch queries (`KafkaMicroBatchStream`):
///
/// ```swift
/// let events = try spark.readStream.format("kafka")
///     .option("kafka.bootstrap.servers", "127.0.0.1:9092").option("subscribe", "events")
///     .option("startingOffsets", "earliest").load()
///     .selectExpr("CAST(value AS STRING) AS json")
/// ```
///
/// Offsets are per partition, in the checkpoint as Spark writes them
/// (`{"events":{"0":23,"1":5}}`: the next offset to read). The starting offsets of a new query
/// are fixed once and kept in `sources/<n>/0`, so a restart before the first batch starts from
/// the same place. Every trigger lists the subscribed partitions again: partitions added to a topic
/// (and topics matching `subscribePattern`) are read from their earliest offset; deleted ones and
/// offsets that went backwards follow `failOnDataLoss`.
///
/// Rate limits: `maxOffsetsPerTrigger` (split across partitions by backlog),
/// `minOffsetsPerTrigger` with `maxTriggerDelay`. `Trigger.availableNow` reads up to the offsets
/// that were latest when the query started.
public final class KafkaMicroBatchSource: StreamingSource {
    /// The validated options.
    public let options: KafkaSourceOptions
    /// The source's fixed schema.
    public let schema: StructType
    let handle: KafkaClientHandle
    let reader: KafkaOffsetReader
    let dataLoss: KafkaDataLossReporter
    private let clock: @Sendable () -> Int64
    private let state = Mutex(State())

    struct State {
        var initial: KafkaPartitionOffsets?
        var lastTriggerMillis: Int64 = 0
        var availableNow = false
        var availableNowEnd: KafkaPartitionOffsets?
    }

    /// Validates the options (a bad one fails here, at `load()`); nothing connects until `start`.
    public init(options raw: [String: String], userSchema: StructType? = nil,
                clock: @escaping @Sendable () -> Int64 = StreamingClock.systemMillis) throws(RivuletError) {
        if userSchema != nil {
            throw RivuletError(.analysis, "requirement failed: Kafka source has a fixed schema and cannot be set with a custom one")
        }
        options = try KafkaSourceOptions(raw, batch: false)
        let config = try KafkaClientHandle.configuration(options.kafkaParams)
        handle = KafkaClientHandle(configuration: config)
        reader = KafkaOffsetReader(handle: handle, options: options)
        dataLoss = KafkaDataLossReporter(failOnDataLoss: options.failOnDataLoss)
        schema = KafkaRecordSchema.schema(includeHeaders: options.includeHeaders)
        self.clock = clock
    }

    public var description: String { "KafkaV2[\(options.subscription)]" }

    /// How many possible data-loss cases were logged and skipped (`failOnDataLoss=false`).
    public var dataLossCount: Int { dataLoss.count }

    /// Connects and fixes the starting offsets (from `sources/<n>/0`, or from `startingOffsets`,
    /// written there for the next run).
    public func start(checkpointDirectory: String?) throws(RivuletError) {
        _ = try handle.connected()
        let log = checkpointDirectory.map { MetadataLog(directory: $0) }
        if let log, let body = try log.get(0) {
            let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let offsets = KafkaOffsetJSON.parseOffsets(text) else {
                throw RivuletError(.checkpoint, "Checkpoint file \(log.path(0)) is corrupt: expected the Kafka source's initial offsets like {\"topic\":{\"0\":23}}, found '\(text.prefix(200))'",
                                   errorClass: "CHECKPOINT_FILE_CORRUPT")
            }
            state.withLock { $0.initial = offsets }
            return
        }
        let offsets = try reader.resolve(options.startingOffsets, starting: true)
        try log?.add(0, KafkaOffsetJSON.serialize(offsets))
        state.withLock { $0.initial = offsets }
    }

    private func initialOffsets() throws(RivuletError) -> KafkaPartitionOffsets {
        if let i = state.withLock({ $0.initial }) { return i }
        try start(checkpointDirectory: nil)
        return state.withLock { $0.initial } ?? [:]
    }

    private func parse(_ o: SourceOffset) throws(RivuletError) -> KafkaPartitionOffsets {
        guard let p = KafkaOffsetJSON.parseOffsets(o.json) else {
            throw RivuletError(.checkpoint, "Invalid offset '\(o.json.prefix(200))' for \(description): expected {\"topic\":{\"0\":23}}", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        return p
    }

    /// `start` parsed, or the initial offsets before the first batch.
    private func offsets(_ start: SourceOffset?) throws(RivuletError) -> KafkaPartitionOffsets {
        if let start { return try parse(start) }
        return try initialOffsets()
    }

    public func prepareForTriggerAvailableNow() throws(RivuletError) {
        state.withLock { $0.availableNow = true }
    }

    /// The latest offsets of the partitions covered now (fixed once under `availableNow`).
    private func latestOffsets() throws(RivuletError) -> KafkaPartitionOffsets {
        let (availableNow, fixed) = state.withLock { ($0.availableNow, $0.availableNowEnd) }
        if let fixed { return fixed }
        let latest = try reader.latest(try reader.partitions())
        if availableNow { state.withLock { $0.availableNowEnd = latest } }
        return latest
    }

    public func latestOffset(after start: SourceOffset?) throws(RivuletError) -> SourceOffset? {
        let from = try offsets(start)
        let latest = try latestOffsets()
        var end = latest
        let availableNow = state.withLock { $0.availableNow }
        // Under availableNow the batches run back to back up to the fixed end: waiting for more
        // data (minOffsetsPerTrigger) would end the query early, so only the upper limit applies.
        if !availableNow, let minRows = options.minOffsetsPerTrigger, try delayBatch(minRows, latest: latest, current: from) {
            end = from
        } else if let limit = options.maxOffsetsPerTrigger {
            let new = latest.keys.filter { from[$0] == nil }
            let fromNew = new.isEmpty ? [:] : try reader.earliest(new)
            end = KafkaOffsetPlanning.rateLimit(limit, from: from, until: latest, fromNew: fromNew)
        }
        // No new data (or no partitions yet): the previous end, so the engine runs no batch (and no
        // empty batch 0 before the first record arrives).
        if end.isEmpty || end == from { return start }
        return SourceOffset(json: KafkaOffsetJSON.serialize(end))
    }

    /// `minOffsetsPerTrigger`: true when fewer new offsets than `minRows` are available and
    /// `maxTriggerDelay` has not passed since the last batch.
    private func delayBatch(_ minRows: Int64, latest: KafkaPartitionOffsets, current: KafkaPartitionOffsets) throws(RivuletError) -> Bool {
        let now = clock()
        return state.withLock { s in
            if now - s.lastTriggerMillis >= options.maxTriggerDelayMs {
                s.lastTriggerMillis = now
                return false
            }
            if KafkaOffsetPlanning.backlog(latest: latest, current: current) < minRows { return true }
            s.lastTriggerMillis = now
            return false
        }
    }

    public func planBatch(start: SourceOffset?, end: SourceOffset) throws(RivuletError) -> any ScanSource {
        let from = try offsets(start)
        let until = try parse(end)
        let ranges = try KafkaSourceRanges.resolve(from: from, until: until, reader: reader, dataLoss: dataLoss, customGroupId: options.customGroupId)
        return KafkaScan(explainDetail: description,
                         ranges: KafkaOffsetPlanning.ranges(ranges, minPartitions: options.minPartitions, maxRecordsPerPartition: options.maxRecordsPerPartition),
                         includeHeaders: options.includeHeaders, handle: handle, dataLoss: dataLoss, groupId: options.executorGroupId,
                         pollTimeoutMs: options.pollTimeoutMs)
    }

    public func stop() {
        handle.close()
    }
}

/// Turns resolved start and end offsets into ranges, reporting possible data loss as Spark's
/// `getOffsetRangesFromResolvedOffsets` does.
enum KafkaSourceRanges {
    static func resolve(from: KafkaPartitionOffsets, until: KafkaPartitionOffsets, reader: KafkaOffsetReader,
                        dataLoss: KafkaDataLossReporter, customGroupId: Bool) throws(RivuletError) -> [KafkaOffsetRange] {
        // Partitions new since `from` start at their earliest offset, which should be 0.
        let newPartitions = Set(until.keys).subtracting(from.keys)
        var newStarts: KafkaPartitionOffsets = [:]
        if !newPartitions.isEmpty {
            let existing = try reader.partitions().intersection(newPartitions)
            newStarts = try reader.earliest(existing)
            let vanished = newPartitions.subtracting(newStarts.keys)
            if !vanished.isEmpty {
                try dataLoss.report("INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS",
                                    "Cannot find initial offsets for partitions \(KafkaOffsetJSON.list(vanished)). They may have been deleted.")
            }
            for (tp, o) in newStarts.sorted(by: { $0.key < $1.key }) where o != 0 {
                try dataLoss.report("ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO", "Added partition \(tp) starts from \(o) instead of 0.")
            }
        }
        let deleted = Set(from.keys).subtracting(until.keys)
        if !deleted.isEmpty {
            if customGroupId {
                try dataLoss.report("PARTITIONS_DELETED_AND_GROUP_ID_CONFIG_PRESENT",
                                    "Partitions \(KafkaOffsetJSON.list(deleted)) have been deleted. Kafka option 'kafka.group.id' has been set on this query, it is not recommended to set this option.")
            } else {
                try dataLoss.report("PARTITIONS_DELETED", "Partitions \(KafkaOffsetJSON.list(deleted)) have been deleted.")
            }
        }
        var ranges: [KafkaOffsetRange] = []
        for tp in until.keys.sorted() {
            guard let start = from[tp] ?? newStarts[tp], let end = until[tp] else { continue }
            if end < start {
                try dataLoss.report("PARTITION_OFFSET_CHANGED",
                                    "Partition \(tp) offset was changed from \(start) to \(end). This could either be a user error that the start offset is set too high and this is the first batch, or the kafka topic-partition is broken, and some data may have been missed.")
            }
            ranges.append(KafkaOffsetRange(tp, start, end))
        }
        return ranges
    }
}
