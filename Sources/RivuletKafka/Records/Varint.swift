/// Zig-zag varints (protobuf style) used inside Kafka records.
enum Varint {
    @inline(__always)
    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    @inline(__always)
    static func unzigzag(_ u: UInt64) -> Int64 { Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }

    /// Bytes a signed varint of `v` takes.
    @inline(__always)
    static func size(_ v: Int64) -> Int {
        var u = zigzag(v)
        var n = 1
        while u >= 0x80 { u >>= 7; n += 1 }
        return n
    }

    /// Appends the zig-zag varint of `v`.
    @inline(__always)
    static func append(_ v: Int64, to out: inout [UInt8]) {
        var u = zigzag(v)
        while u >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: u) | 0x80)
            u >>= 7
        }
        out.append(UInt8(u))
    }
}

/// A bounds-checked cursor over raw bytes for the record decoding hot loop.
struct ByteCursor {
    let base: UnsafeRawBufferPointer
    var position: Int
    var end: Int

    init(_ base: UnsafeRawBufferPointer) {
        self.base = base
        position = 0
        end = base.count
    }

    /// A signed zig-zag varint of at most 10 bytes (varlong).
    @inline(__always)
    mutating func varlong() -> Int64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = base[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Varint.unzigzag(result) }
            shift += 7
            if shift >= 70 { return nil }
        }
        return nil
    }

    /// A signed varint that must fit in Int32.
    @inline(__always)
    mutating func varint() -> Int32? {
        guard let v = varlong(), let i = Int32(exactly: v) else { return nil }
        return i
    }

    @inline(__always)
    mutating func int8() -> Int8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return Int8(bitPattern: base[position])
    }

    /// `count` bytes as an array.
    @inline(__always)
    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= end - position else { return nil }
        defer { position += count }
        if count == 0 { return [] }
        return [UInt8](UnsafeRawBufferPointer(rebasing: base[position..<(position + count)]))
    }

    @inline(__always)
    mutating func string(_ count: Int) -> String? {
        guard count >= 0, count <= end - position else { return nil }
        defer { position += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[position..<(position + count)]), as: UTF8.self)
    }
}
