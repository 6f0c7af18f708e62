/// The fixed 61-byte header of a record batch (magic v2), as laid out on the wire:
/// baseOffset int64, batchLength int32, partitionLeaderEpoch int32, magic int8, crc uint32,
/// attributes int16, lastOffsetDelta int32, baseTimestamp int64, maxTimestamp int64,
/// producerId int64, producerEpoch int16, baseSequence int32, recordCount int32.
/// The CRC-32C covers everything from `attributes` to the end of the batch.
struct RecordBatchHeader: Sendable, Equatable {
    static let size = 61
    /// Bytes of the header after `batchLength` (the smallest valid batchLength).
    static let sizeAfterLength = 49
    static let crcOffset = 17
    static let attributesOffset = 21

    var baseOffset: Int64
    var batchLength: Int32
    var partitionLeaderEpoch: Int32
    var magic: Int8
    var crc: UInt32
    var attributes: Int16
    var lastOffsetDelta: Int32
    var baseTimestamp: Int64
    var maxTimestamp: Int64
    var producerId: Int64
    var producerEpoch: Int16
    var baseSequence: Int32
    var recordCount: Int32

    var compression: Int16 { attributes & 0x7 }
    var isLogAppendTime: Bool { attributes & 0x8 != 0 }
    var isTransactional: Bool { attributes & 0x10 != 0 }
    var isControl: Bool { attributes & 0x20 != 0 }
    var lastOffset: Int64 { baseOffset &+ Int64(lastOffsetDelta) }

    static let transactionalFlag: Int16 = 0x10
    static let controlFlag: Int16 = 0x20
    static let logAppendTimeFlag: Int16 = 0x08

    /// Reads a header at `offset` of `raw`; the caller checked that 61 bytes are there.
    static func load(_ raw: UnsafeRawBufferPointer, at o: Int) -> RecordBatchHeader {
        @inline(__always) func i64(_ p: Int) -> Int64 { Int64(bigEndian: raw.loadUnaligned(fromByteOffset: o + p, as: Int64.self)) }
        @inline(__always) func i32(_ p: Int) -> Int32 { Int32(bigEndian: raw.loadUnaligned(fromByteOffset: o + p, as: Int32.self)) }
        @inline(__always) func i16(_ p: Int) -> Int16 { Int16(bigEndian: raw.loadUnaligned(fromByteOffset: o + p, as: Int16.self)) }
        return RecordBatchHeader(
            baseOffset: i64(0), batchLength: i32(8), partitionLeaderEpoch: i32(12),
            magic: Int8(bitPattern: raw[o + 16]), crc: UInt32(bitPattern: i32(17)), attributes: i16(21),
            lastOffsetDelta: i32(23), baseTimestamp: i64(27), maxTimestamp: i64(35), producerId: i64(43),
            producerEpoch: i16(51), baseSequence: i32(53), recordCount: i32(57))
    }
}

/// The kind of a control record (the key's `type`).
public enum ControlRecordType: Int16, Sendable {
    /// A transaction abort marker.
    case abort = 0
    /// A transaction commit marker.
    case commit = 1
}
