extension Snappy {
    /// The uncompressed length a raw block declares in its varint preamble, and the preamble's size.
    public static func uncompressedLength(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> Int {
        try readPreamble(input).length
    }

    static func readPreamble(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> (length: Int, headerSize: Int) {
        var value: UInt64 = 0
        var i = 0
        while true {
            guard i < input.count else {
                throw CompressionError(.truncatedInput, .snappy, "input ends inside the length preamble (\(input.count) bytes)")
            }
            let byte = input[i]
            value |= UInt64(byte & 0x7F) << (7 * UInt64(i))
            i += 1
            if byte < 0x80 { break }
            guard i < 5 else {
                throw CompressionError(.corruptInput, .snappy, "length preamble is longer than 5 bytes")
            }
        }
        guard value <= UInt64(UInt32.max) else {
            throw CompressionError(.corruptInput, .snappy, "length preamble \(value) does not fit in 32 bits")
        }
        return (Int(value), i)
    }

    /// Decompresses one raw snappy block. When `uncompressedSize` is given, the block must
    /// declare exactly that length.
    public static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        let (length, headerSize) = try readPreamble(input)
        try checkDeclaredLength(length, compressedBytes: input.count - headerSize, limit: uncompressedSize)
        if let expected = uncompressedSize, expected != length {
            throw CompressionError(.sizeMismatch, .snappy, "block declares \(length) bytes but \(expected) were expected")
        }
        guard let base = input.baseAddress else { return [] }
        return try makeBytes(capacity: length) { (out) throws(CompressionError) -> Int in
            try decodeElements(base + headerSize, input.count - headerSize, into: out, length: length)
            return length
        }
    }

    /// Decompresses one raw snappy block.
    public static func decompress(_ input: [UInt8], uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try decompress(buffer, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }

    /// Decompresses either xerial snappy-java framing (detected by its magic) or a raw block.
    public static func decompressAnyFraming(_ input: UnsafeRawBufferPointer, uncompressedSize: Int?) throws(CompressionError) -> [UInt8] {
        if isXerialFramed(input) {
            return try decompressXerialFramed(input, uncompressedSize: uncompressedSize)
        }
        return try decompress(input, uncompressedSize: uncompressedSize)
    }

    /// Rejects a declared length over the caller's limit or the global limit, or one the
    /// compressed bytes cannot possibly produce (a copy element yields at most 64 bytes from 3).
    static func checkDeclaredLength(_ length: Int, compressedBytes: Int, limit: Int?) throws(CompressionError) {
        let cap = min(limit ?? CompressionCodec.maxDecompressedSize, CompressionCodec.maxDecompressedSize)
        if length > cap {
            throw CompressionError(.outputTooLarge, .snappy, "block declares \(length) bytes, more than the limit of \(cap)")
        }
        if length > compressedBytes * 22 {
            throw CompressionError(
                .corruptInput, .snappy, "block declares \(length) bytes, more than \(compressedBytes) compressed bytes can hold")
        }
    }

    /// Decodes the elements of a raw block into `out`, which has room for exactly `length`
    /// bytes plus `decoderSlack`. Every length and offset is checked against both buffers.
    static func decodeElements(
        _ src: UnsafeRawPointer, _ srcCount: Int, into out: UnsafeMutableRawPointer, length: Int
    ) throws(CompressionError) {
        var ip = 0
        var op = 0
        while ip < srcCount {
            let tag = Int(src.load(fromByteOffset: ip, as: UInt8.self))
            let kind = tag & 3
            if kind == 0 {
                var literal = (tag >> 2) &+ 1
                ip &+= 1
                if literal > 60 {
                    let extra = literal &- 60
                    guard srcCount &- ip >= extra else { throw truncated("a literal length", at: ip &- 1) }
                    literal = 0
                    for i in 0..<extra {
                        literal |= Int(src.load(fromByteOffset: ip &+ i, as: UInt8.self)) << (8 &* i)
                    }
                    literal &+= 1
                    ip &+= extra
                }
                guard literal <= srcCount &- ip else { throw truncated("a literal of \(literal) bytes", at: ip) }
                guard literal <= length &- op else { throw overrun(literal, length) }
                copyLiteral(out + op, src + ip, length: literal, sourceAvailable: srcCount &- ip)
                ip &+= literal
                op &+= literal
                continue
            }
            let count: Int
            let offset: Int
            if kind == 1 {
                guard srcCount &- ip >= 2 else { throw truncated("a copy element", at: ip) }
                count = ((tag >> 2) & 7) &+ 4
                offset = ((tag >> 5) << 8) | Int(src.load(fromByteOffset: ip &+ 1, as: UInt8.self))
                ip &+= 2
            } else if kind == 2 {
                guard srcCount &- ip >= 3 else { throw truncated("a copy element", at: ip) }
                count = (tag >> 2) &+ 1
                offset = src.le16(ip &+ 1)
                ip &+= 3
            } else {
                guard srcCount &- ip >= 5 else { throw truncated("a copy element", at: ip) }
                count = (tag >> 2) &+ 1
                offset = Int(src.le32(ip &+ 1))
                ip &+= 5
            }
            // offset must be in 1...op (one unsigned comparison).
            guard UInt(bitPattern: offset &- 1) < UInt(bitPattern: op) else { throw badOffset(offset, op, at: ip) }
            guard count <= length &- op else { throw overrun(count, length) }
            copyMatch(out + op, offset: offset, length: count)
            op &+= count
        }
        guard op == length else {
            throw CompressionError(
                .truncatedInput, .snappy, "input ends after \(op) of the \(length) declared bytes")
        }
    }

    // Error builders kept out of line so the decode loop stays small.
    @inline(never)
    static func truncated(_ what: String, at offset: Int) -> CompressionError {
        CompressionError(.truncatedInput, .snappy, "input ends inside \(what) at offset \(offset)")
    }

    @inline(never)
    static func overrun(_ count: Int, _ length: Int) -> CompressionError {
        CompressionError(.corruptInput, .snappy, "element of \(count) bytes overruns the declared length \(length)")
    }

    @inline(never)
    static func badOffset(_ offset: Int, _ decoded: Int, at ip: Int) -> CompressionError {
        CompressionError(
            .corruptInput, .snappy, "copy before input offset \(ip) reaches back \(offset) bytes but only \(decoded) are decoded")
    }
}
