import RivuletCore
import Testing
@testable import RivuletParquet

/// A reference decoder of the RLE / bit-packing hybrid, written from the Parquet spec.
func referenceDecodeHybrid(_ bytes: [UInt8], bitWidth: Int, count: Int) -> [UInt32] {
    var out: [UInt32] = []
    var i = 0
    while out.count < count && i < bytes.count {
        var header: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = bytes[i]
            i += 1
            header |= UInt64(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 { break }
        }
        if header & 1 == 1 {
            let n = Int(header >> 1) * 8
            var bit = 0
            for _ in 0..<n {
                var v: UInt32 = 0
                for k in 0..<bitWidth {
                    let pos = bit + k
                    if (bytes[i + pos / 8] >> UInt8(pos % 8)) & 1 == 1 { v |= 1 << UInt32(k) }
                }
                bit += bitWidth
                out.append(v)
            }
            i += Int(header >> 1) * bitWidth
        } else {
            var v: UInt32 = 0
            for k in 0..<(bitWidth + 7) / 8 { v |= UInt32(bytes[i + k]) << UInt32(8 * k) }
            i += (bitWidth + 7) / 8
            out.append(contentsOf: repeatElement(v, count: Int(header >> 1)))
        }
    }
    return Array(out.prefix(count))
}

@Suite struct RLEHybridEncoderTests {
    @Test func bitPackedGroupMatchesTheSpecExample() {
        // parquet-format's example: 0...7 with bit width 3 packs to 10001000 11000110 11111010.
        var e = RLEHybridEncoder(bitWidth: 3)
        for v: UInt32 in 0...7 { e.put(v) }
        #expect(e.finish() == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test func repeatedValueBecomesOneRLERun() {
        var e = RLEHybridEncoder(bitWidth: 1)
        for _ in 0..<100 { e.put(1) }
        #expect(e.finish() == [0xC8, 0x01, 0x01])  // varint(100 << 1), then the value in one byte
        var wide = RLEHybridEncoder(bitWidth: 17)
        wide.put(0x1_2345, repeating: 1000)
        #expect(wide.finish() == [0xD0, 0x0F, 0x45, 0x23, 0x01])  // varint(2000), value in 3 bytes
    }

    @Test func runThenPaddedBitPackedTail() {
        var e = RLEHybridEncoder(bitWidth: 2)
        for v: UInt32 in [1, 1, 1, 1, 1, 1, 1, 1, 2, 3] { e.put(v) }
        // RLE run of eight 1s, then one bit-packed group [2, 3, 0, 0, 0, 0, 0, 0].
        #expect(e.finish() == [0x10, 0x01, 0x03, 0x0E, 0x00])
    }

    @Test func bitWidthZeroWritesOnlyHeaders() {
        var e = RLEHybridEncoder(bitWidth: 0)
        for _ in 0..<20 { e.put(0) }
        #expect(e.finish() == [0x28])
    }

