import RivuletCore
import RivuletSQL

/// A batch read of Kafka (`spark.read.format("kafka")`, Spark's `KafkaRelation`): the records
/// between `startingOffsets` (default earliest) and `endingOffsets` (default latest), resolved when
/// the query runs, read with one scan partition per offset range (split by `minPartitions`).
///
/// ```swift
/// let df = try spark.read.format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:9092")
///     .option("subscribe", "events").option("endingOffsets", "{\"events\":{\"0\":100}}").load()
/// ```
public struct KafkaRelation: ScanSource {
    /// The validated options.
    public let options: KafkaSourceOptions
    let handle: KafkaClientHandle
    let reader: KafkaOffsetReader
    let dataLoss: KafkaDataLossReporter

    /// Validates the options; nothing connects until the query runs.
    public init(options raw: [String: String], userSchema: StructType? = nil) throws(RivuletError) {
        if userSchema != nil {
            throw RivuletError(.analysis, "requirement failed: Kafka source has a fixed schema and cannot be set with a custom one")
        }
        for key in ["maxoffsetspertrigger", "minoffsetspertrigger", "maxtriggerdelay"] where raw.keys.contains(where: { $0.lowercased() == key }) {
            warn("\(key == "maxoffsetspertrigger" ? "maxOffsetsPerTrigger" : key == "minoffsetspertrigger" ? "minOffsetsPerTrigger" : "maxTriggerDelay") option ignored in batch queries")
        }
        options = try KafkaSourceOptions(raw, batch: true)
        handle = KafkaClientHandle(configuration: try KafkaClientHandle.configuration(options.kafkaParams))
        reader = KafkaOffsetReader(handle: handle, options: options)
        dataLoss = KafkaDataLossReporter(failOnDataLoss: options.failOnDataLoss)
    }

    public var formatName: String { "kafka" }
    public var explainDetail: String { "KafkaRelation(strategy=\(options.subscription), start=\(Self.text(options.startingOffsets)), end=\(Self.text(options.endingOffsets)))" }
    public var schema: StructType { KafkaRecordSchema.schema(includeHeaders: options.includeHeaders) }

    static func text(_ limit: KafkaSourceOptions.OffsetLimit) -> String {
        switch limit {
        case .earliest: return "EarliestOffsetRangeLimit"
        case .latest: return "LatestOffsetRangeLimit"
        case .specific(let p): return "SpecificOffsetRangeLimit(\(KafkaOffsetJSON.serialize(p)))"
        case .specificTimestamp(let p, _): return "SpecificTimestampRangeLimit(\(KafkaOffsetJSON.serialize(p)))"
        case .globalTimestamp(let t, _): return "GlobalTimestampRangeLimit(\(t))"
        }
    }

    /// The offset ranges the read covers now.
    func ranges() throws(RivuletError) -> [KafkaOffsetRange] {
        let from = try reader.resolve(options.startingOffsets, starting: true)
        let until = try reader.resolve(options.endingOffsets, starting: false)
        guard Set(from.keys) == Set(until.keys) else {
            throw RivuletError(.connector, "different topic partitions for starting offsets topics[\(from.keys.sorted().map(\.description).joined(separator: ","))] and ending offsets topics[\(until.keys.sorted().map(\.description).joined(separator: ","))]")
        }
        var out: [KafkaOffsetRange] = []
        for tp in until.keys.sorted() {
            let a = from[tp] ?? 0, b = until[tp] ?? 0
            if b < a {
                throw RivuletError(.connector, "The resolved start offset \(a) is greater than the resolved end offset \(b) for topic \(tp.topic) partition \(tp.partition). There may be multiple reasons: 1. Start offset is set to too big a value that after resolution, end offset is smaller than it. 2. The Kafka topic partition is broken.",
                                   errorClass: "RESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET")
            }
            out.append(KafkaOffsetRange(tp, a, b))
        }
        return KafkaOffsetPlanning.ranges(out, minPartitions: options.minPartitions, maxRecordsPerPartition: options.maxRecordsPerPartition)
    }

    public func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        try KafkaScan(explainDetail: explainDetail, ranges: ranges(), includeHeaders: options.includeHeaders, handle: handle,
                      dataLoss: dataLoss, groupId: options.groupId + "-executor", pollTimeoutMs: options.pollTimeoutMs)
            .partitions(requiredColumns: requiredColumns)
    }
}
