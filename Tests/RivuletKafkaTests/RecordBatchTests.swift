import NIOCore
import Testing

@testable import RivuletKafka

@Suite("Record batch v2 encoding, CRC-32C and varints")
struct RecordBatchTests {
    @Test func crc32cKnownVectors() {
        // RFC 3720 (iSCSI) B.4 vectors and the classic check value.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([]) == 0)
    }

    @Test func crc32cIsIncrementalAndMatchesBitwise() {
        var rng = SplitMix64(seed: 7)
        for length in [1, 7, 8, 9, 63, 64, 65, 1000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var bitwise: UInt32 = ~0
            for b in bytes {
                bitwise ^= UInt32(b)
                for _ in 0..<8 { bitwise = bitwise & 1 != 0 ? (bitwise >> 1) ^ 0x82F6_3B78 : bitwise >> 1 }
            }
            #expect(CRC32C.checksum(bytes) == ~bitwise)
            let split = length / 3
            let first = bytes[..<split].withUnsafeBytes { CRC32C.checksum($0) }
            let whole = bytes[split...].withUnsafeBytes { CRC32C.checksum($0, continuing: first) }
            #expect(whole == CRC32C.checksum(bytes))
        }
    }

    @Test func varintsRoundTripAndMatchZigZagLayout() {
        var out: [UInt8] = []
        Varint.append(0, to: &out)
        Varint.append(-1, to: &out)
        Varint.append(1, to: &out)
        Varint.append(-64, to: &out)
        Varint.append(64, to: &out)
        #expect(out == [0x00, 0x01, 0x02, 0x7F, 0x80, 0x01])
        let values: [Int64] = [0, 1, -1, 63, -64, 300, -300, Int64(Int32.max), Int64(Int32.min), .max, .min]
        var bytes: [UInt8] = []
        for v in values {
            Varint.append(v, to: &bytes)
        }
        #expect(bytes.count == values.map(Varint.size).reduce(0, +))
        bytes.withUnsafeBytes { raw in
            var c = ByteCursor(raw)
            for v in values { #expect(c.varlong() == v) }
            #expect(c.varlong() == nil)
        }
        // An overlong varint (11 continuation bytes) is rejected, not looped on.
        [UInt8](repeating: 0xFF, count: 11).withUnsafeBytes { raw in
            var c = ByteCursor(raw)
            #expect(c.varlong() == nil)
        }
    }

    func decoder(_ fetchOffset: Int64 = 0, readCommitted: Bool = false, aborted: [FetchRequest.AbortedTransaction] = []) -> RecordBatchDecoder {
        RecordBatchDecoder(topic: "t", partition: 3, fetchOffset: fetchOffset, readCommitted: readCommitted, abortedTransactions: aborted)
    }

    @Test func batchRoundTripWithHeadersNullKeyAndNullValue() throws {
        var builder = RecordBatchBuilder()
        builder.append(key: Array("k1".utf8), value: Array("v1".utf8), headers: [KafkaHeader(key: "h", value: [1, 2])], timestamp: 1_700_000_000_000)
        builder.append(key: nil, value: Array("v2".utf8), headers: [], timestamp: 1_700_000_000_005)
        builder.append(key: Array("k3".utf8), value: nil, headers: [KafkaHeader(key: "n", value: nil), KafkaHeader(key: "e", value: [])], timestamp: 1_699_999_999_999)
        let batch = try builder.build(compression: .none, baseOffset: 100)
        // Header fields on the wire.
        #expect(batch.getInteger(at: 0, as: Int64.self) == 100)
        #expect(batch.getInteger(at: 8, as: Int32.self) == Int32(batch.readableBytes - 12))
        #expect(batch.getInteger(at: 16, as: Int8.self) == 2)
        #expect(batch.getInteger(at: 23, as: Int32.self) == 2)  // last offset delta
        #expect(batch.getInteger(at: 27, as: Int64.self) == 1_700_000_000_000)
        #expect(batch.getInteger(at: 35, as: Int64.self) == 1_700_000_000_005)  // max timestamp
        #expect(batch.getInteger(at: 57, as: Int32.self) == 3)
        let out = try decoder().decode(batch)
        #expect(out.nextOffset == 103)
        #expect(out.records == [
            KafkaRecord(topic: "t", partition: 3, offset: 100, timestamp: 1_700_000_000_000, key: Array("k1".utf8), value: Array("v1".utf8), headers: [KafkaHeader(key: "h", value: [1, 2])]),
            KafkaRecord(topic: "t", partition: 3, offset: 101, timestamp: 1_700_000_000_005, key: nil, value: Array("v2".utf8)),
            KafkaRecord(topic: "t", partition: 3, offset: 102, timestamp: 1_699_999_999_999, key: Array("k3".utf8), value: nil, headers: [KafkaHeader(key: "n", value: nil), KafkaHeader(key: "e", value: [])]),
        ])
        // Reading from the middle of the batch skips the earlier records.
        #expect(try decoder(102).decode(batch).records.map(\.offset) == [102])
    }

    @Test func transactionalFlagAndProducerFieldsAreWritten() throws {
        var builder = RecordBatchBuilder()
        builder.append(key: nil, value: [1], headers: [], timestamp: 5)
        let batch = try builder.build(
            compression: .none, producer: .init(producerId: 42, producerEpoch: 3, baseSequence: 17, transactional: true))
        let header = batch.withUnsafeReadableBytes { RecordBatchHeader.load($0, at: 0) }
        #expect(header.isTransactional && !header.isControl)
        #expect(header.producerId == 42 && header.producerEpoch == 3 && header.baseSequence == 17)
        #expect(header.crc == batch.withUnsafeReadableBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[21...])) })
    }

    /// Two transactional batches of producers 7 and 8, then an abort marker for 7 and a commit for 8.
    func transactionalLog() throws -> ByteBuffer {
        var log = ByteBuffer()
        for (pid, base) in [(Int64(7), Int64(0)), (8, 2)] {
            var b = RecordBatchBuilder()
            b.append(key: nil, value: Array("p\(pid)a".utf8), headers: [], timestamp: 1)
            b.append(key: nil, value: Array("p\(pid)b".utf8), headers: [], timestamp: 2)
            var batch = try b.build(compression: .none, producer: .init(producerId: pid, producerEpoch: 0, baseSequence: 0, transactional: true), baseOffset: base)
            log.writeBuffer(&batch)
        }
        var abort = try RecordBatchBuilder.controlBatch(.abort, producerId: 7, producerEpoch: 0, timestamp: 3, baseOffset: 4)
        var commit = try RecordBatchBuilder.controlBatch(.commit, producerId: 8, producerEpoch: 0, timestamp: 3, baseOffset: 5)
        log.writeBuffer(&abort)
        log.writeBuffer(&commit)
        return log
    }

    @Test func controlBatchesAreSkippedAndAbortedTransactionsFilteredUnderReadCommitted() throws {
        let log = try transactionalLog()
        let uncommitted = try decoder().decode(log)
        #expect(uncommitted.records.map { String(decoding: $0.value ?? [], as: UTF8.self) } == ["p7a", "p7b", "p8a", "p8b"])
        #expect(uncommitted.nextOffset == 6)
        let committed = try decoder(readCommitted: true, aborted: [.init(producerId: 7, firstOffset: 0)]).decode(log)
        #expect(committed.records.map { String(decoding: $0.value ?? [], as: UTF8.self) } == ["p8a", "p8b"])
        #expect(committed.nextOffset == 6)
        let header = log.withUnsafeReadableBytes { RecordBatchHeader.load($0, at: 0) }
        #expect(!header.isControl)
    }

    @Test func badCRCIsACorruptRecordError() throws {
        var builder = RecordBatchBuilder()
        builder.append(key: nil, value: Array("hello".utf8), headers: [], timestamp: 1)
        var batch = try builder.build(compression: .none, baseOffset: 9)
        let last = batch.writerIndex - 1
        batch.setInteger(batch.getInteger(at: last, as: UInt8.self).map { $0 ^ 0x40 } ?? 0, at: last)
        #expect {
            try decoder().decode(batch)
        } throws: { error in
            guard let e = error as? KafkaError, case .corruptRecord = e.code else { return false }
            return e.message.contains("t-3") && e.message.contains("offset 9") && e.message.contains("CRC")
        }
    }

    @Test func truncatedBatchesAreErrorsOrIgnoredWhenTrailing() throws {
        var builder = RecordBatchBuilder()
        builder.append(key: nil, value: [UInt8](repeating: 1, count: 100), headers: [], timestamp: 1)
        let batch = try builder.build(compression: .none, baseOffset: 0)
        // A cut first batch is damage.
        let cut = batch.getSlice(at: 0, length: batch.readableBytes - 10) ?? ByteBuffer()
        #expect(throws: KafkaError.self) { try decoder().decode(cut) }
        // A cut batch after a complete one is the broker's size limit: ignored.
        var two = batch
        var again = try builder.build(compression: .none, baseOffset: 1)
        two.writeBuffer(&again)
        let trailing = two.getSlice(at: 0, length: two.readableBytes - 10) ?? ByteBuffer()
        let out = try decoder().decode(trailing)
        #expect(out.records.count == 1 && out.nextOffset == 1)
    }

    @Test func murmur2MatchesJavaVectors() {
        // Values of Kafka's Java `Utils.murmur2` (as in librdkafka's murmur2 unit test).
        #expect(UInt32(bitPattern: Murmur2.hash(Array("kafka".utf8))) == 0xD067_CF64)
        #expect(UInt32(bitPattern: Murmur2.hash(Array("giberish123456789".utf8))) == 0x8F55_2B0C)
        #expect(UInt32(bitPattern: Murmur2.hash(Array("1234".utf8))) == 0x9FC9_7B14)
        #expect(UInt32(bitPattern: Murmur2.hash(Array("234".utf8))) == 0xE7C0_09CA)
        #expect(UInt32(bitPattern: Murmur2.hash(Array("34".utf8))) == 0x8739_30DA)
        #expect(UInt32(bitPattern: Murmur2.hash(Array("4".utf8))) == 0x5A4B_5CA1)
        #expect(UInt32(bitPattern: Murmur2.hash([])) == 0x106E_08D9)
    }
}

