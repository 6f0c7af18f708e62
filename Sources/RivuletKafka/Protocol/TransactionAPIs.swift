import NIOCore

/// FindCoordinator (key 10), v1–v2: the broker coordinating a group (key_type 0) or transaction (1).
struct FindCoordinatorRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.findCoordinator
    var key: String
    var keyType: Int8

    struct Response: Sendable {
        var errorCode: KafkaErrorCode
        var errorMessage: String?
        var nodeId: Int32
        var host: String
        var port: Int32
    }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaString(key)
        buffer.writeInteger(keyType)
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()
        return Response(
            errorCode: try r.errorCode(), errorMessage: try r.nullableString(), nodeId: try r.int32(),
            host: try r.string(), port: try r.int32())
    }
}

/// InitProducerId (key 22), v0–v1: a producer id and epoch for idempotence and transactions.
struct InitProducerIdRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.initProducerId
    var transactionalId: String?
    var transactionTimeoutMs: Int32

    struct Response: Sendable { var errorCode: KafkaErrorCode; var producerId: Int64; var producerEpoch: Int16 }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaNullableString(transactionalId)
        buffer.writeInteger(transactionTimeoutMs)
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()
        return Response(errorCode: try r.errorCode(), producerId: try r.int64(), producerEpoch: try r.int16())
    }
}

/// AddPartitionsToTxn (key 24), v0–v2: registers partitions with the ongoing transaction.
struct AddPartitionsToTxnRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.addPartitionsToTxn
    var transactionalId: String
    var producerId: Int64
    var producerEpoch: Int16
    var topics: [(String, [Int32])]

    struct Response: Sendable { var results: [(String, [(Int32, KafkaErrorCode)])] }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaString(transactionalId)
        buffer.writeInteger(producerId)
        buffer.writeInteger(producerEpoch)
        buffer.writeKafkaArray(topics) { b, t in
            b.writeKafkaString(t.0)
            b.writeKafkaInt32Array(t.1)
        }
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()
        let results = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
            let name = try r.string()
            let parts = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
                (try r.int32(), try r.errorCode())
            }
            return (name, parts)
        }
        return Response(results: results)
    }
}

/// EndTxn (key 26), v0–v2: commits or aborts the ongoing transaction.
struct EndTxnRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.endTxn
    var transactionalId: String
    var producerId: Int64
    var producerEpoch: Int16
    var committed: Bool

    struct Response: Sendable { var errorCode: KafkaErrorCode }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaString(transactionalId)
        buffer.writeInteger(producerId)
        buffer.writeInteger(producerEpoch)
        buffer.writeKafkaBool(committed)
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()
        return Response(errorCode: try r.errorCode())
    }
}
