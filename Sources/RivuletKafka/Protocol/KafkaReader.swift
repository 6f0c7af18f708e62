import NIOCore

/// Reads Kafka protocol primitives from a response body. Every read is bounds-checked and throws a
/// `protocolError` naming `context` (e.g. "Metadata response from 127.0.0.1:9092") on malformed input;
/// lengths and array counts are checked against the bytes left, so a corrupt length never allocates.
struct KafkaReader {
    var buffer: ByteBuffer
    let context: String

    init(_ buffer: ByteBuffer, context: String) {
        self.buffer = buffer
        self.context = context
    }

    var remaining: Int { buffer.readableBytes }

    func malformed(_ what: String) -> KafkaError {
        KafkaError(.protocolError, "malformed \(context): \(what) at byte \(buffer.readerIndex)")
    }

    mutating func int8() throws(KafkaError) -> Int8 {
        guard let v = buffer.readInteger(as: Int8.self) else { throw malformed("truncated int8") }
        return v
    }

    mutating func bool() throws(KafkaError) -> Bool { try int8() != 0 }

    mutating func int16() throws(KafkaError) -> Int16 {
        guard let v = buffer.readInteger(as: Int16.self) else { throw malformed("truncated int16") }
        return v
    }

    mutating func int32() throws(KafkaError) -> Int32 {
        guard let v = buffer.readInteger(as: Int32.self) else { throw malformed("truncated int32") }
        return v
    }

    mutating func int64() throws(KafkaError) -> Int64 {
        guard let v = buffer.readInteger(as: Int64.self) else { throw malformed("truncated int64") }
        return v
    }

    mutating func errorCode() throws(KafkaError) -> KafkaErrorCode { KafkaErrorCode(rawValue: try int16()) }

    /// A non-null `STRING` (int16 length).
    mutating func string() throws(KafkaError) -> String {
        guard let s = try nullableString() else { throw malformed("null string") }
        return s
    }

    /// A `NULLABLE_STRING` (int16 length, -1 = null).
    mutating func nullableString() throws(KafkaError) -> String? {
        let length = Int(try int16())
        if length < 0 { return nil }
        guard length <= buffer.readableBytes, let s = buffer.readString(length: length) else {
            throw malformed("string length \(length) exceeds the \(buffer.readableBytes) bytes left")
        }
        return s
    }

    /// `NULLABLE_BYTES` (int32 length, -1 = null) as a slice of the response, without copying.
    mutating func nullableBytesSlice() throws(KafkaError) -> ByteBuffer? {
        let length = Int(try int32())
        if length < 0 { return nil }
        guard length <= buffer.readableBytes, let slice = buffer.readSlice(length: length) else {
            throw malformed("bytes length \(length) exceeds the \(buffer.readableBytes) bytes left")
        }
        return slice
    }

    /// `NULLABLE_BYTES` copied into an array.
    mutating func nullableBytes() throws(KafkaError) -> [UInt8]? {
        guard let slice = try nullableBytesSlice() else { return nil }
        return Array(slice.readableBytesView)
    }

    /// An array count (int32, -1 = null → nil), checked to be plausible for the bytes left
    /// (every element takes at least `minElementSize` bytes).
    mutating func arrayCount(minElementSize: Int = 1) throws(KafkaError) -> Int? {
        let count = Int(try int32())
        if count < 0 { return nil }
        guard count * max(minElementSize, 1) <= buffer.readableBytes else {
            throw malformed("array of \(count) elements exceeds the \(buffer.readableBytes) bytes left")
        }
        return count
    }

    /// An `ARRAY` whose elements `element` reads; a null array reads as empty.
    mutating func array<T>(minElementSize: Int = 1, _ element: (inout KafkaReader) throws(KafkaError) -> T) throws(KafkaError) -> [T] {
        guard let count = try arrayCount(minElementSize: minElementSize) else { return [] }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try element(&self)) }
        return out
    }

    mutating func int32Array() throws(KafkaError) -> [Int32] {
        try array(minElementSize: 4) { (r: inout KafkaReader) throws(KafkaError) in try r.int32() }
    }
}