/// A small deterministic generator for tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Compressed record batches")
struct CompressedBatchTests {
    @Test(arguments: KafkaCompression.allCases)
    func compressedBatchRoundTrip(codec: KafkaCompression) throws {
        var builder = RecordBatchBuilder()
        for i in 0..<200 {
            builder.append(key: Array("key-\(i % 10)".utf8), value: Array(String(repeating: "value \(i) ", count: 5).utf8),
                           headers: [KafkaHeader(key: "i", value: [UInt8(i % 256)])], timestamp: 1000 + Int64(i))
        }
        let batch = try builder.build(compression: codec, baseOffset: 50)
        let header = batch.withUnsafeReadableBytes { RecordBatchHeader.load($0, at: 0) }
        #expect(header.compression == codec.rawValue)
        if codec != .none { #expect(batch.readableBytes < builder.estimatedSize / 2) }
        let out = try RecordBatchDecoder(topic: "c", partition: 0, fetchOffset: 60, readCommitted: false, abortedTransactions: []).decode(batch)
        #expect(out.records.count == 190)
        #expect(out.records.first?.offset == 60 && out.records.first?.timestamp == 1010)
        #expect(out.records.last?.value == Array(String(repeating: "value 199 ", count: 5).utf8))
        #expect(out.nextOffset == 250)
    }
}
