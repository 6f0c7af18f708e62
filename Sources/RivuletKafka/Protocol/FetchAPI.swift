import NIOCore

/// Fetch (key 1), v4–v11: record batches from partition leaders.
struct FetchRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.fetch
    var maxWaitMs: Int32
    var minBytes: Int32
    var maxBytes: Int32
    var isolationLevel: Int8
    /// topic → [(partition, fetchOffset, partitionMaxBytes)]
    var topics: [(String, [(Int32, Int64, Int32)])]

    struct AbortedTransaction: Sendable, Equatable { var producerId: Int64; var firstOffset: Int64 }
    struct PartitionData: Sendable {
        var partition: Int32
        var errorCode: KafkaErrorCode
        var highWatermark: Int64
        var lastStableOffset: Int64
        var logStartOffset: Int64
        var abortedTransactions: [AbortedTransaction]
        /// The record batches, a slice of the response (not copied).
        var records: ByteBuffer?
    }
    struct Response: Sendable {
        var errorCode: KafkaErrorCode
        var topics: [(String, [PartitionData])]
    }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeInteger(Int32(-1))  // replica_id
        buffer.writeInteger(maxWaitMs)
        buffer.writeInteger(minBytes)
        buffer.writeInteger(maxBytes)
        buffer.writeInteger(isolationLevel)
        if version >= 7 {
            buffer.writeInteger(Int32(0))  // session_id: no fetch session
            buffer.writeInteger(Int32(-1))  // session_epoch: full fetch, no session
        }
        buffer.writeKafkaArray(topics) { b, topic in
            b.writeKafkaString(topic.0)
            b.writeKafkaArray(topic.1) { b, p in
                b.writeInteger(p.0)
                if version >= 9 { b.writeInteger(Int32(-1)) }  // current_leader_epoch
                b.writeInteger(p.1)
                if version >= 5 { b.writeInteger(Int64(-1)) }  // log_start_offset (followers only)
                b.writeInteger(p.2)
            }
        }
        if version >= 7 { buffer.writeInteger(Int32(0)) }  // forgotten_topics_data
        if version >= 11 { buffer.writeKafkaString("") }  // rack_id
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()  // throttle_time_ms
        var topError = KafkaErrorCode.none
        if version >= 7 {
            topError = try r.errorCode()
            _ = try r.int32()  // session_id
        }
        let topics = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
            let name = try r.string()
            let parts = try r.array(minElementSize: 34) { (r: inout KafkaReader) throws(KafkaError) in
                let p = try r.int32(), e = try r.errorCode(), hw = try r.int64(), lso = try r.int64()
                let logStart = version >= 5 ? try r.int64() : -1
                let aborted = try r.array(minElementSize: 16) { (r: inout KafkaReader) throws(KafkaError) in
                    AbortedTransaction(producerId: try r.int64(), firstOffset: try r.int64())
                }
                if version >= 11 { _ = try r.int32() }  // preferred_read_replica
                let records = try r.nullableBytesSlice()
                return PartitionData(
                    partition: p, errorCode: e, highWatermark: hw, lastStableOffset: lso, logStartOffset: logStart,
                    abortedTransactions: aborted, records: records)
            }
            return (name, parts)
        }
        return Response(errorCode: topError, topics: topics)
    }
}
