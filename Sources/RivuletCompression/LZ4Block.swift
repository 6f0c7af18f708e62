/// The LZ4 block format, written from the lz4 block format description.
///
/// A block is a run of sequences: a token (4 bits literal length, 4 bits match length - 4,
/// each extended by 255-continuation bytes), the literals, a 2-byte little-endian offset and
/// the match length extension. The last sequence holds literals only. Parquet's LZ4_RAW pages
/// are single blocks; the LZ4 frame format (`LZ4Frame`) is made of them.
///
/// ```swift
/// let block = LZ4Block.compress(bytes)
/// let back = try LZ4Block.decompress(block, uncompressedSize: bytes.count)
/// ```
public enum LZ4Block {
    static let minMatch = 4
    /// The last match must start at least this far before the end of the block.
    static let mfLimit = 12
    /// The last this many bytes of a block are always literals.
    static let lastLiterals = 5
    static let maxDistance = 65535

    /// The largest block `compress` can produce for `length` input bytes.
    public static func maxCompressedLength(_ length: Int) -> Int { length + length / 255 + 16 }

    /// Compresses `input` into one LZ4 block.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        makeBytesNonThrowing(capacity: maxCompressedLength(input.count)) { out in
            compressBlock(input, into: out)
        }
    }

    /// Compresses `input` into one LZ4 block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    @inline(__always)
    static func hash(_ word: UInt32, _ shift: UInt32) -> Int {
        Int((word &* 2_654_435_761) >> shift)
    }

    /// Compresses `input` into `out` (room for `maxCompressedLength(input.count)`); returns the
    /// compressed size.
    static func compressBlock(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer) -> Int {
        let n = input.count
        guard let src = input.baseAddress, n > 0 else {
            out.storeBytes(of: 0, as: UInt8.self)  // a single token: no literals, end of block
            return 1
        }
        var op = out
        var anchor = 0
        if n > mfLimit {
            var tableSize = 256
            while tableSize < (1 << 14) && tableSize < n { tableSize <<= 1 }
            let shift = UInt32(32 - tableSize.trailingZeroBitCount)
            let table = UnsafeMutablePointer<UInt32>.allocate(capacity: tableSize)
            table.initialize(repeating: 0, count: tableSize)
            defer { table.deallocate() }

            let lastMatchStart = n - mfLimit - 1  // a match may start at or before this position
            let matchEndLimit = n - lastLiterals
            var ip = 1
            table[hash(src.le32(0), shift)] = 0
            search: while true {
                // Find a match, stepping faster the longer nothing matches.
                var attempts = 1 << 6
                var match = 0
                var forward = ip
                repeat {
                    ip = forward
                    forward = ip + (attempts >> 6)
                    attempts += 1
                    if ip > lastMatchStart { break search }
                    let h = hash(src.le32(ip), shift)
                    match = Int(table[h])
                    table[h] = UInt32(truncatingIfNeeded: ip)
                } while !(match < ip && ip - match <= maxDistance && src.le32(match) == src.le32(ip))

                // Extend backwards over equal bytes not yet emitted.
                while ip > anchor && match > 0
                    && src.load(fromByteOffset: ip - 1, as: UInt8.self) == src.load(fromByteOffset: match - 1, as: UInt8.self)
                {
                    ip -= 1
                    match -= 1
                }

                var token = op
                op = writeLiterals(op, src + anchor, ip - anchor)
                while true {
                    // Offset and match length for the sequence whose token is at `token`.
                    op.storeBytes(of: UInt16(truncatingIfNeeded: ip - match).littleEndian, as: UInt16.self)
                    op += 2
                    let extra = Snappy.matchLength(src + match + minMatch, src + ip + minMatch, matchEndLimit - ip - minMatch)
                    ip += minMatch + extra
                    if extra >= 15 {
                        token.storeBytes(of: token.load(as: UInt8.self) | 15, as: UInt8.self)
                        op = writeLengthExtension(op, extra - 15)
                    } else {
                        token.storeBytes(of: token.load(as: UInt8.self) | UInt8(extra), as: UInt8.self)
                    }
                    anchor = ip
                    if ip > lastMatchStart { break search }
                    table[hash(src.le32(ip - 2), shift)] = UInt32(truncatingIfNeeded: ip - 2)
                    // A match right here? Then emit it with no literals.
                    let h = hash(src.le32(ip), shift)
                    match = Int(table[h])
                    table[h] = UInt32(truncatingIfNeeded: ip)
                    guard match < ip && ip - match <= maxDistance && src.le32(match) == src.le32(ip) else { break }
                    token = op
                    op.storeBytes(of: 0, as: UInt8.self)
                    op += 1
                }
                ip += 1
            }
        }
        op = writeLiterals(op, src + anchor, n - anchor)
        return op - out
    }

    /// Writes a token holding the literal length (match nibble zero), its extension and the
    /// literals; returns the position after them.
    @inline(__always)
    static func writeLiterals(_ out: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, _ length: Int) -> UnsafeMutableRawPointer {
        var op = out
        if length >= 15 {
            op.storeBytes(of: 0xF0, as: UInt8.self)
            op = writeLengthExtension(op + 1, length - 15)
        } else {
            op.storeBytes(of: UInt8(length << 4), as: UInt8.self)
            op += 1
        }
        op.copyMemory(from: src, byteCount: length)
        return op + length
    }

    @inline(__always)
    static func writeLengthExtension(_ out: UnsafeMutableRawPointer, _ value: Int) -> UnsafeMutableRawPointer {
        var op = out
        var v = value
        while v >= 255 {
            op.storeBytes(of: 255, as: UInt8.self)
            op += 1
            v -= 255
        }
        op.storeBytes(of: UInt8(v), as: UInt8.self)
        return op + 1
    }
}
