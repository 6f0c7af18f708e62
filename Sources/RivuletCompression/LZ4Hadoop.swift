/// The Hadoop LZ4 framing behind Parquet's deprecated `LZ4` codec (thrift value 5), kept for
/// reading old files; new files use `LZ4_RAW` (`CompressionCodec.lz4Raw`).
///
/// A buffer is one or more blocks, each `[uint32 BE uncompressed size][uint32 BE compressed
/// size][LZ4 block]` (HADOOP-12990). Some writers stored a bare LZ4 block under the same codec
/// id, so reading falls back to a raw block when the framing does not fit, as Arrow does.
///
/// ```swift
/// let page = LZ4Hadoop.compress(bytes)
/// let back = try LZ4Hadoop.decompress(page, uncompressedSize: bytes.count)
/// ```
public enum LZ4Hadoop {
    /// Compresses `input` as one Hadoop-framed LZ4 block (the layout Arrow writes).
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let block = LZ4Block.compress(input)
        var out: [UInt8] = []
        out.reserveCapacity(block.count + 8)
        Snappy.appendBE32(UInt32(truncatingIfNeeded: input.count), to: &out)
        Snappy.appendBE32(UInt32(truncatingIfNeeded: block.count), to: &out)
        out.append(contentsOf: block)
        return out
    }

    /// Compresses `input` as one Hadoop-framed LZ4 block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    /// Decompresses Hadoop-framed LZ4 blocks (or, failing that, one raw LZ4 block) that must
    /// total exactly `uncompressedSize` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(CompressionError) -> [UInt8] {
        if let framed = try? decompressFramed(input, uncompressedSize: uncompressedSize) {
            return framed
        }
        return try LZ4Block.decompress(input, uncompressedSize: uncompressedSize, codec: .lz4Raw)
    }

    /// Decompresses Hadoop-framed LZ4 blocks (or one raw LZ4 block).
    public static func decompress(_ input: [UInt8], uncompressedSize: Int) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try decompress(buffer, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }

    static func decompressFramed(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(CompressionError) -> [UInt8] {
        guard uncompressedSize >= 0 && uncompressedSize <= CompressionCodec.maxDecompressedSize else {
            throw CompressionError(.outputTooLarge, .lz4Raw, "uncompressed size \(uncompressedSize) is out of range")
        }
        guard let src = input.baseAddress, input.count >= 8 else {
            throw CompressionError(.truncatedInput, .lz4Raw, "Hadoop LZ4 block header needs 8 bytes")
        }
        return try makeBytes(capacity: uncompressedSize) { (out) throws(CompressionError) -> Int in
            var pos = 0
            var produced = 0
            while pos < input.count {
                guard input.count - pos >= 8 else {
                    throw CompressionError(.truncatedInput, .lz4Raw, "input ends inside a Hadoop LZ4 block header")
                }
                let blockSize = Int(src.be32(pos))
                let compressedSize = Int(src.be32(pos + 4))
                pos += 8
                guard compressedSize <= input.count - pos, blockSize <= uncompressedSize - produced else {
                    throw CompressionError(.corruptInput, .lz4Raw, "Hadoop LZ4 block sizes do not fit the input")
                }
                let end = try LZ4Block.decodeBlock(
                    src + pos, compressedSize, out: out, start: produced, end: produced + blockSize, lowLimit: produced,
                    codec: .lz4Raw)
                guard end == produced + blockSize else {
                    throw CompressionError(.sizeMismatch, .lz4Raw, "Hadoop LZ4 block decoded to the wrong size")
                }
                produced = end
                pos += compressedSize
            }
            guard produced == uncompressedSize else {
                throw CompressionError(
                    .sizeMismatch, .lz4Raw, "Hadoop LZ4 blocks hold \(produced) bytes but \(uncompressedSize) were expected")
            }
            return produced
        }
    }
}
