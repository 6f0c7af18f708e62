/// A record to produce.
public struct KafkaProducerRecord: Sendable, Equatable {
    /// The topic.
    public var topic: String
    /// The partition; nil lets the partitioner choose (murmur2 of the key, sticky when the key is nil).
    public var partition: Int32?
    /// The key; nil is a null key.
    public var key: [UInt8]?
    /// The value; nil is a null value (a tombstone).
    public var value: [UInt8]?
    /// The headers.
    public var headers: [KafkaHeader]
    /// Milliseconds since the epoch; nil means now.
    public var timestamp: Int64?

    /// Makes a record.
    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]? = nil, value: [UInt8]?, headers: [KafkaHeader] = [],
        timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }
}
