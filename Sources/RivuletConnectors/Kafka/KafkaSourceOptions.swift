import Foundation
import RivuletCore

/// The validated options of the Kafka source, for streaming (`readStream.format("kafka")`) and
/// batch reads (`read.format("kafka")`), with Spark 4's names, defaults and messages
/// (`KafkaSourceProvider`). Options are case-insensitive; `kafka.`-prefixed ones are Kafka client
/// properties and go to the client without the prefix.
///
/// ```swift
/// let o = try KafkaSourceOptions(["kafka.bootstrap.servers": "127.0.0.1:9092", "subscribe": "events",
///                                 "startingOffsets": "earliest"], batch: false)
/// ```
///
/// Beyond Spark, an option name the source does not know is an error naming it (Spark silently
/// ignores typos such as `startingOffset`).
public struct KafkaSourceOptions: Sendable {
    /// Which partitions the source reads (exactly one of `assign`, `subscribe`, `subscribePattern`).
    public enum Subscription: Sendable, Equatable, CustomStringConvertible {
        /// Fixed partitions, from `assign` (`{"topicA":[0,1]}`).
        case assign([KafkaTopicPartition])
        /// Every partition of these topics, from `subscribe` (comma-separated).
        case subscribe([String])
        /// Every partition of every topic whose whole name matches the regular expression.
        case subscribePattern(String)

        public var description: String {
            switch self {
            case .assign(let p): return "Assign[\(p.map(\.description).joined(separator: ", "))]"
            case .subscribe(let t): return "Subscribe[\(t.joined(separator: ","))]"
            case .subscribePattern(let p): return "SubscribePattern[\(p)]"
            }
        }
    }

    /// What to do when no record has a timestamp at or after the requested one
    /// (`startingOffsetsByTimestampStrategy`).
    public enum NoMatchStrategy: String, Sendable, Equatable {
        /// Fail the query (Spark's default).
        case error
        /// Start from the latest offset.
        case latest
    }

    /// A starting or ending position (Spark's `KafkaOffsetRangeLimit`).
    public enum OffsetLimit: Sendable, Equatable {
        case earliest
        case latest
        /// Offsets per partition; `-2` is earliest and `-1` latest.
        case specific(KafkaPartitionOffsets)
        /// Epoch milliseconds per partition (`startingOffsetsByTimestamp`).
        case specificTimestamp(KafkaPartitionOffsets, NoMatchStrategy)
        /// One epoch-millisecond timestamp for every partition (`startingTimestamp`).
        case globalTimestamp(Int64, NoMatchStrategy)
    }

    /// `-2` in offsets JSON: the earliest offset.
    public static let earliestOffset: Int64 = -2
    /// `-1` in offsets JSON: the latest offset.
    public static let latestOffset: Int64 = -1

    public var subscription: Subscription
    /// Where a new query (or a batch read) starts: latest for streams, earliest for batch reads.
    public var startingOffsets: OffsetLimit
    /// Where a batch read ends (latest by default); unused by streams.
    public var endingOffsets: OffsetLimit
    /// Fail when data may have been lost (offsets out of range, deleted topics); default true.
    public var failOnDataLoss: Bool
    /// Split large offset ranges so a batch has at least this many partitions.
    public var minPartitions: Int?
    /// Split ranges so no partition reads more than this many records.
    public var maxRecordsPerPartition: Int64?
    /// At most this many offsets per trigger, split across partitions by their backlog.
    public var maxOffsetsPerTrigger: Int64?
    /// Wait for at least this many new offsets before running a batch...
    public var minOffsetsPerTrigger: Int64?
    /// ...unless this much time has passed since the last batch (default 15 minutes).
    public var maxTriggerDelayMs: Int64
    /// Adds the `headers` column.
    public var includeHeaders: Bool
    /// The consumer group named in messages: `kafka.group.id`, or `<groupIdPrefix>-<uuid>`.
    public var groupId: String
    /// Whether `kafka.group.id` was set by the user (Spark warns about it).
    public var customGroupId: Bool
    /// Client properties: the `kafka.`-prefixed options without the prefix.
    public var kafkaParams: [String: String]
    /// Retries of an offset request that failed with a retriable error (`fetchOffset.numRetries`, default 3).
    public var fetchOffsetNumRetries: Int
    /// Pause between those retries (`fetchOffset.retryIntervalMs`, default 1000).
    public var fetchOffsetRetryIntervalMs: Int64
    /// How long one read of a partition may wait for the broker (`kafkaConsumer.pollTimeoutMs`,
    /// default 120 s, Spark's `spark.network.timeout`).
    public var pollTimeoutMs: Int64

