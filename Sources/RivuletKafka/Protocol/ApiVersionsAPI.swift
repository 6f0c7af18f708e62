import NIOCore

/// ApiVersions (key 18), v0–v2: which versions of each API the broker supports.
struct ApiVersionsRequest: KafkaRequest {
    static let apiKey = KafkaApiKey.apiVersions

    struct Response: Sendable {
        var errorCode: KafkaErrorCode
        /// api key → supported version range.
        var versions: [Int16: ClosedRange<Int16>]
    }

    func encode(into buffer: inout ByteBuffer, version: Int16) {}

    static func decodeResponse(_ r: inout KafkaReader, version: Int16) throws(KafkaError) -> Response {
        let error = try r.errorCode()
        var versions: [Int16: ClosedRange<Int16>] = [:]
        let count = try r.arrayCount(minElementSize: 6) ?? 0
        for _ in 0..<count {
            let key = try r.int16(), lo = try r.int16(), hi = try r.int16()
            if lo <= hi { versions[key] = lo...hi }
        }
        // v1+ appends throttle_time_ms; a v0-format error reply (UNSUPPORTED_VERSION) may omit it.
        if version >= 1 && r.remaining >= 4 { _ = try r.int32() }
        return Response(errorCode: error, versions: versions)
    }
}
