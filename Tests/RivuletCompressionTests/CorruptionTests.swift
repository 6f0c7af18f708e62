import Testing
@testable import RivuletCompression

/// Damaged compressed data: every call must return bytes or throw `CompressionError` — never
/// crash, hang or read/write out of bounds (run under the address sanitizer to check the last).
@Suite(.timeLimit(.minutes(1))) struct CorruptionTests {
    static let iterations = 2500

    static func originals(for codec: CompressionCodec) -> [[UInt8]] {
        [TestData.text(3000, seed: 21), TestData.mixed(6000, seed: 22), TestData.random(300, seed: 23), [0x41],
         [UInt8](repeating: 7, count: 2000)]
    }

    /// One random mutation: flip bytes, truncate, append garbage, or several of these.
    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        let kind = rng.next() % 6
        if kind == 0 || kind == 3 || kind == 5 || bytes.isEmpty {
            if !bytes.isEmpty {
                for _ in 0..<(Int(rng.next() % 4) + 1) {
                    let index = Int(rng.next() % UInt64(bytes.count))
                    bytes[index] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                }
            }
        }
        if kind == 1 || kind == 3 {
            bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
        }
        if kind == 2 || kind == 5 {
            for _ in 0..<(Int(rng.next() % 16) + 1) { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
        }
        if kind == 4 {
            // Overwrite a run with one repeated value (bogus lengths: 0xFF, 0x00, 0x80).
            let values: [UInt8] = [0xFF, 0x00, 0x80, 0x7F]
            let value = values[Int(rng.next() % 4)]
            if !bytes.isEmpty {
                let start = Int(rng.next() % UInt64(bytes.count))
                let end = min(bytes.count, start + Int(rng.next() % 8) + 1)
                for i in start..<end { bytes[i] = value }
            }
        }
        return bytes
    }

    @Test(arguments: CompressionCodec.allCases)
    func damagedInputNeverCrashes(_ codec: CompressionCodec) throws {
        var rng = SplitMix64(seed: 0xC0DEC + UInt64(codec.rawValue.utf8.count))
        let originals = Self.originals(for: codec)
        var compressed = try originals.map { try codec.compress($0) }
        if codec == .snappy { compressed += originals.map { Snappy.compressXerialFramed($0, chunkSize: 1024) } }
        if codec == .lz4 {
            let checked = LZ4Frame.Options(blockSize: .max64KB, contentChecksum: true, blockChecksum: true, contentSize: true)
            compressed += originals.map { LZ4Frame.compress($0, options: checked) }
        }
        var failures = 0
        for iteration in 0..<Self.iterations {
            let pick = Int(rng.next() % UInt64(compressed.count))
            let damaged = Self.mutate(compressed[pick], &rng)
            let expected = originals[pick % originals.count].count
            let sizes: [Int?] = codec == .lz4Raw ? [expected, Int(rng.next() % 10_000)] : [nil, expected]
            for size in sizes {
                do {
                    let out = try codec.decompress(damaged, uncompressedSize: size)
                    if let size { #expect(out.count == size, "iteration \(iteration)") }
                } catch {
                    failures += 1
                    #expect(error.codec == codec)
                    #expect(!error.message.isEmpty)
                }
            }
        }
        // Most damage must be detected (uncompressed has nothing to detect).
        if codec != .uncompressed { #expect(failures > Self.iterations / 4, "\(codec): only \(failures) failures") }
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .lz4Raw, .zstd])
    func everyTruncationIsAnError(_ codec: CompressionCodec) throws {
        let input = TestData.mixed(3000, seed: 31)
        let packed = try codec.compress(input)
        for length in 0..<packed.count {
            let cut = Array(packed.prefix(length))
            do {
                let out = try codec.decompress(cut, uncompressedSize: codec == .lz4Raw ? input.count : nil)
                Issue.record("\(codec) accepted a \(length)-byte prefix of \(packed.count), returned \(out.count) bytes")
            } catch {
                #expect(error.codec == codec)
            }
        }
    }

    @Test func randomGarbageIsRejected() {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<2000 {
            let garbage = TestData.random(Int(rng.next() % 64), seed: rng.next())
            for codec in CompressionCodec.allCases {
                _ = try? codec.decompress(garbage, uncompressedSize: codec == .lz4Raw ? 100 : nil)
            }
        }
    }

    @Test func checksumsCatchFlippedContent() throws {
        let input = TestData.text(20_000, seed: 41)
        // Flip a literal byte inside a stored (uncompressed) LZ4 block: only the checksums notice.
        let random = TestData.random(1000, seed: 42)
        var frame = LZ4Frame.compress(random, options: .init(contentChecksum: true))
        frame[20] ^= 0x01
        do {
            _ = try LZ4Frame.decompress(frame)
            Issue.record("content checksum did not catch a flipped byte")
        } catch {
            #expect(error.code == .corruptInput)
            #expect(error.message.contains("checksum"))
        }
        var blockChecked = LZ4Frame.compress(random, options: .init(contentChecksum: false, blockChecksum: true))
        blockChecked[20] ^= 0x01
        #expect(throws: CompressionError.self) { try LZ4Frame.decompress(blockChecked) }
        // gzip's CRC-32.
        var gz = try Gzip.compress(input, level: 0)
        gz[gz.count / 2] ^= 0x01
        #expect(throws: CompressionError.self) { try Gzip.decompress(gz) }
    }
}