    /// Source options Spark defines (lowercase).
    static let sourceOptionNames: Set<String> = [
        "subscribe", "subscribepattern", "assign", "startingoffsets", "endingoffsets", "startingtimestamp",
        "endingtimestamp", "startingoffsetsbytimestamp", "endingoffsetsbytimestamp", "startingoffsetsbytimestampstrategy",
        "failondataloss", "minpartitions", "maxrecordsperpartition", "maxoffsetspertrigger", "minoffsetspertrigger",
        "maxtriggerdelay", "fetchoffset.numretries", "fetchoffset.retryintervalms", "kafkaconsumer.polltimeoutms",
        "groupidprefix", "includeheaders",
    ]
    static let strategyKeys = ["subscribe", "subscribepattern", "assign"]

    /// Validates `options` as `KafkaSourceProvider` does for a stream (`batch == false`) or a batch
    /// read. Every problem is an analysis error naming the option.
    public init(_ options: [String: String], batch: Bool) throws(RivuletError) {
        var o: [String: String] = [:]
        for (k, v) in options { o[k.lowercased()] = v }
        for k in o.keys.sorted() where !k.hasPrefix("kafka.") && !k.hasPrefix("spark.") && !Self.sourceOptionNames.contains(k) {
            throw KafkaOptionError.unknown(k, known: Self.sourceOptionNames, kind: "source")
        }
        if batch {
            let start = try Self.offsetLimit(o, global: "startingTimestamp", byTimestamp: "startingOffsetsByTimestamp",
                                             offsets: "startingOffsets", default: .earliest)
            switch start {
            case .latest: throw KafkaOptionError.invalid("starting offset can't be latest for batch queries on Kafka")
            case .specific(let p):
                if let tp = p.keys.sorted().first(where: { p[$0] == Self.latestOffset }) {
                    throw KafkaOptionError.invalid("startingOffsets for \(tp) can't be latest for batch queries on Kafka")
                }
            default: break
            }
            let end = try Self.offsetLimit(o, global: "endingTimestamp", byTimestamp: "endingOffsetsByTimestamp",
                                           offsets: "endingOffsets", default: .latest)
            switch end {
            case .earliest: throw KafkaOptionError.invalid("ending offset can't be earliest for batch queries on Kafka")
            case .specific(let p):
                if let tp = p.keys.sorted().first(where: { p[$0] == Self.earliestOffset }) {
                    throw KafkaOptionError.invalid("ending offset for \(tp) can't be earliest for batch queries on Kafka")
                }
            default: break
            }
            try Self.checkLimits(start, end)
            startingOffsets = start
            endingOffsets = end
        } else {
            if o["endingoffsets"] != nil { throw KafkaOptionError.invalid("ending offset not valid in streaming queries") }
            if o["endingoffsetsbytimestamp"] != nil || o["endingtimestamp"] != nil {
                throw KafkaOptionError.invalid("ending timestamp not valid in streaming queries")
            }
            startingOffsets = try Self.offsetLimit(o, global: "startingTimestamp", byTimestamp: "startingOffsetsByTimestamp",
                                                   offsets: "startingOffsets", default: .latest)
            endingOffsets = .latest
        }

        // General options (validateGeneralOptions).
        let strategies = Self.strategyKeys.filter { o[$0] != nil }
        if strategies.isEmpty {
            throw KafkaOptionError.invalid("One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.")
        }
        if strategies.count > 1 {
            throw KafkaOptionError.invalid("Only one of the following options can be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.")
        }
        switch strategies[0] {
        case "assign":
            let value = o["assign"] ?? ""
            guard value.trimmingCharacters(in: .whitespaces).hasPrefix("{") else {
                throw KafkaOptionError.invalid("No topicpartitions to assign as specified value for option 'assign' is '\(value)'")
            }
            guard let parts = KafkaOffsetJSON.parsePartitions(value) else {
                throw KafkaOptionError.invalid(KafkaOffsetJSON.partitionsExample(value), option: "assign")
            }
            subscription = .assign(Array(Set(parts)).sorted())
        case "subscribe":
            let value = o["subscribe"] ?? ""
            let topics = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !topics.isEmpty else {
                throw KafkaOptionError.invalid("No topics to subscribe to as specified value for option 'subscribe' is '\(value)'")
            }
            subscription = .subscribe(topics)
        default:
            let value = o["subscribepattern"] ?? ""
            let pattern = value.trimmingCharacters(in: .whitespaces)
            guard !pattern.isEmpty else {
                throw KafkaOptionError.invalid("Pattern to subscribe is empty as specified value for option 'subscribePattern' is '\(value)'")
            }
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw KafkaOptionError.invalid("Invalid value '\(value)' for option 'subscribePattern': not a valid regular expression")
            }
            subscription = .subscribePattern(pattern)
        }

