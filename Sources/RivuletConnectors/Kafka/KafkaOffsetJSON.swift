import RivuletCore

/// One partition of a Kafka topic, ordered by topic then partition number, printed as Kafka's
/// `TopicPartition.toString` prints it (`events-0`), which is how Spark names partitions in its
/// messages.
public struct KafkaTopicPartition: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The topic name.
    public var topic: String
    /// The partition number within the topic.
    public var partition: Int32

    /// A topic-partition.
    public init(_ topic: String, _ partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)-\(partition)" }

    public static func < (a: KafkaTopicPartition, b: KafkaTopicPartition) -> Bool {
        a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition
    }
}

/// Offsets (or timestamps) per topic-partition.
public typealias KafkaPartitionOffsets = [KafkaTopicPartition: Int64]

/// The JSON forms Spark's Kafka source reads and writes (`JsonUtils`):
///
/// - partition offsets, in options and in the checkpoint: `{"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}`
///   (`-2` means earliest, `-1` latest in `startingOffsets` / `endingOffsets`);
/// - partition timestamps: the same shape with epoch milliseconds;
/// - partition lists (`assign`): `{"topicA":[0,1],"topicB":[2,4]}`.
///
/// Offsets are written with topics and partitions sorted, so the same offsets always give the same
/// text (the engine compares offsets by their JSON).
public enum KafkaOffsetJSON {
    /// `{"topic":{"0":23,"1":5}}`, topics in name order, partitions in numeric order.
    public static func serialize(_ offsets: KafkaPartitionOffsets) -> String {
        var out = "{"
        var currentTopic: String?
        for tp in offsets.keys.sorted() {
            if tp.topic != currentTopic {
                if currentTopic != nil { out += "}," }
                out += JSONWriter.quoted(tp.topic) + ":{"
                currentTopic = tp.topic
            } else {
                out += ","
            }
            out += "\"\(tp.partition)\":\(offsets[tp] ?? 0)"
        }
        if currentTopic != nil { out += "}" }
        return out + "}"
    }

    /// Parses per-partition offsets; nil when `text` is not of the form `{"t":{"0":23}}`.
    public static func parseOffsets(_ text: String) -> KafkaPartitionOffsets? {
        guard let v = try? JSONValue.parse(text), case .object(let topics) = v else { return nil }
        var out: KafkaPartitionOffsets = [:]
        for (topic, parts) in topics {
            guard case .object(let members) = parts else { return nil }
            for (key, value) in members {
                guard let p = Int32(key), case .number(let n, true) = value, let off = Int64(n) else { return nil }
                out[KafkaTopicPartition(topic, p)] = off
            }
        }
        return out
    }

    /// Parses a partition list (`assign`); nil when `text` is not of the form `{"t":[0,1]}`.
    public static func parsePartitions(_ text: String) -> [KafkaTopicPartition]? {
        guard let v = try? JSONValue.parse(text), case .object(let topics) = v else { return nil }
        var out: [KafkaTopicPartition] = []
        for (topic, parts) in topics {
            guard case .array(let items) = parts else { return nil }
            for item in items {
                guard case .number(let n, true) = item, let p = Int32(n) else { return nil }
                out.append(KafkaTopicPartition(topic, p))
            }
        }
        return out
    }

    /// Spark's message for a malformed offsets option.
    static func offsetsExample(_ got: String) -> String {
        "Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got \(got)"
    }

    /// Spark's message for a malformed timestamps option.
    static func timestampsExample(_ got: String) -> String {
        "Expected e.g. {\"topicA\": {\"0\": 123456789, \"1\": 123456789},\n\"topicB\": {\"0\": 123456789, \"1\": 123456789}}, got \(got)"
    }

    /// Spark's message for a malformed `assign` option.
    static func partitionsExample(_ got: String) -> String {
        "Expected e.g. {\"topicA\":[0,1],\"topicB\":[0,1]}, got \(got)"
    }

    /// `Set(events-0, events-1)`, as Scala prints a set of partitions.
    static func list(_ partitions: some Collection<KafkaTopicPartition>) -> String {
        "Set(" + partitions.sorted().map(\.description).joined(separator: ", ") + ")"
    }
}
