/// The LZ4 frame format (Kafka's LZ4 codec), written from the lz4 frame format description.
///
/// ```
/// magic 0x184D2204 (LE) | FLG | BD | [content size, 8 LE] | [dict id, 4 LE] | HC
/// blocks: size (4 LE, high bit = stored uncompressed) | data | [block checksum, 4 LE]
/// end mark 0x00000000 | [content checksum, 4 LE]
/// ```
/// HC is the second byte of XXH32(FLG...dict id); checksums are XXH32 with seed 0. Reading
/// accepts linked or independent blocks, every block size, both checksums (verified), content
/// size (verified), skippable frames and concatenated frames. Dictionaries are not supported.
///
/// ```swift
/// let frame = LZ4Frame.compress(bytes)   // as Kafka's Java producer writes: 64 KiB independent blocks
/// let back = try LZ4Frame.decompress(frame)
/// ```
public enum LZ4Frame {
    static let magic: UInt32 = 0x184D_2204

    /// The maximum block size a frame declares in its BD byte.
    public enum BlockSize: Int, Sendable, CaseIterable {
        /// 64 KiB (what Kafka's Java client writes).
        case max64KB = 4
        /// 256 KiB.
        case max256KB = 5
        /// 1 MiB.
        case max1MB = 6
        /// 4 MiB.
        case max4MB = 7

        /// The size in bytes.
        public var bytes: Int { 1 << (8 + 2 * rawValue) }
    }

    /// What a written frame contains.
    public struct Options: Sendable, Equatable {
        /// Maximum block size.
        public var blockSize: BlockSize
        /// Append XXH32 of all content after the end mark.
        public var contentChecksum: Bool
        /// Append XXH32 of each block's stored bytes.
        public var blockChecksum: Bool
        /// Store the content size in the header.
        public var contentSize: Bool

        /// Defaults: what Kafka's Java producer writes (FLG 0x60, BD 0x40): 64 KiB independent
        /// blocks, no checksums, no content size. (Some Java consumers verify a content checksum
        /// per block rather than over the whole content, so multi-block frames with one would
        /// be rejected there.)
        public init(blockSize: BlockSize = .max64KB, contentChecksum: Bool = false, blockChecksum: Bool = false, contentSize: Bool = false) {
            self.blockSize = blockSize
            self.contentChecksum = contentChecksum
            self.blockChecksum = blockChecksum
            self.contentSize = contentSize
        }
    }

    /// Compresses `input` into one LZ4 frame of independent blocks.
    public static func compress(_ input: UnsafeRawBufferPointer, options: Options = Options()) -> [UInt8] {
        let blockBytes = options.blockSize.bytes
        let blocks = (input.count + blockBytes - 1) / blockBytes
        let bound = 19 + blocks * (8 + LZ4Block.maxCompressedLength(blockBytes)) + 8
        return makeBytesNonThrowing(capacity: bound) { out in
            var op = 0
            out.storeBytes(of: magic.littleEndian, as: UInt32.self)
            var flg: UInt8 = 0b0110_0000  // version 01, independent blocks
            if options.blockChecksum { flg |= 0x10 }
            if options.contentSize { flg |= 0x08 }
            if options.contentChecksum { flg |= 0x04 }
            out.storeBytes(of: flg, toByteOffset: 4, as: UInt8.self)
            out.storeBytes(of: UInt8(options.blockSize.rawValue << 4), toByteOffset: 5, as: UInt8.self)
            op = 6
            if options.contentSize {
                out.storeBytes(of: UInt64(input.count).littleEndian, toByteOffset: op, as: UInt64.self)
                op += 8
            }
            let descriptor = UnsafeRawBufferPointer(start: out + 4, count: op - 4)
            out.storeBytes(of: UInt8(truncatingIfNeeded: XXHash32.hash(descriptor) >> 8), toByteOffset: op, as: UInt8.self)
            op += 1

            var start = 0
            while start < input.count {
                let n = min(blockBytes, input.count - start)
                let block = UnsafeRawBufferPointer(rebasing: input[start..<(start + n)])
                let data = out + op + 4
                var size = LZ4Block.compressBlock(block, into: data)
                var header = UInt32(size)
                if size >= n, let raw = block.baseAddress {
                    data.copyMemory(from: raw, byteCount: n)  // incompressible: store as is
                    size = n
                    header = UInt32(n) | 0x8000_0000
                }
                out.storeBytes(of: header.littleEndian, toByteOffset: op, as: UInt32.self)
                op += 4 + size
                if options.blockChecksum {
                    let sum = XXHash32.hash(UnsafeRawBufferPointer(start: data, count: size))
                    out.storeBytes(of: sum.littleEndian, toByteOffset: op, as: UInt32.self)
                    op += 4
                }
                start += n
            }
            out.storeBytes(of: UInt32(0), toByteOffset: op, as: UInt32.self)  // end mark
            op += 4
            if options.contentChecksum {
                out.storeBytes(of: XXHash32.hash(input).littleEndian, toByteOffset: op, as: UInt32.self)
                op += 4
            }
            return op
        }
    }

