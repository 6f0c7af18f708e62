import NIOCore

/// Metadata (key 3), v1–v8: brokers, topics, partitions and their leaders.
struct MetadataRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.metadata
    /// nil asks for every topic.
    var topics: [String]?
    var allowAutoTopicCreation: Bool

    struct Broker: Sendable { var nodeId: Int32; var host: String; var port: Int32; var rack: String? }
    struct Partition: Sendable {
        var errorCode: KafkaErrorCode
        var partition: Int32
        var leader: Int32
        var leaderEpoch: Int32
        var replicas: [Int32]
        var isr: [Int32]
    }
    struct Topic: Sendable {
        var errorCode: KafkaErrorCode
        var name: String
        var isInternal: Bool
        var partitions: [Partition]
    }
    struct Response: Sendable {
        var brokers: [Broker]
        var clusterId: String?
        var controllerId: Int32
        var topics: [Topic]
    }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        if let topics {
            buffer.writeKafkaArray(topics) { b, t in b.writeKafkaString(t) }
        } else {
            buffer.writeInteger(Int32(-1))
        }
        if version >= 4 { buffer.writeKafkaBool(allowAutoTopicCreation) }
        if version >= 8 {
            buffer.writeKafkaBool(false)  // include_cluster_authorized_operations
            buffer.writeKafkaBool(false)  // include_topic_authorized_operations
        }
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        if version >= 3 { _ = try r.int32() }  // throttle_time_ms
        let brokers = try r.array(minElementSize: 10) { (r: inout KafkaReader) throws(KafkaError) in
            Broker(nodeId: try r.int32(), host: try r.string(), port: try r.int32(), rack: try r.nullableString())
        }
        let clusterId = version >= 2 ? try r.nullableString() : nil
        let controllerId = try r.int32()
        let topics = try r.array(minElementSize: 9) { (r: inout KafkaReader) throws(KafkaError) in
            let error = try r.errorCode()
            let name = try r.string()
            let isInternal = try r.bool()
            let partitions = try r.array(minElementSize: 18) { (r: inout KafkaReader) throws(KafkaError) in
                let error = try r.errorCode()
                let index = try r.int32()
                let leader = try r.int32()
                let epoch = version >= 7 ? try r.int32() : -1
                let replicas = try r.int32Array()
                let isr = try r.int32Array()
                if version >= 5 { _ = try r.int32Array() }  // offline_replicas
                return Partition(errorCode: error, partition: index, leader: leader, leaderEpoch: epoch, replicas: replicas, isr: isr)
            }
            if version >= 8 { _ = try r.int32() }  // topic_authorized_operations
            return Topic(errorCode: error, name: name, isInternal: isInternal, partitions: partitions)
        }
        if version >= 8 { _ = try r.int32() }  // cluster_authorized_operations
        return Response(brokers: brokers, clusterId: clusterId, controllerId: controllerId, topics: topics)
    }
}
