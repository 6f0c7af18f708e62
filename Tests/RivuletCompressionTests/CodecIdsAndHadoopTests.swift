import Testing
@testable import RivuletCompression

@Suite struct CodecIdsAndHadoopTests {
    @Test func kafkaAndParquetIdsRoundTrip() {
        for codec in CompressionCodec.allCases {
            if let code = codec.kafkaAttributeCode { #expect(CompressionCodec(kafkaAttributeCode: code) == codec) }
            if let value = codec.parquetThriftValue { #expect(CompressionCodec(parquetThriftValue: value) == codec) }
        }
        #expect(CompressionCodec(kafkaAttributeCode: 3) == .lz4)
        #expect(CompressionCodec(kafkaAttributeCode: 5) == nil)
        #expect(CompressionCodec(parquetThriftValue: 1) == .snappy)
        #expect(CompressionCodec(parquetThriftValue: 7) == .lz4Raw)
        #expect(CompressionCodec(parquetThriftValue: 5) == nil)  // Hadoop LZ4: LZ4Hadoop
        #expect(CompressionCodec.lz4Raw.kafkaAttributeCode == nil)
        #expect(CompressionCodec.lz4.parquetThriftValue == nil)
    }

    @Test func hadoopLZ4RoundTripAndMultiBlock() throws {
        let a = TestData.text(70_000, seed: 51), b = TestData.mixed(20_000, seed: 52)
        #expect(try LZ4Hadoop.decompress(LZ4Hadoop.compress(a), uncompressedSize: a.count) == a)
        #expect(try LZ4Hadoop.decompress(LZ4Hadoop.compress([]), uncompressedSize: 0) == [])
        // Two framed blocks back to back.
        let joined = LZ4Hadoop.compress(a) + LZ4Hadoop.compress(b)
        #expect(try LZ4Hadoop.decompress(joined, uncompressedSize: a.count + b.count) == a + b)
        // A bare block under the same codec id is accepted too.
        #expect(try LZ4Hadoop.decompress(LZ4Block.compress(b), uncompressedSize: b.count) == b)
        // A wrong size is an error either way.
        #expect(throws: CompressionError.self) { try LZ4Hadoop.decompress(LZ4Hadoop.compress(a), uncompressedSize: a.count - 1) }
    }

    @Test func hadoopLZ4DamageNeverCrashes() {
        var rng = SplitMix64(seed: 99)
        let input = TestData.mixed(4000, seed: 53)
        let packed = LZ4Hadoop.compress(input)
        for _ in 0..<1500 {
            var damaged = packed
            for _ in 0..<(Int(rng.next() % 3) + 1) {
                damaged[Int(rng.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 3 == 0 { damaged = Array(damaged.prefix(Int(rng.next() % UInt64(damaged.count)))) }
            if let out = try? LZ4Hadoop.decompress(damaged, uncompressedSize: input.count) {
                #expect(out.count == input.count)
            }
        }
    }
}
