/// Snappy, written from the format description (google/snappy `format_description.txt`).
///
/// A raw block is a varint of the uncompressed length followed by elements: literals (tag
/// `00`) and copies with 1-, 2- or 4-byte offsets (tags `01`, `10`, `11`). Parquet's SNAPPY
/// codec stores raw blocks; Kafka's Java client wraps them in xerial snappy-java framing, which
/// `decompressAnyFraming` detects (see `Snappy+Xerial.swift`).
///
/// ```swift
/// let block = Snappy.compress(bytes)
/// let back = try Snappy.decompress(block)
/// ```
public enum Snappy {
    /// The input is compressed in independent fragments of this size (as the reference does).
    static let fragmentSize = 1 << 16
    /// Fragments shorter than this are stored as one literal; the match finder also stops this
    /// far from the end so its 4-byte loads stay in bounds.
    static let inputMargin = 15

    /// The largest raw block `compress` can produce for `length` input bytes.
    public static func maxCompressedLength(_ length: Int) -> Int { 32 + length + length / 6 }

    /// Compresses `input` into one raw snappy block.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let n = input.count
        return makeBytesNonThrowing(capacity: maxCompressedLength(n)) { out in
            var op = writeVarint(UInt64(n), to: out)
            guard let src = input.baseAddress, n > 0 else { return op }
            let tableSize = hashTableSize(for: n)
            let shift = UInt32(32 - tableSize.trailingZeroBitCount)
            let table = UnsafeMutablePointer<UInt16>.allocate(capacity: tableSize)
            defer { table.deallocate() }
            var start = 0
            while start < n {
                let length = min(fragmentSize, n - start)
                table.initialize(repeating: 0, count: tableSize)
                op = compressFragment(src + start, length, out + op, table, shift) - out
                start += length
            }
            return op
        }
    }

    /// Compresses `input` into one raw snappy block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    /// Smallest power of two >= the fragment length, between 256 and 16K entries.
    static func hashTableSize(for length: Int) -> Int {
        var size = 256
        while size < (1 << 14) && size < length { size <<= 1 }
        return size
    }

    @inline(__always)
    static func hash(_ word: UInt32, _ shift: UInt32) -> Int {
        Int((word &* 0x1E35_A7BD) >> shift)
    }

    /// Writes `value` as a little-endian base-128 varint; returns the bytes written.
    static func writeVarint(_ value: UInt64, to out: UnsafeMutableRawPointer) -> Int {
        var v = value
        var i = 0
        while v >= 0x80 {
            out.storeBytes(of: UInt8(truncatingIfNeeded: v) | 0x80, toByteOffset: i, as: UInt8.self)
            v >>= 7
            i += 1
        }
        out.storeBytes(of: UInt8(v), toByteOffset: i, as: UInt8.self)
        return i + 1
    }

    /// Compresses one fragment (at most 64 KiB, so positions fit in UInt16); returns the new
    /// output position.
    static func compressFragment(
        _ src: UnsafeRawPointer, _ length: Int, _ out: UnsafeMutableRawPointer,
        _ table: UnsafeMutablePointer<UInt16>, _ shift: UInt32
    ) -> UnsafeMutableRawPointer {
        var op = out
        var nextEmit = 0
        if length < inputMargin {
            return emitLiteral(op, src, length)
        }
        let ipLimit = length - inputMargin
        var ip = 1
        var nextHash = hash(src.le32(ip), shift)
        outer: while true {
            // Look for a 4-byte match, skipping faster the longer nothing matches.
            var skip = 32
            var nextIp = ip
            var candidate = 0
            repeat {
                ip = nextIp
                let h = nextHash
                nextIp = ip + (skip >> 5)
                skip += 1
                if nextIp > ipLimit { break outer }
                nextHash = hash(src.le32(nextIp), shift)
                candidate = Int(table[h])
                table[h] = UInt16(truncatingIfNeeded: ip)
            } while src.le32(ip) != src.le32(candidate)

            op = emitLiteral(op, src + nextEmit, ip - nextEmit)

            // Emit copies while the next position matches too.
            repeat {
                let base = ip
                let matched = 4 + matchLength(src + candidate + 4, src + ip + 4, length - ip - 4)
                ip += matched
                op = emitCopy(op, offset: base - candidate, length: matched)
                nextEmit = ip
                if ip >= ipLimit { break outer }
                table[hash(src.le32(ip - 1), shift)] = UInt16(truncatingIfNeeded: ip - 1)
                let h = hash(src.le32(ip), shift)
                candidate = Int(table[h])
                table[h] = UInt16(truncatingIfNeeded: ip)
            } while src.le32(ip) == src.le32(candidate)
            ip += 1
            nextHash = hash(src.le32(ip), shift)
        }
        if nextEmit < length {
            op = emitLiteral(op, src + nextEmit, length - nextEmit)
        }
        return op
    }

    /// How many bytes at `a` and `b` agree, up to `limit`.
    @inline(__always)
    static func matchLength(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ limit: Int) -> Int {
        var n = 0
        while limit - n >= 8 {
            let x = a.loadUnaligned(fromByteOffset: n, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: n, as: UInt64.self)
            if x != 0 { return n + UInt64(littleEndian: x).trailingZeroBitCount >> 3 }
            n += 8
        }
        while n < limit && a.load(fromByteOffset: n, as: UInt8.self) == b.load(fromByteOffset: n, as: UInt8.self) {
            n += 1
        }
        return n
    }

    @inline(__always)
    static func emitLiteral(_ out: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, _ length: Int) -> UnsafeMutableRawPointer {
        if length == 0 { return out }
        let n = length - 1
        var op = out
        if n < 60 {
            op.storeBytes(of: UInt8(n << 2), as: UInt8.self)
            op += 1
        } else {
            var extra = 1
            while extra < 4 && n >= 1 << (8 * extra) { extra += 1 }
            op.storeBytes(of: UInt8((59 + extra) << 2), as: UInt8.self)
            for i in 0..<extra {
                op.storeBytes(of: UInt8(truncatingIfNeeded: n >> (8 * i)), toByteOffset: 1 + i, as: UInt8.self)
            }
            op += 1 + extra
        }
        op.copyMemory(from: src, byteCount: length)
        return op + length
    }

    @inline(__always)
    static func emitCopy(_ out: UnsafeMutableRawPointer, offset: Int, length: Int) -> UnsafeMutableRawPointer {
        var op = out
        var remaining = length
        while remaining >= 68 {
            op = emitCopyAtMost64(op, offset: offset, length: 64)
            remaining -= 64
        }
        if remaining > 64 {
            op = emitCopyAtMost64(op, offset: offset, length: 60)
            remaining -= 60
        }
        return emitCopyAtMost64(op, offset: offset, length: remaining)
    }

    @inline(__always)
    static func emitCopyAtMost64(_ op: UnsafeMutableRawPointer, offset: Int, length: Int) -> UnsafeMutableRawPointer {
        if length < 12 && offset < 2048 {
            op.storeBytes(of: UInt8(1 | ((length - 4) << 2) | ((offset >> 8) << 5)), as: UInt8.self)
            op.storeBytes(of: UInt8(truncatingIfNeeded: offset), toByteOffset: 1, as: UInt8.self)
            return op + 2
        }
        op.storeBytes(of: UInt8(2 | ((length - 1) << 2)), as: UInt8.self)
        op.storeBytes(of: UInt16(truncatingIfNeeded: offset).littleEndian, toByteOffset: 1, as: UInt16.self)
        return op + 3
    }
}
