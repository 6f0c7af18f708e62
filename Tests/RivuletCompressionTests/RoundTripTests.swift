import Testing
@testable import RivuletCompression

@Suite struct RoundTripTests {
    @Test(arguments: CompressionCodec.allCases)
    func roundTripsEverySample(_ codec: CompressionCodec) throws {
        for (name, input) in TestData.samples {
            let packed = try codec.compress(input)
            let known = try codec.decompress(packed, uncompressedSize: input.count)
            #expect(known == input, "\(codec) \(name) with size")
            if codec != .lz4Raw {
                let unknown = try codec.decompress(packed, uncompressedSize: nil)
                #expect(unknown == input, "\(codec) \(name) without size")
            }
        }
    }

    @Test func compressibleInputsShrink() throws {
        let text = TestData.text(200_000)
        for codec in CompressionCodec.allCases where codec != .uncompressed {
            let packed = try codec.compress(text)
            #expect(packed.count < text.count / 2, "\(codec): \(packed.count) bytes")
        }
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        #expect(Snappy.compress(zeros).count < 60_000)
        #expect(LZ4Block.compress(zeros).count < 5_000)
    }

    @Test func randomInputsStayWithinBounds() {
        for size in [0, 1, 15, 16, 100, 65536, 200_000] {
            let data = TestData.random(size, seed: UInt64(size))
            #expect(Snappy.compress(data).count <= Snappy.maxCompressedLength(size))
            #expect(LZ4Block.compress(data).count <= LZ4Block.maxCompressedLength(size))
        }
    }

    @Test func lz4RawNeedsTheSize() throws {
        let packed = LZ4Block.compress(TestData.text(1000))
        #expect(throws: CompressionError.self) { try CompressionCodec.lz4Raw.decompress(packed, uncompressedSize: nil) }
        do {
            _ = try CompressionCodec.lz4Raw.decompress(packed, uncompressedSize: nil)
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .lz4Raw, .zstd])
    func wrongExpectedSizeIsAnError(_ codec: CompressionCodec) throws {
        let input = TestData.text(5000)
        let packed = try codec.compress(input)
        for wrong in [4999, 5001, 0] {
            do {
                let out = try codec.decompress(packed, uncompressedSize: wrong)
                Issue.record("\(codec) accepted size \(wrong), returned \(out.count) bytes")
            } catch {
                #expect([.sizeMismatch, .outputTooLarge, .corruptInput].contains(error.code), "\(codec) \(wrong): \(error)")
                #expect(error.message.hasPrefix("\(codec.rawValue):"))
            }
        }
    }