    /// Compresses `input` into one LZ4 frame.
    public static func compress(_ input: [UInt8], options: Options = Options()) -> [UInt8] {
        input.withUnsafeBytes { compress($0, options: options) }
    }

    /// Decompresses every frame in `input` (skippable frames are skipped). When
    /// `uncompressedSize` is given, output beyond it is an error.
    public static func decompress(_ input: [UInt8], uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try decompress(buffer, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }

    /// Decompresses every frame in `input` (skippable frames are skipped). When
    /// `uncompressedSize` is given, output beyond it is an error.
    public static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        guard let src = input.baseAddress, input.count > 0 else {
            throw CompressionError(.truncatedInput, .lz4, "empty input has no LZ4 frame")
        }
        let limit = min(uncompressedSize ?? CompressionCodec.maxDecompressedSize, CompressionCodec.maxDecompressedSize)
        var output = try GrowableBuffer(
            initialCapacity: uncompressedSize ?? min(max(input.count * 3, 1 << 16), 1 << 24), limit: limit, codec: .lz4)
        var pos = 0
        var frames = 0
        while pos < input.count {
            guard input.count - pos >= 4 else {
                throw CompressionError(.truncatedInput, .lz4, "input ends inside a frame magic at offset \(pos)")
            }
            let word = src.le32(pos)
            if word & 0xFFFF_FFF0 == 0x184D_2A50 {
                guard input.count - pos >= 8 else {
                    throw CompressionError(.truncatedInput, .lz4, "input ends inside a skippable frame header at offset \(pos)")
                }
                let size = Int(src.le32(pos + 4))
                guard size <= input.count - pos - 8 else {
                    throw CompressionError(.truncatedInput, .lz4, "skippable frame at offset \(pos) runs past the end of the input")
                }
                pos += 8 + size
                continue
            }
            guard word == magic else {
                let what = frames == 0 ? "not an LZ4 frame" : "unexpected bytes after an LZ4 frame"
                throw CompressionError(
                    .corruptInput, .lz4, "\(what): magic 0x\(String(word, radix: 16, uppercase: true)) at offset \(pos)")
            }
            pos = try decodeFrame(src, input.count, at: pos + 4, into: &output)
            frames += 1
        }
        guard frames > 0 else {
            throw CompressionError(.corruptInput, .lz4, "input holds only skippable frames")
        }
        return output.finish()
    }

