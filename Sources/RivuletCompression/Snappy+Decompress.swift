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
            ip += 1
            switch tag & 3 {
            case 0:
                var literal = tag >> 2
                if literal >= 60 {
                    let extra = literal - 59
                    guard srcCount - ip >= extra else {
                        throw CompressionError(.truncatedInput, .snappy, "input ends inside a literal length at offset \(ip - 1)")
                    }
                    literal = 0
                    for i in 0..<extra {
                        literal |= Int(src.load(fromByteOffset: ip + i, as: UInt8.self)) << (8 * i)
                    }
                    ip += extra
                }
                literal += 1
                guard literal <= srcCount - ip else {
                    throw CompressionError(
                        .truncatedInput, .snappy, "literal of \(literal) bytes at offset \(ip) runs past the end of the input")
                }
                guard literal <= length - op else {
                    throw CompressionError(
                        .corruptInput, .snappy, "literal of \(literal) bytes overruns the declared length \(length)")
                }
                copyLiteral(out + op, src + ip, length: literal, sourceAvailable: srcCount - ip)
                ip += literal
                op += literal
            case 1:
                guard ip < srcCount else {
                    throw CompressionError(.truncatedInput, .snappy, "input ends inside a copy element")
                }
                let count = 4 + ((tag >> 2) & 7)
                let offset = ((tag >> 5) << 8) | Int(src.load(fromByteOffset: ip, as: UInt8.self))
                ip += 1
                try copy(out, &op, offset: offset, count: count, length: length, at: ip)
            case 2:
                guard srcCount - ip >= 2 else {
                    throw CompressionError(.truncatedInput, .snappy, "input ends inside a copy element")
                }
                let offset = src.le16(ip)
                ip += 2
                try copy(out, &op, offset: offset, count: (tag >> 2) + 1, length: length, at: ip)
            default:
                guard srcCount - ip >= 4 else {
                    throw CompressionError(.truncatedInput, .snappy, "input ends inside a copy element")
                }
                let offset = Int(src.le32(ip))
                ip += 4
                try copy(out, &op, offset: offset, count: (tag >> 2) + 1, length: length, at: ip)
            }
        }
        guard op == length else {
            throw CompressionError(
                .truncatedInput, .snappy, "input ends after \(op) of the \(length) declared bytes")
        }
    }

    @inline(__always)
    static func copy(
        _ out: UnsafeMutableRawPointer, _ op: inout Int, offset: Int, count: Int, length: Int, at ip: Int
    ) throws(CompressionError) {
        guard offset > 0 && offset <= op else {
            throw CompressionError(
                .corruptInput, .snappy, "copy before input offset \(ip) reaches back \(offset) bytes but only \(op) are decoded")
        }
        guard count <= length - op else {
            throw CompressionError(.corruptInput, .snappy, "copy of \(count) bytes overruns the declared length \(length)")
        }
        copyMatch(out + op, offset: offset, length: count)
        op += count
    }
}
