extension LZ4Block {
    /// Decompresses one LZ4 block that must decode to exactly `uncompressedSize` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(CompressionError) -> [UInt8] {
        try decompress(input, uncompressedSize: uncompressedSize, codec: .lz4Raw)
    }

    /// Decompresses one LZ4 block that must decode to exactly `uncompressedSize` bytes.
    public static func decompress(_ input: [UInt8], uncompressedSize: Int) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try decompress(buffer, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer, uncompressedSize: Int, codec: CompressionCodec
    ) throws(CompressionError) -> [UInt8] {
        guard uncompressedSize >= 0 && uncompressedSize <= CompressionCodec.maxDecompressedSize else {
            throw CompressionError(
                .outputTooLarge, codec, "uncompressed size \(uncompressedSize) is outside 0...\(CompressionCodec.maxDecompressedSize)")
        }
        // Each input byte yields at most 255 output bytes (a length-extension byte).
        guard uncompressedSize <= input.count * 255 + 16 else {
            throw CompressionError(
                .corruptInput, codec, "\(input.count) compressed bytes cannot hold \(uncompressedSize) bytes")
        }
        guard let base = input.baseAddress, input.count > 0 else {
            if uncompressedSize == 0 { return [] }
            throw CompressionError(.truncatedInput, codec, "empty input for a block of \(uncompressedSize) bytes")
        }
        return try makeBytes(capacity: uncompressedSize) { (out) throws(CompressionError) -> Int in
            let produced = try decodeBlock(
                base, input.count, out: out, start: 0, end: uncompressedSize, lowLimit: 0, codec: codec)
            guard produced == uncompressedSize else {
                throw CompressionError(
                    .sizeMismatch, codec, "block decoded to \(produced) bytes but \(uncompressedSize) were expected")
            }
            return produced
        }
    }

    /// Decodes the block `src[0..<srcCount]` into `out` starting at `start`, never writing at or
    /// past `end` (plus `decoderSlack` spare bytes for chunked copies). Matches may reach back to
    /// `lowLimit` (the block start for independent blocks, the frame start for linked ones).
    /// Returns the new output position.
    static func decodeBlock(
        _ src: UnsafeRawPointer, _ srcCount: Int, out: UnsafeMutableRawPointer,
        start: Int, end: Int, lowLimit: Int, codec: CompressionCodec
    ) throws(CompressionError) -> Int {
        var ip = 0
        var op = start
        while true {
            guard ip < srcCount else { throw truncated("before its last literals", at: ip, codec) }
            let token = Int(src.load(fromByteOffset: ip, as: UInt8.self))
            ip &+= 1
            var literal = token >> 4
            if literal == 15 {
                literal &+= try readLengthExtension(src, srcCount, &ip, codec: codec)
            }
            guard literal <= srcCount &- ip else { throw truncated("inside a literal run of \(literal) bytes", at: ip, codec) }
            guard literal <= end &- op else { throw overrun(end &- start, codec) }
            copyLiteral(out + op, src + ip, length: literal, sourceAvailable: srcCount &- ip)
            ip &+= literal
            op &+= literal
            if ip == srcCount { return op }  // the last sequence has no match

            guard srcCount &- ip >= 2 else { throw truncated("inside a match offset", at: ip, codec) }
            let offset = src.le16(ip)
            ip &+= 2
            // offset must be in 1...(op - lowLimit) (one unsigned comparison).
            guard UInt(bitPattern: offset &- 1) < UInt(bitPattern: op &- lowLimit) else {
                throw badOffset(offset, op &- lowLimit, at: ip &- 2, codec)
            }
            var matchLength = token & 15
            if matchLength == 15 {
                matchLength &+= try readLengthExtension(src, srcCount, &ip, codec: codec)
            }
            matchLength &+= minMatch
            guard matchLength <= end &- op else { throw overrun(end &- start, codec) }
            copyMatch(out + op, offset: offset, length: matchLength)
            op &+= matchLength
        }
    }

    // Error builders kept out of line so the decode loop stays small.
    @inline(never)
    static func truncated(_ what: String, at offset: Int, _ codec: CompressionCodec) -> CompressionError {
        CompressionError(.truncatedInput, codec, "block ends \(what) (offset \(offset))")
    }

    @inline(never)
    static func overrun(_ available: Int, _ codec: CompressionCodec) -> CompressionError {
        CompressionError(.outputTooLarge, codec, "block decodes to more than the \(available) bytes available")
    }

    @inline(never)
    static func badOffset(_ offset: Int, _ decoded: Int, at ip: Int, _ codec: CompressionCodec) -> CompressionError {
        CompressionError(
            .corruptInput, codec, "match at offset \(ip) reaches back \(offset) bytes but only \(decoded) are decoded")
    }

    /// Reads 255-continued length bytes; a length beyond the block's possible output is corrupt.
    @inline(__always)
    static func readLengthExtension(
        _ src: UnsafeRawPointer, _ srcCount: Int, _ ip: inout Int, codec: CompressionCodec
    ) throws(CompressionError) -> Int {
        var total = 0
        while true {
            guard ip < srcCount else { throw truncated("inside a length", at: ip, codec) }
            let byte = Int(src.load(fromByteOffset: ip, as: UInt8.self))
            ip += 1
            total += byte
            if byte != 255 { return total }
            guard total <= CompressionCodec.maxDecompressedSize else {
                throw CompressionError(.corruptInput, codec, "length at offset \(ip) is implausibly large")
            }
        }
    }
}