    /// Decodes one frame whose descriptor starts at `start` (just after the magic); returns the
    /// input position after the frame.
    static func decodeFrame(
        _ src: UnsafeRawPointer, _ count: Int, at start: Int, into output: inout GrowableBuffer
    ) throws(CompressionError) -> Int {
        guard count - start >= 3 else {
            throw CompressionError(.truncatedInput, .lz4, "input ends inside the frame descriptor")
        }
        let flg = src.load(fromByteOffset: start, as: UInt8.self)
        let bd = src.load(fromByteOffset: start + 1, as: UInt8.self)
        guard flg >> 6 == 1 else {
            throw CompressionError(.unsupported, .lz4, "frame version \(flg >> 6) (only version 1 exists)")
        }
        guard flg & 0x02 == 0, bd & 0x8F == 0 else {
            throw CompressionError(.corruptInput, .lz4, "reserved bits set in the frame descriptor (FLG 0x\(String(flg, radix: 16)), BD 0x\(String(bd, radix: 16)))")
        }
        guard let blockSize = BlockSize(rawValue: Int(bd >> 4)) else {
            throw CompressionError(.corruptInput, .lz4, "invalid block maximum size id \(bd >> 4)")
        }
        let independent = flg & 0x20 != 0
        let hasBlockChecksum = flg & 0x10 != 0
        let hasContentSize = flg & 0x08 != 0
        let hasContentChecksum = flg & 0x04 != 0
        guard flg & 0x01 == 0 else {
            throw CompressionError(.unsupported, .lz4, "frames that need a dictionary are not supported")
        }
        let descriptorLength = 2 + (hasContentSize ? 8 : 0)
        guard count - start >= descriptorLength + 1 else {
            throw CompressionError(.truncatedInput, .lz4, "input ends inside the frame descriptor")
        }
        var contentSize: Int?
        if hasContentSize {
            let declared = src.le64(start + 2)
            guard declared <= UInt64(output.remainingAllowance) else {
                throw CompressionError(
                    .outputTooLarge, .lz4, "frame declares \(declared) bytes of content, more than the limit of \(output.limit)")
            }
            // A compressed byte expands to at most 255 bytes: a larger claim is corrupt, and is
            // rejected before it is allocated.
            guard declared <= UInt64(count - start) * 255 else {
                throw CompressionError(
                    .corruptInput, .lz4, "frame declares \(declared) bytes of content, more than \(count - start) bytes can hold")
            }
            contentSize = Int(declared)
            try output.reserve(Int(declared))
        }
        let checksum = XXHash32.hash(UnsafeRawBufferPointer(start: src + start, count: descriptorLength))
        let hc = src.load(fromByteOffset: start + descriptorLength, as: UInt8.self)
        guard hc == UInt8(truncatingIfNeeded: checksum >> 8) else {
            throw CompressionError(.corruptInput, .lz4, "frame header checksum mismatch")
        }
        var pos = start + descriptorLength + 1
        let frameStart = output.count
        let maxBlock = blockSize.bytes
        while true {
            guard count - pos >= 4 else {
                throw CompressionError(.truncatedInput, .lz4, "input ends before the frame's end mark (offset \(pos))")
            }
            let header = src.le32(pos)
            pos += 4
            if header == 0 { break }
            let stored = header & 0x8000_0000 != 0
            let size = Int(header & 0x7FFF_FFFF)
            guard size <= maxBlock else {
                throw CompressionError(
                    .corruptInput, .lz4, "block of \(size) bytes at offset \(pos - 4) exceeds the frame's maximum \(maxBlock)")
            }
            guard count - pos >= size + (hasBlockChecksum ? 4 : 0) else {
                throw CompressionError(.truncatedInput, .lz4, "block at offset \(pos - 4) runs past the end of the input")
            }
            if hasBlockChecksum {
                let actual = XXHash32.hash(UnsafeRawBufferPointer(start: src + pos, count: size))
                guard actual == src.le32(pos + size) else {
                    throw CompressionError(.corruptInput, .lz4, "block checksum mismatch at offset \(pos - 4)")
                }
            }
            if stored {
                try output.append(src + pos, count: size)
            } else {
                let room = min(maxBlock, output.remainingAllowance)
                try output.reserve(room)
                let end = output.count + room
                let produced = try LZ4Block.decodeBlock(
                    src + pos, size, out: output.base, start: output.count, end: end,
                    lowLimit: independent ? output.count : frameStart, codec: .lz4)
                output.count = produced
            }
            pos += size + (hasBlockChecksum ? 4 : 0)
        }
        if hasContentChecksum {
            guard count - pos >= 4 else {
                throw CompressionError(.truncatedInput, .lz4, "input ends inside the content checksum")
            }
            let actual = XXHash32.hash(UnsafeRawBufferPointer(start: output.base + frameStart, count: output.count - frameStart))
            guard actual == src.le32(pos) else {
                throw CompressionError(.corruptInput, .lz4, "content checksum mismatch")
            }
            pos += 4
        }
        if let contentSize, contentSize != output.count - frameStart {
            throw CompressionError(
                .corruptInput, .lz4, "frame declares \(contentSize) bytes of content but holds \(output.count - frameStart)")
        }
        return pos
    }
}
