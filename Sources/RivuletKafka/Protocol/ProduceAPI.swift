import NIOCore

/// Produce (key 0), v3–v8: appends record batches to partition leaders.
struct ProduceRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.produce
    var transactionalId: String?
    var acks: Int16
    var timeoutMs: Int32
    /// topic → [(partition, encoded record batch)]
    var topics: [(String, [(Int32, ByteBuffer)])]

    var expectsResponse: Bool { acks != 0 }

    struct PartitionResult: Sendable {
        var partition: Int32
        var errorCode: KafkaErrorCode
        var baseOffset: Int64
        var logAppendTime: Int64
        var errorMessage: String?
    }
    struct Response: Sendable { var topics: [(String, [PartitionResult])] }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaNullableString(transactionalId)
        buffer.writeInteger(acks)
        buffer.writeInteger(timeoutMs)
        buffer.writeKafkaArray(topics) { b, topic in
            b.writeKafkaString(topic.0)
            b.writeKafkaArray(topic.1) { b, p in
                b.writeInteger(p.0)
                b.writeInteger(Int32(p.1.readableBytes))
                var batch = p.1
                b.writeBuffer(&batch)
            }
        }
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        let topics = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
            let name = try r.string()
            let parts = try r.array(minElementSize: 22) { (r: inout KafkaReader) throws(KafkaError) in
                let p = try r.int32(), e = try r.errorCode(), base = try r.int64(), appendTime = try r.int64()
                if version >= 5 { _ = try r.int64() }  // log_start_offset
                var message: String?
                if version >= 8 {
                    let recordErrors = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
                        (try r.int32(), try r.nullableString())
                    }
                    message = try r.nullableString()
                    if message == nil, let first = recordErrors.first {
                        message = "record \(first.0): \(first.1 ?? "invalid")"
                    }
                }
                return PartitionResult(partition: p, errorCode: e, baseOffset: base, logAppendTime: appendTime, errorMessage: message)
            }
            return (name, parts)
        }
        _ = try r.int32()  // throttle_time_ms
        return Response(topics: topics)
    }
}
