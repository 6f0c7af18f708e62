import NIOCore

/// ListOffsets (key 2), v1–v5: the offset for a timestamp (-2 earliest, -1 latest).
struct ListOffsetsRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.listOffsets
    var isolationLevel: Int8
    /// topic → [(partition, timestamp)]
    var topics: [(String, [(Int32, Int64)])]

    struct PartitionResult: Sendable {
        var partition: Int32
        var errorCode: KafkaErrorCode
        var timestamp: Int64
        var offset: Int64
    }
    struct Response: Sendable { var topics: [(String, [PartitionResult])] }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeInteger(Int32(-1))  // replica_id
        if version >= 2 { buffer.writeInteger(isolationLevel) }
        buffer.writeKafkaArray(topics) { b, topic in
            b.writeKafkaString(topic.0)
            b.writeKafkaArray(topic.1) { b, p in
                b.writeInteger(p.0)
                if version >= 4 { b.writeInteger(Int32(-1)) }  // current_leader_epoch
                b.writeInteger(p.1)
            }
        }
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        if version >= 2 { _ = try r.int32() }
        let topics = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
            let name = try r.string()
            let parts = try r.array(minElementSize: 22) { (r: inout KafkaReader) throws(KafkaError) in
                let p = try r.int32(), e = try r.errorCode(), ts = try r.int64(), off = try r.int64()
                if version >= 4 { _ = try r.int32() }  // leader_epoch
                return PartitionResult(partition: p, errorCode: e, timestamp: ts, offset: off)
            }
            return (name, parts)
        }
        return Response(topics: topics)
    }
}
