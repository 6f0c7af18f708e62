import RivuletCore

/// A decoding failure inside one page; the column reader adds the file, column and page.
func corruptPage(_ what: String) -> RivuletError {
    RivuletError(.io, "corrupt page data: \(what)")
}

/// Bounds-checked little-endian reads over one page's bytes.
struct DecoderCursor {
    let buf: UnsafeBufferPointer<UInt8>
    var pos: Int

    init(_ buf: UnsafeBufferPointer<UInt8>, pos: Int = 0) {
        self.buf = buf
        self.pos = pos
    }

    var remaining: Int { buf.count - pos }

    mutating func byte() throws(RivuletError) -> UInt8 {
        guard pos < buf.count else { throw corruptPage("unexpected end of data") }
        let b = buf[pos]
        pos += 1
        return b
    }

    /// An unsigned LEB128 varint.
    mutating func uleb() throws(RivuletError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw corruptPage("varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw corruptPage("varint longer than 10 bytes") }
        }
    }

    /// A zigzag-encoded signed varint.
    mutating func zigzag() throws(RivuletError) -> Int64 {
        let u = try uleb()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// A 4-byte little-endian unsigned integer.
    mutating func u32() throws(RivuletError) -> UInt32 {
        guard remaining >= 4 else { throw corruptPage("unexpected end of data reading a length") }
        let v = UInt32(buf[pos]) | UInt32(buf[pos + 1]) << 8 | UInt32(buf[pos + 2]) << 16 | UInt32(buf[pos + 3]) << 24
        pos += 4
        return v
    }

    /// The next `n` bytes.
    mutating func take(_ n: Int) throws(RivuletError) -> UnsafeBufferPointer<UInt8> {
        guard n >= 0, n <= remaining else { throw corruptPage("\(n) bytes needed but \(remaining) are left") }
        let r = UnsafeBufferPointer(rebasing: buf[pos..<(pos + n)])
        pos += n
        return r
    }

    /// Everything after the current position.
    var rest: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buf[pos...]) }
}

/// `width` bits (0...64) starting at `bitOffset`, least significant bit first. The caller
/// guarantees `(bitOffset + width + 7) / 8 <= p.count`.
@inline(__always)
func readBits(_ p: UnsafeBufferPointer<UInt8>, bitOffset: Int, width: Int) -> UInt64 {
    if width == 0 { return 0 }
    let byte = bitOffset >> 3
    let shift = bitOffset & 7
    let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) &- 1
    if byte + 8 <= p.count && width + shift <= 64, let base = p.baseAddress {
        let v = UnsafeRawPointer(base + byte).loadUnaligned(as: UInt64.self)
        return (UInt64(littleEndian: v) >> UInt64(shift)) & mask
    }
    var result: UInt64 = 0
    var got = 0
    var b = byte
    var s = shift
    while got < width {
        let take = min(8 - s, width - got)
        let bits = (UInt64(p[b]) >> UInt64(s)) & ((1 << UInt64(take)) &- 1)
        result |= bits << UInt64(got)
        got += take
        b += 1
        s = 0
    }
    return result
}

/// Appends `n` zero elements to `a` and returns the index of the first new one; used to fill
/// array tails through a pointer without per-element appends.
func growZeroed<T: FixedWidthInteger>(_ a: inout [T], by n: Int) -> Int {
    let start = a.count
    a.append(contentsOf: repeatElement(0, count: n))
    return start
}