    @Test func longBitPackedRunsSplitAt63Groups() {
        var e = RLEHybridEncoder(bitWidth: 4)
        let values = (0..<(64 * 8)).map { UInt32($0 % 16) }
        for v in values { e.put(v) }
        let bytes = e.finish()
        #expect(bytes[0] == 63 << 1 | 1)
        #expect(bytes[1 + 63 * 4] == 1 << 1 | 1)
        #expect(bytes.count == 2 + 64 * 4)
        #expect(referenceDecodeHybrid(bytes, bitWidth: 4, count: values.count) == values)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 8, 9, 13, 16, 20, 31, 32])
    func randomValuesRoundTrip(bitWidth: Int) {
        var rng = SplitMix(seed: UInt64(bitWidth))
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        var values: [UInt32] = []
        var e = RLEHybridEncoder(bitWidth: bitWidth)
        for _ in 0..<400 {
            let v = UInt32(rng.next() & mask)
            // Mix short and long runs so both run kinds and their transitions occur.
            let n = rng.next() % 3 == 0 ? Int(rng.next() % 40) : 1
            if rng.next() & 1 == 0 {
                e.put(v, repeating: n)
            } else {
                for _ in 0..<n { e.put(v) }
            }
            values += repeatElement(v, count: n)
        }
        #expect(e.count == values.count)
        let bytes = e.finish()
        #expect(referenceDecodeHybrid(bytes, bitWidth: bitWidth, count: values.count) == values)
        #expect(e.count == 0)
    }

    @Test func bitWidths() {
        #expect(BitPacking.bitWidth(forMax: 0) == 0)
        #expect(BitPacking.bitWidth(forMax: 1) == 1)
        #expect(BitPacking.bitWidth(forMax: 2) == 2)
        #expect(BitPacking.bitWidth(forMax: 255) == 8)
        #expect(BitPacking.bitWidth(forMax: 256) == 9)
    }

    @Test func booleansPackLSBFirst() {
        var w = BitWriter()
        for b in [true, false, true, true, false, false, false, false, true] { w.append(b) }
        #expect(w.finish() == [0b0000_1101, 0b0000_0001])
    }
}

@Suite struct DictionaryFallbackTests {
    @Test func fixedWidthFallsBackAndKeepsOnlyEntriesOfCutPages() throws {
        let enc = Int64ValueEncoder(path: "x", dictionaryEnabled: true, dictionaryLimit: 64)
        let values: [Int64] = [5, 6, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
        try enc.bind(.int64(values))
        enc.encode(range: 0..<4)
        let first = enc.takePage()
        #expect(first.encoding == .dictionary)
        // 3 entries → bit width 2; [0, 1, 0, 2] as one bit-packed group.
        #expect(first.bytes[0] == 2)
        #expect(referenceDecodeHybrid(Array(first.bytes.dropFirst()), bitWidth: 2, count: 4) == [0, 1, 0, 2])
        // 11 more distinct longs pass 64 bytes (8 entries): the page becomes PLAIN.
        enc.encode(range: 4..<15)
        let second = enc.takePage()
        #expect(second.encoding == .plain)
        #expect(second.bytes == values[4..<15].flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } })
        let dict = try #require(enc.dictionaryPage())
        #expect(dict.count == 3)
        #expect(dict.bytes == [Int64(5), 6, 7].flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } })
        // Statistics cover the values of both pages.
        let stats = try #require(enc.statistics())
        #expect(stats.min == withUnsafeBytes(of: Int64(5).littleEndian) { Array($0) })
        #expect(stats.max == withUnsafeBytes(of: Int64(18).littleEndian) { Array($0) })
        // A new row group starts with the dictionary again.
        enc.resetChunk()
        enc.encode(range: 0..<2)
        #expect(enc.takePage().encoding == .dictionary)
    }

    @Test func overflowInTheFirstPageWritesNoDictionary() throws {
        let enc = ByteArrayValueEncoder(path: "s", fixedWidth: nil, signedOrder: false, dictionaryEnabled: true, dictionaryLimit: 20)
        let strings = try #require(ColumnVector(strings: ["aaaa", "bbbb", "aaaa", "cccc", "dddd"]).byteArray)
        try enc.bind(.bytes(ByteArrayView(strings)))
        enc.encode(indices: [0, 1, 2, 3, 4])
        let page = enc.takePage()
        #expect(page.encoding == .plain)
        var expected: [UInt8] = []
        for s in ["aaaa", "bbbb", "aaaa", "cccc", "dddd"] {
            expected += [4, 0, 0, 0] + Array(s.utf8)
        }
        #expect(page.bytes == expected)
        #expect(enc.dictionaryPage() == nil)
    }

    @Test func dictionaryDeduplicatesByBitsIncludingSignedZeroAndNaN() {
        var d = FixedWidthDictionary<Double>()
        #expect(d.index(of: 0.0) == (0, true))
        #expect(d.index(of: -0.0) == (1, true))
        #expect(d.index(of: .nan) == (2, true))
        #expect(d.index(of: .nan) == (2, false))
        #expect(d.index(of: 0.0) == (0, false))
        for i in 0..<5000 { _ = d.index(of: Double(i) + 0.5) }
        #expect(d.count == 5003)
        #expect(d.index(of: 4999.5) == (5002, false))
    }
}

@Suite struct StatisticsOrderTests {
    private func bytesStats(_ values: [[UInt8]], signed: Bool) -> (min: [UInt8], max: [UInt8])? {
        var s = ByteArrayStatistics(signed: signed)
        for v in values { v.withUnsafeBytes { s.update($0) } }
        return s.encoded(sizeLimit: 4096)
    }

    @Test func stringsCompareAsUnsignedBytes() throws {
        // "é" is 0xC3 0xA9: above "z" (0x7A) unsigned, below it if bytes were signed.
        let r = try #require(bytesStats([Array("z".utf8), Array("é".utf8), Array("a".utf8), Array("ab".utf8), []], signed: false))
        #expect(r.min == [])
        #expect(r.max == Array("é".utf8))
    }

    @Test func fixedLengthDecimalsCompareSigned() throws {
        let minusOne: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF], two: [UInt8] = [0, 0, 0, 2], big: [UInt8] = [0x7F, 0, 0, 0]
        let r = try #require(bytesStats([two, minusOne, big, [0x80, 0, 0, 0]], signed: true))
        #expect(r.min == [0x80, 0, 0, 0])
        #expect(r.max == big)
    }

    @Test func oversizedBoundsAreDropped() {
        #expect(bytesStats([[UInt8](repeating: 1, count: 5000)], signed: false) == nil)
    }

    @Test func floatsSkipNaNAndNormaliseZeros() throws {
        var s = FixedWidthStatistics<Double>()
        [0.0, -0.0, .nan].withUnsafeBufferPointer { s.update($0) }
        let r = try #require(s.encoded())
        #expect(r.min == withUnsafeBytes(of: (-0.0).bitPattern) { Array($0) })
        #expect(r.max == withUnsafeBytes(of: (0.0).bitPattern) { Array($0) })
        var onlyNaN = FixedWidthStatistics<Float>()
        onlyNaN.update(.nan)
        #expect(onlyNaN.encoded() == nil)
        var mixed = FixedWidthStatistics<Float>()
        [Float.nan, 3, -.infinity, 2].withUnsafeBufferPointer { mixed.update($0) }
        #expect(mixed.min == -.infinity)
        #expect(mixed.max == 3)
    }

    @Test func integersCompareSigned() throws {
        var s = FixedWidthStatistics<Int32>()
        [Int32(3), -5, .max, .min, 0].withUnsafeBufferPointer { s.update($0) }
        #expect(s.min == .min)
        #expect(s.max == .max)
        var b = BooleanStatistics()
        b.update(true)
        #expect(b.encoded()?.min == [1])
        b.update(false)
        #expect(b.encoded()?.min == [0])
        #expect(b.encoded()?.max == [1])
    }
}