    @Test func hugeDeclaredLengthsAreRejectedWithoutAllocating() {
        // Snappy preamble claiming 2^32-1 bytes.
        let snappy: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x41]
        #expect(throws: CompressionError.self) { try Snappy.decompress(snappy) }
        // LZ4 frame declaring a 2^60-byte content size.
        var frame: [UInt8] = [0x04, 0x22, 0x4D, 0x18, 0x68, 0x40]
        frame += withUnsafeBytes(of: (UInt64(1) << 60).littleEndian, Array.init)
        frame.append(UInt8(truncatingIfNeeded: XXHash32.hash(Array(frame[4...])) >> 8))
        frame += [0, 0, 0, 0]
        do {
            _ = try LZ4Frame.decompress(frame)
            Issue.record("accepted a 2^60 content size")
        } catch {
            #expect(error.code == .outputTooLarge)
        }
        #expect(throws: CompressionError.self) {
            try CompressionCodec.lz4Raw.decompress([0x00], uncompressedSize: 1 << 60)
        }
    }

    @Test func lz4FrameOptionsRoundTrip() throws {
        let input = TestData.mixed(700_000)
        for blockSize in LZ4Frame.BlockSize.allCases {
            for flags in 0..<8 {
                let options = LZ4Frame.Options(
                    blockSize: blockSize, contentChecksum: flags & 1 != 0, blockChecksum: flags & 2 != 0, contentSize: flags & 4 != 0)
                let frame = LZ4Frame.compress(input, options: options)
                #expect(try LZ4Frame.decompress(frame) == input, "\(options)")
            }
        }
    }

    @Test func lz4DefaultFrameHeaderMatchesKafkaJava() {
        // Kafka's Java producer: FLG 0x60 (v1, independent blocks), BD 0x40 (64 KiB), HC 0x82.
        let frame = LZ4Frame.compress(Array("kafka".utf8))
        #expect(Array(frame.prefix(7)) == [0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, 0x82])
        #expect(Array(frame.suffix(4)) == [0, 0, 0, 0])  // end mark, no content checksum
    }

    @Test func lz4ConcatenatedAndSkippableFrames() throws {
        let a = TestData.text(70_000, seed: 5), b = TestData.random(1000, seed: 6)
        let skippable: [UInt8] = [0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3]
        let joined = LZ4Frame.compress(a) + skippable + LZ4Frame.compress(b)
        #expect(try LZ4Frame.decompress(joined) == a + b)
    }

    @Test func gzipConcatenatedMembersAndZlibStreams() throws {
        let a = TestData.text(10_000, seed: 7), b = TestData.text(20_000, seed: 8)
        let joined = try Gzip.compress(a) + Gzip.compress(b, level: 1)
        #expect(try Gzip.decompress(joined) == a + b)
        #expect(try Gzip.decompress(joined, uncompressedSize: 30_000) == a + b)
        // Stored (level 0) and best (level 9) both read back.
        #expect(try Gzip.decompress(Gzip.compress(a, level: 0)) == a)
        #expect(try Gzip.decompress(Gzip.compress(a, level: 9)) == a)
        #expect(throws: CompressionError.self) { try Gzip.compress(a, level: 12) }
    }

    @Test func zstdConcatenatedFramesAndLevels() throws {
        let a = TestData.text(50_000, seed: 10), b = TestData.mixed(30_000, seed: 11)
        let joined = try Zstd.compress(a, level: 1) + Zstd.compress(b, level: 19)
        #expect(try Zstd.decompress(joined) == a + b)
        #expect(try Zstd.decompress(joined, uncompressedSize: 80_000) == a + b)
        #expect(try Zstd.decompress(Zstd.compress(a, level: -5)) == a)
    }

    @Test func snappyXerialRoundTrip() throws {
        for input in [[], TestData.text(100_000), TestData.random(40_000)] {
            let framed = Snappy.compressXerialFramed(input)
            #expect(framed.withUnsafeBytes { Snappy.isXerialFramed($0) })
            #expect(try CompressionCodec.snappy.decompress(framed, uncompressedSize: nil) == input)
        }
    }

    @Test func snappyHandWrittenBlock() throws {
        // "abcabcabcabcX": literal "abc", 1-byte-offset copy (len 9, offset 3), literal "X".
        let block: [UInt8] = [13, 0x08, 0x61, 0x62, 0x63, 0x01 | (5 << 2), 3, 0x00, 0x58]
        #expect(try Snappy.decompress(block) == Array("abcabcabcabcX".utf8))
        // The same copy with a 2-byte and a 4-byte offset.
        let two: [UInt8] = [12, 0x08, 0x61, 0x62, 0x63, 0x02 | (8 << 2), 3, 0]
        #expect(try Snappy.decompress(two) == Array("abcabcabcabc".utf8))
        let four: [UInt8] = [12, 0x08, 0x61, 0x62, 0x63, 0x03 | (8 << 2), 3, 0, 0, 0]
        #expect(try Snappy.decompress(four) == Array("abcabcabcabc".utf8))
        // Offset 0 and an offset before the start are corrupt.
        for bad: [UInt8] in [[5, 0x00, 0x61, 0x02 | (3 << 2), 0, 0], [5, 0x00, 0x61, 0x02 | (3 << 2), 2, 0]] {
            do {
                _ = try Snappy.decompress(bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.code == .corruptInput)
            }
        }
    }

    @Test func xxhash32KnownValues() {
        // Values the lz4 command-line tool writes as content checksums.
        #expect(XXHash32.hash([]) == 0x02CC_5D05)
        #expect(XXHash32.hash(Array("a".utf8)) == 0x550D_7456)
        #expect(XXHash32.hash(Array("abc".utf8)) == 0x32D1_53FF)
        #expect(XXHash32.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xE229_3B2F)
    }

    @Test func xxhash32StreamingMatchesOneShot() {
        let data = TestData.random(1000, seed: 4)
        for split in [0, 1, 3, 15, 16, 17, 100, 999, 1000] {
            for seed: UInt32 in [0, 1, 0x9E37_79B1] {
                var h = XXHash32(seed: seed)
                h.update(Array(data[..<split]))
                h.update(Array(data[split...]))
                #expect(h.finalize() == XXHash32.hash(data, seed: seed))
            }
        }
    }
}
