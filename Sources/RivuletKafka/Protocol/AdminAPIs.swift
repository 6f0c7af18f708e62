import NIOCore

/// CreateTopics (key 19), v2–v4.
struct CreateTopicsRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.createTopics
    var topics: [(name: String, partitions: Int32, replicationFactor: Int16, configs: [(String, String?)])]
    var timeoutMs: Int32

    struct Response: Sendable { var results: [(String, KafkaErrorCode, String?)] }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaArray(topics) { b, t in
            b.writeKafkaString(t.name)
            b.writeInteger(t.partitions)
            b.writeInteger(t.replicationFactor)
            b.writeInteger(Int32(0))  // assignments
            b.writeKafkaArray(t.configs) { b, c in
                b.writeKafkaString(c.0)
                b.writeKafkaNullableString(c.1)
            }
        }
        buffer.writeInteger(timeoutMs)
        buffer.writeKafkaBool(false)  // validate_only
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()
        let results = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
            (try r.string(), try r.errorCode(), try r.nullableString())
        }
        return Response(results: results)
    }
}

/// DeleteTopics (key 20), v1–v3.
struct DeleteTopicsRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.deleteTopics
    var names: [String]
    var timeoutMs: Int32

    struct Response: Sendable { var results: [(String, KafkaErrorCode)] }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaArray(names) { b, n in b.writeKafkaString(n) }
        buffer.writeInteger(timeoutMs)
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()
        let results = try r.array(minElementSize: 4) { (r: inout KafkaReader) throws(KafkaError) in
            (try r.string(), try r.errorCode())
        }
        return Response(results: results)
    }
}

/// CreatePartitions (key 37), v0–v1.
struct CreatePartitionsRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.createPartitions
    var topics: [(String, Int32)]
    var timeoutMs: Int32

    struct Response: Sendable { var results: [(String, KafkaErrorCode, String?)] }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        buffer.writeKafkaArray(topics) { b, t in
            b.writeKafkaString(t.0)
            b.writeInteger(t.1)
            b.writeInteger(Int32(-1))  // assignments: null (broker decides)
        }
        buffer.writeInteger(timeoutMs)
        buffer.writeKafkaBool(false)
    }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        _ = try r.int32()
        let results = try r.array(minElementSize: 6) { (r: inout KafkaReader) throws(KafkaError) in
            (try r.string(), try r.errorCode(), try r.nullableString())
        }
        return Response(results: results)
    }
}

/// SaslHandshake (key 17), v1: selects the SASL mechanism.
struct SaslHandshakeRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.saslHandshake
    var mechanism: String

    struct Response: Sendable { var errorCode: KafkaErrorCode; var mechanisms: [String] }

    func encode(into buffer: inout ByteBuffer, version: Int16) { buffer.writeKafkaString(mechanism) }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        let error = try r.errorCode()
        let mechanisms = try r.array(minElementSize: 2) { (r: inout KafkaReader) throws(KafkaError) in try r.string() }
        return Response(errorCode: error, mechanisms: mechanisms)
    }
}

/// SaslAuthenticate (key 36), v0–v1: one round of the SASL exchange.
struct SaslAuthenticateRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.saslAuthenticate
    var authBytes: [UInt8]

    struct Response: Sendable { var errorCode: KafkaErrorCode; var errorMessage: String?; var authBytes: [UInt8] }

    func encode(into buffer: inout ByteBuffer, version: Int16) { buffer.writeKafkaBytes(authBytes) }

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        let error = try r.errorCode()
        let message = try r.nullableString()
        let bytes = try r.nullableBytes() ?? []
        if version >= 1 { _ = try r.int64() }  // session_lifetime_ms
        return Response(errorCode: error, errorMessage: message, authBytes: bytes)
    }
}
