/// The xerial snappy-java stream framing that Kafka's Java client writes for SNAPPY batches:
///
/// ```
/// header:  0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00   magic (8 bytes)
///          int32 BE version, int32 BE minimum compatible version (both 1)
/// chunks:  int32 BE compressed length, then that many bytes of one raw snappy block
/// ```
extension Snappy {
    static let xerialMagic: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]
    static let xerialHeaderSize = 16
    /// snappy-java's default chunk size.
    public static let xerialDefaultChunkSize = 32 * 1024

    /// Whether `input` starts with the xerial snappy-java magic.
    public static func isXerialFramed(_ input: UnsafeRawBufferPointer) -> Bool {
        guard input.count >= xerialMagic.count else { return false }
        for i in 0..<xerialMagic.count where input[i] != xerialMagic[i] { return false }
        return true
    }

    /// Compresses `input` in xerial snappy-java framing (version 1, compatible 1), one raw
    /// block per `chunkSize` bytes, as Kafka's Java producer does.
    public static func compressXerialFramed(_ input: UnsafeRawBufferPointer, chunkSize: Int = xerialDefaultChunkSize) -> [UInt8] {
        let chunk = max(1, chunkSize)
        var out = xerialMagic
        out.reserveCapacity(xerialHeaderSize + maxCompressedLength(input.count) + 4 * (input.count / chunk + 1))
        appendBE32(1, to: &out)
        appendBE32(1, to: &out)
        var start = 0
        while start < input.count {
            let n = min(chunk, input.count - start)
            let block = compress(UnsafeRawBufferPointer(rebasing: input[start..<(start + n)]))
            appendBE32(UInt32(block.count), to: &out)
            out.append(contentsOf: block)
            start += n
        }
        return out
    }

    /// Compresses `input` in xerial snappy-java framing.
    public static func compressXerialFramed(_ input: [UInt8], chunkSize: Int = xerialDefaultChunkSize) -> [UInt8] {
        input.withUnsafeBytes { compressXerialFramed($0, chunkSize: chunkSize) }
    }

    static func appendBE32(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value >> 24))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    /// Decompresses a xerial snappy-java framed buffer (all chunks, concatenated).
    public static func decompressXerialFramed(_ input: UnsafeRawBufferPointer, uncompressedSize: Int?) throws(CompressionError) -> [UInt8] {
        guard isXerialFramed(input), let base = input.baseAddress else {
            throw CompressionError(.corruptInput, .snappy, "missing the xerial snappy-java magic")
        }
        guard input.count >= xerialHeaderSize else {
            throw CompressionError(.truncatedInput, .snappy, "xerial header is shorter than 16 bytes")
        }
        let limit = min(uncompressedSize ?? CompressionCodec.maxDecompressedSize, CompressionCodec.maxDecompressedSize)
        var output = try GrowableBuffer(
            initialCapacity: uncompressedSize ?? min(input.count * 4, 1 << 20), limit: limit, codec: .snappy)
        var pos = xerialHeaderSize
        while pos < input.count {
            guard input.count - pos >= 4 else {
                throw CompressionError(.truncatedInput, .snappy, "input ends inside a xerial chunk length at offset \(pos)")
            }
            let chunkLength = Int(base.be32(pos))
            pos += 4
            guard chunkLength <= input.count - pos else {
                throw CompressionError(
                    .truncatedInput, .snappy,
                    "xerial chunk at offset \(pos - 4) claims \(chunkLength) bytes but only \(input.count - pos) remain")
            }
            let chunk = UnsafeRawBufferPointer(start: base + pos, count: chunkLength)
            let (length, headerSize) = try readPreamble(chunk)
            try checkDeclaredLength(length, compressedBytes: chunkLength - headerSize, limit: nil)
            try output.reserve(length)
            try decodeElements(base + pos + headerSize, chunkLength - headerSize, into: output.base + output.count, length: length)
            output.count += length
            pos += chunkLength
        }
        return output.finish()
    }
}
