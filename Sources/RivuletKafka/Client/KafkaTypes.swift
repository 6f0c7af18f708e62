/// A partition of a topic.
public struct TopicPartition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The topic name.
    public var topic: String
    /// The partition index.
    public var partition: Int32

    /// Names a partition of a topic.
    public init(_ topic: String, _ partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// Names a partition of a topic.
    public init(topic: String, partition: Int32) { self.init(topic, partition) }

    /// Orders by topic, then partition.
    public static func < (a: TopicPartition, b: TopicPartition) -> Bool {
        a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition
    }

    /// `topic-partition`, as Kafka prints it.
    public var description: String { "\(topic)-\(partition)" }
}

/// Which offset `KafkaClient.listOffsets` looks up.
public enum KafkaOffsetSpec: Sendable, Equatable {
    /// The log start offset.
    case earliest
    /// The log end offset (the high watermark, or the last stable offset under read_committed).
    case latest
    /// The earliest offset whose record timestamp is at or after this many ms since the epoch.
    case timestamp(Int64)

    var wireTimestamp: Int64 {
        switch self {
        case .earliest: return -2
        case .latest: return -1
        case .timestamp(let t): return t
        }
    }
}

/// Whether reads see records of open and aborted transactions (`isolation.level`).
public enum KafkaIsolationLevel: Sendable, Equatable {
    /// Every record, including those of open and aborted transactions (`read_uncommitted`).
    case readUncommitted
    /// Only non-transactional and committed records, up to the last stable offset (`read_committed`).
    case readCommitted

    var wire: Int8 { self == .readCommitted ? 1 : 0 }
}

/// A record header.
public struct KafkaHeader: Sendable, Equatable, Hashable {
    /// The header key.
    public var key: String
    /// The header value; nil is a null value.
    public var value: [UInt8]?

    /// Makes a header.
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// A record read from a partition.
public struct KafkaRecord: Sendable, Equatable {
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The record's offset.
    public var offset: Int64
    /// Milliseconds since the epoch.
    public var timestamp: Int64
    /// 0 = CreateTime (set by the producer), 1 = LogAppendTime (set by the broker).
    public var timestampType: Int32
    /// The key; nil is a null key.
    public var key: [UInt8]?
    /// The value; nil is a null value (a tombstone).
    public var value: [UInt8]?
    /// The headers, in order.
    public var headers: [KafkaHeader]

    /// Makes a record.
    public init(
        topic: String, partition: Int32, offset: Int64, timestamp: Int64, timestampType: Int32 = 0,
        key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.timestampType = timestampType
        self.key = key
        self.value = value
        self.headers = headers
    }
}

/// A broker of the cluster.
public struct KafkaBroker: Sendable, Equatable {
    /// The broker's node id.
    public var nodeId: Int32
    /// The advertised host.
    public var host: String
    /// The advertised port.
    public var port: Int32
    /// The rack, if configured.
    public var rack: String?
}

/// A partition's leadership.
public struct KafkaPartitionMetadata: Sendable, Equatable {
    /// The partition index.
    public var partition: Int32
    /// The leader's node id, or -1 when there is none.
    public var leader: Int32
    /// The leader epoch (-1 when unknown).
    public var leaderEpoch: Int32
    /// Node ids of the replicas.
    public var replicas: [Int32]
    /// Node ids of the in-sync replicas.
    public var isr: [Int32]
    /// The partition's error, if the broker reported one (e.g. LEADER_NOT_AVAILABLE).
    public var error: KafkaErrorCode?
}

/// The cluster as a Metadata response described it.
public struct KafkaClusterMetadata: Sendable {
    /// Brokers by node id.
    public var brokers: [Int32: KafkaBroker]
    /// The controller's node id.
    public var controllerId: Int32
    /// The cluster id, if the broker sent one.
    public var clusterId: String?
    /// Topic → partitions, sorted by partition index.
    public var topics: [String: [KafkaPartitionMetadata]]
}

/// One partition's result of `KafkaClient.fetch`.
public struct KafkaFetchResult: Sendable {
    /// The records at or after the fetch position, in offset order (aborted and control records removed).
    public var records: [KafkaRecord]
    /// The partition's high watermark.
    public var highWatermark: Int64
    /// The partition's last stable offset (-1 if the broker did not send one).
    public var lastStableOffset: Int64
    /// The partition's log start offset (-1 if unknown).
    public var logStartOffset: Int64
    /// A partition-level error, e.g. ``KafkaError/Code/offsetOutOfRange``; `records` is then empty.
    public var error: KafkaError?
    /// Where the next fetch should start: after the last complete batch returned (which may be past the
    /// last record when control or aborted records were skipped), or the fetch position if none came.
    public var nextOffset: Int64
}