        if let raw = o["minpartitions"] {
            guard let p = Int(raw.trimmingCharacters(in: .whitespaces)) else { throw KafkaOptionError.notNumber("minPartitions", raw) }
            guard p > 0 else { throw KafkaOptionError.invalid("minPartitions must be positive") }
            minPartitions = p
        } else {
            minPartitions = nil
        }
        if let raw = o["maxrecordsperpartition"] {
            guard let p = Int64(raw.trimmingCharacters(in: .whitespaces)) else { throw KafkaOptionError.notNumber("maxRecordsPerPartition", raw) }
            guard p > 0 else { throw KafkaOptionError.invalid("maxRecordsPerPartition must be positive") }
            maxRecordsPerPartition = p
        } else {
            maxRecordsPerPartition = nil
        }

        // Kafka client properties the source manages itself.
        if o["kafka.auto.offset.reset"] != nil {
            throw KafkaOptionError.invalid("""

                Kafka option 'auto.offset.reset' is not supported.
                Instead set the source option 'startingoffsets' to 'earliest' or 'latest'
                to specify where to start. Structured Streaming manages which offsets are consumed
                internally, rather than relying on the kafkaConsumer to do it. This will ensure that no
                data is missed when new topics/partitions are dynamically subscribed. Note that
                'startingoffsets' only applies when a new Streaming query is started, and
                that resuming will always pick up from where the query left off. See the docs for more
                details.
                """, option: "kafka.auto.offset.reset")
        }
        if o["kafka.key.deserializer"] != nil {
            throw KafkaOptionError.invalid("Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.", option: "kafka.key.deserializer")
        }
        if o["kafka.value.deserializer"] != nil {
            throw KafkaOptionError.invalid("Kafka option 'value.deserializer' is not supported as values are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the values.", option: "kafka.value.deserializer")
        }
        for c in ["enable.auto.commit", "interceptor.classes"] where o["kafka." + c] != nil {
            throw KafkaOptionError.invalid("Kafka option '\(c)' is not supported", option: "kafka." + c)
        }
        guard let servers = o["kafka.bootstrap.servers"], !servers.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw KafkaOptionError.invalid("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer")
        }

        maxOffsetsPerTrigger = try Self.positiveLong(o, "maxOffsetsPerTrigger")
        minOffsetsPerTrigger = try Self.positiveLong(o, "minOffsetsPerTrigger")
        if let lo = minOffsetsPerTrigger, let hi = maxOffsetsPerTrigger, lo > hi {
            throw KafkaOptionError.invalid("The value of minOffsetPerTrigger(\(lo)) is higher than the maxOffsetsPerTrigger(\(hi)).")
        }
        maxTriggerDelayMs = try StreamingOptions.durationMs(o["maxtriggerdelay"] ?? "15m", option: "maxTriggerDelay", defaultUnitMs: 1)
        guard maxTriggerDelayMs >= 0 else { throw KafkaOptionError.invalid("Invalid value '\(o["maxtriggerdelay"] ?? "")' for option 'maxTriggerDelay': must not be negative") }
        failOnDataLoss = try Self.bool(o, "failOnDataLoss", default: true)
        includeHeaders = try Self.bool(o, "includeHeaders", default: false)
        fetchOffsetNumRetries = Int(try Self.nonNegativeLong(o, "fetchOffset.numRetries", default: 3))
        fetchOffsetRetryIntervalMs = try Self.nonNegativeLong(o, "fetchOffset.retryIntervalMs", default: 1000)
        pollTimeoutMs = try Self.nonNegativeLong(o, "kafkaConsumer.pollTimeoutMs", default: 120_000)

        var params: [String: String] = [:]
        for (k, v) in o where k.hasPrefix("kafka.") { params[String(k.dropFirst(6))] = v }
        kafkaParams = params
        if let g = params["group.id"] {
            groupId = g
            customGroupId = true
            warn("Kafka option 'kafka.group.id' has been set on this query, it is not recommended to set this option. This option is unsafe to use since multiple concurrent queries or sources using the same group id will interfere with each other as they are part of the same consumer group. Restarted queries may also suffer interference from the previous run having the same group id. The user should have only one query per group id, and/or set the option 'kafka.session.timeout.ms' to be very small so that the Kafka consumers from the previous query are marked dead by the Kafka group coordinator before the restarted query starts running.")
            if o["groupidprefix"] != nil { warn("Option groupIdPrefix will be ignored as option kafka.group.id has been set.") }
        } else {
            let prefix = o["groupidprefix"] ?? (batch ? "spark-kafka-relation" : "spark-kafka-source")
            groupId = "\(prefix)-\(UUID().uuidString.lowercased())"
            customGroupId = false
        }
    }

    /// The group id Spark's executors use for a streaming query (`<unique>-executor`).
    var executorGroupId: String { customGroupId ? groupId : groupId + "-executor" }

    /// Spark's `checkOffsetLimitValidity` for batch reads: specific starting and ending offsets (or
    /// timestamps) name the same partitions, and no start is after its end.
    static func checkLimits(_ start: OffsetLimit, _ end: OffsetLimit) throws(RivuletError) {
        let pairs: (KafkaPartitionOffsets, KafkaPartitionOffsets, String)
        switch (start, end) {
        case (.specific(let s), .specific(let e)): pairs = (s, e, "offset")
        case (.specificTimestamp(let s, _), .specificTimestamp(let e, _)): pairs = (s, e, "timestamp")
        default: return
        }
        let (s, e, what) = pairs
        guard Set(s.keys) == Set(e.keys) else {
            throw RivuletError(.analysis, "The specified start \(what) and end \(what) should have the same topic-partitions. Topic-partitions for start \(what): \(KafkaOffsetJSON.list(s.keys)), topic-partitions for end \(what): \(KafkaOffsetJSON.list(e.keys)).",
                               errorClass: "MISMATCHED_TOPIC_PARTITIONS_BETWEEN_START_OFFSET_AND_END_OFFSET")
        }
        for tp in s.keys.sorted() {
            let a = s[tp] ?? 0, b = e[tp] ?? 0
            if a > b && a >= 0 && b >= 0 {
                throw RivuletError(.analysis, "The specified start \(what) \(a) is greater than the end \(what) \(b) for topic \(tp.topic) partition \(tp.partition).",
                                   errorClass: what == "offset" ? "UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET" : "UNRESOLVED_START_TIMESTAMP_GREATER_THAN_END_TIMESTAMP")
            }
        }
    }

    // MARK: parsing helpers

    /// The position given by one of three options (by preference: one timestamp for all
    /// partitions, timestamps per partition, offsets), named in Spark's spelling.
    static func offsetLimit(_ o: [String: String], global: String, byTimestamp: String, offsets: String,
                            default dflt: OffsetLimit) throws(RivuletError) -> OffsetLimit {
        var strategy = NoMatchStrategy.error
        if let raw = o["startingoffsetsbytimestampstrategy"] {
            guard let s = NoMatchStrategy(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw KafkaOptionError.invalid("Invalid value '\(raw)' for option 'startingOffsetsByTimestampStrategy': expected 'error' or 'latest'",
                                               option: "startingOffsetsByTimestampStrategy")
            }
            strategy = s
        }
        if let raw = o[global.lowercased()] {
            let ts = raw.trimmingCharacters(in: .whitespaces)
            guard let v = Int64(ts) else { throw KafkaOptionError.invalid("Expected a single long value, got \(ts)", option: global) }
            return .globalTimestamp(v, strategy)
        }
        if let raw = o[byTimestamp.lowercased()] {
            let json = raw.trimmingCharacters(in: .whitespaces)
            guard let p = KafkaOffsetJSON.parseOffsets(json) else { throw KafkaOptionError.invalid(KafkaOffsetJSON.timestampsExample(json), option: byTimestamp) }
            return .specificTimestamp(p, strategy)
        }
        guard let raw = o[offsets.lowercased()] else { return dflt }
        let value = raw.trimmingCharacters(in: .whitespaces)
        switch value.lowercased() {
        case "latest": return .latest
        case "earliest": return .earliest
        default:
            guard let p = KafkaOffsetJSON.parseOffsets(value) else { throw KafkaOptionError.invalid(KafkaOffsetJSON.offsetsExample(value), option: offsets) }
            if let tp = p.keys.sorted().first(where: { (p[$0] ?? 0) < -2 }) {
                throw KafkaOptionError.invalid("Invalid offset \(p[tp] ?? 0) for \(tp) in option '\(offsets)': use an offset >= 0, -1 for latest or -2 for earliest", option: offsets)
            }
            return .specific(p)
        }
    }

    static func bool(_ o: [String: String], _ name: String, default dflt: Bool) throws(RivuletError) -> Bool {
        guard let raw = o[name.lowercased()] else { return dflt }
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return true
        case "false": return false
        default: throw KafkaOptionError.invalid("Invalid value '\(raw)' for option '\(name)': expected 'true' or 'false'", option: name)
        }
    }

    static func positiveLong(_ o: [String: String], _ name: String) throws(RivuletError) -> Int64? {
        guard let raw = o[name.lowercased()] else { return nil }
        guard let v = Int64(raw.trimmingCharacters(in: .whitespaces)) else { throw KafkaOptionError.notNumber(name, raw) }
        guard v > 0 else { throw KafkaOptionError.invalid("Invalid value '\(raw)' for option '\(name)': must be positive", option: name) }
        return v
    }

    static func nonNegativeLong(_ o: [String: String], _ name: String, default dflt: Int64) throws(RivuletError) -> Int64 {
        guard let raw = o[name.lowercased()] else { return dflt }
        guard let v = Int64(raw.trimmingCharacters(in: .whitespaces)) else { throw KafkaOptionError.notNumber(name, raw) }
        guard v >= 0 else { throw KafkaOptionError.invalid("Invalid value '\(raw)' for option '\(name)': must not be negative", option: name) }
        return v
    }
}
