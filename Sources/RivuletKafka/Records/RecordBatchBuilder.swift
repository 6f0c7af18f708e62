import NIOCore

/// Accumulates records into one record batch (magic v2) and encodes it with header and CRC-32C.
///
/// Records are encoded as they are appended, so `estimatedSize` is the batch's size before compression.
struct RecordBatchBuilder: Sendable {
    private(set) var records: [UInt8] = []
    private(set) var count: Int32 = 0
    private(set) var firstTimestamp: Int64 = 0
    private(set) var maxTimestamp: Int64 = .min

    init(capacity: Int = 0) {
        if capacity > 0 { records.reserveCapacity(capacity) }
    }

    /// The encoded size so far (header plus uncompressed records).
    var estimatedSize: Int { RecordBatchHeader.size + records.count }

    /// The bytes `append` would add for this record.
    static func recordSize(keyCount: Int?, valueCount: Int?, headers: [KafkaHeader], offsetDelta: Int32, timestampDelta: Int64) -> Int {
        let body = bodySize(keyCount: keyCount, valueCount: valueCount, headers: headers, offsetDelta: offsetDelta, timestampDelta: timestampDelta)
        return Varint.size(Int64(body)) + body
    }

    private static func bodySize(keyCount: Int?, valueCount: Int?, headers: [KafkaHeader], offsetDelta: Int32, timestampDelta: Int64) -> Int {
        var n = 1 + Varint.size(timestampDelta) + Varint.size(Int64(offsetDelta))
        n += Varint.size(Int64(keyCount ?? -1)) + (keyCount ?? 0)
        n += Varint.size(Int64(valueCount ?? -1)) + (valueCount ?? 0)
        n += Varint.size(Int64(headers.count))
        for h in headers {
            let k = h.key.utf8.count
            n += Varint.size(Int64(k)) + k
            n += Varint.size(Int64(h.value?.count ?? -1)) + (h.value?.count ?? 0)
        }
        return n
    }

    /// Appends one record; its offset delta is its index in the batch.
    mutating func append(key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader], timestamp: Int64) {
        if count == 0 { firstTimestamp = timestamp }
        maxTimestamp = max(maxTimestamp, timestamp)
        let tsDelta = timestamp &- firstTimestamp
        let body = Self.bodySize(keyCount: key?.count, valueCount: value?.count, headers: headers, offsetDelta: count, timestampDelta: tsDelta)
        Varint.append(Int64(body), to: &records)
        records.append(0)  // record attributes (unused)
        Varint.append(tsDelta, to: &records)
        Varint.append(Int64(count), to: &records)
        appendBytes(key)
        appendBytes(value)
        Varint.append(Int64(headers.count), to: &records)
        for h in headers {
            Varint.append(Int64(h.key.utf8.count), to: &records)
            records.append(contentsOf: h.key.utf8)
            appendBytes(h.value)
        }
        count += 1
    }

    private mutating func appendBytes(_ bytes: [UInt8]?) {
        guard let bytes else { Varint.append(-1, to: &records); return }
        Varint.append(Int64(bytes.count), to: &records)
        records.append(contentsOf: bytes)
    }

    /// Producer identity for idempotent and transactional batches (-1/-1/-1 when neither).
    struct ProducerInfo: Sendable, Equatable {
        var producerId: Int64 = -1
        var producerEpoch: Int16 = -1
        var baseSequence: Int32 = -1
        var transactional = false
    }

    /// Encodes the batch: header, CRC-32C and the (optionally compressed) records.
    func build(
        compression: KafkaCompression, producer: ProducerInfo = ProducerInfo(), baseOffset: Int64 = 0,
        control: Bool = false, allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws(KafkaError) -> ByteBuffer {
        let payload = try compression.compress(records)
        var attributes = compression.rawValue
        if producer.transactional { attributes |= RecordBatchHeader.transactionalFlag }
        if control { attributes |= RecordBatchHeader.controlFlag }
        var buffer = allocator.buffer(capacity: RecordBatchHeader.size + payload.count)
        buffer.writeInteger(baseOffset)
        buffer.writeInteger(Int32(RecordBatchHeader.sizeAfterLength + payload.count))
        buffer.writeInteger(Int32(-1))  // partition leader epoch: set by the broker
        buffer.writeInteger(Int8(2))  // magic
        buffer.writeInteger(UInt32(0))  // CRC, patched below
        let crcStart = buffer.writerIndex
        buffer.writeInteger(attributes)
        buffer.writeInteger(count > 0 ? count - 1 : 0)
        buffer.writeInteger(firstTimestamp)
        buffer.writeInteger(count > 0 ? maxTimestamp : firstTimestamp)
        buffer.writeInteger(producer.producerId)
        buffer.writeInteger(producer.producerEpoch)
        buffer.writeInteger(producer.baseSequence)
        buffer.writeInteger(count)
        buffer.writeBytes(payload)
        let crc = buffer.withUnsafeReadableBytes { raw in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[(crcStart - buffer.readerIndex)...]))
        }
        buffer.setInteger(crc, at: crcStart - 4)
        return buffer
    }

    /// A control batch holding one transaction marker (as a broker writes it).
    static func controlBatch(
        _ type: ControlRecordType, producerId: Int64, producerEpoch: Int16, coordinatorEpoch: Int32 = 0,
        timestamp: Int64, baseOffset: Int64
    ) throws(KafkaError) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        var key: [UInt8] = [0, 0, 0, 0]
        key[3] = UInt8(type.rawValue)
        var value: [UInt8] = [0, 0]
        withUnsafeBytes(of: coordinatorEpoch.bigEndian) { value.append(contentsOf: $0) }
        builder.append(key: key, value: value, headers: [], timestamp: timestamp)
        return try builder.build(
            compression: .none,
            producer: ProducerInfo(producerId: producerId, producerEpoch: producerEpoch, baseSequence: -1, transactional: true),
            baseOffset: baseOffset, control: true)
    }
}
