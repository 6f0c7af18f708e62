import RivuletCore

/// Decoder of the PLAIN encoding: fixed-width little-endian values, bit-packed booleans,
/// length-prefixed byte arrays, fixed-length byte arrays and 12-byte INT96 timestamps.
enum PlainDecoder {
    /// Julian day number of 1970-01-01.
    static let julianDayOfEpoch: Int64 = 2_440_588

    /// Decodes `count` values of `values.kind` from the start of `data`; returns the bytes used.
    @discardableResult
    static func decode(_ data: UnsafeBufferPointer<UInt8>, count: Int, into values: inout ValueBuffer) throws(RivuletError) -> Int {
        switch values.kind {
        case .bool:
            guard data.count * 8 >= count else { throw corruptPage("\(count) booleans need \((count + 7) / 8) bytes, \(data.count) present") }
            values.bools.reserve(adding: count)
            for i in 0..<count { values.bools.append((data[i >> 3] >> UInt8(i & 7)) & 1 == 1) }
            return (count + 7) / 8
        case .int32: return try copyFixed(data, count, &values.int32s)
        case .int64: return try copyFixed(data, count, &values.int64s)
        case .float: return try copyFixed(data, count, &values.floats)
        case .double: return try copyFixed(data, count, &values.doubles)
        case .int96:
            guard data.count / 12 >= count else { throw corruptPage("\(count) INT96 values need \(count * 12) bytes, \(data.count) present") }
            values.int64s.reserve(adding: count)
            guard let base = data.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base)
            for i in 0..<count {
                let nanos = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 12, as: Int64.self))
                let day = Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 12 + 8, as: Int32.self)))
                values.int64s.append(int96Micros(day: day, nanosOfDay: nanos))
            }
            return count * 12
        case .byteArray:
            var c = DecoderCursor(data)
            values.bytes.offsets.reserve(adding: count)
            for _ in 0..<count {
                let n = Int(try c.u32())
                let v = try c.take(n)
                values.bytes.append(v)
            }
            guard values.bytes.data.count <= Int(Int32.max) else { throw corruptPage("more than 2 GiB of byte-array values in one column chunk") }
            return c.pos
        case .fixed(let w):
            guard w > 0 else { throw corruptPage("fixed-length byte array of width \(w)") }
            guard data.count / w >= count else { throw corruptPage("\(count) values of \(w) bytes need \(count * w) bytes, \(data.count) present") }
            values.bytes.offsets.reserve(adding: count)
            values.bytes.data.append(contentsOf: UnsafeBufferPointer(rebasing: data[0..<(count * w)]))
            var end = Int(values.bytes.offsets.last ?? 0)
            for _ in 0..<count {
                end += w
                values.bytes.offsets.append(Int32(truncatingIfNeeded: end))
            }
            guard values.bytes.data.count <= Int(Int32.max) else { throw corruptPage("more than 2 GiB of byte-array values in one column chunk") }
            return count * w
        }
    }

    /// Microseconds since the epoch of an INT96 value (Julian day + nanoseconds of the day).
    static func int96Micros(day: Int64, nanosOfDay: Int64) -> Int64 {
        (day &- julianDayOfEpoch) &* 86_400_000_000 &+ nanosOfDay / 1000
    }

    /// Copies `count` little-endian values of `T` into the tail of `out` (the source may be
    /// unaligned, so this is a byte copy, not a typed load).
    static func copyFixed<T: AdditiveArithmetic & BitwiseCopyable>(
        _ data: UnsafeBufferPointer<UInt8>, _ count: Int, _ out: inout [T]
    ) throws(RivuletError) -> Int {
        let size = MemoryLayout<T>.size
        guard data.count / size >= count else {
            throw corruptPage("\(count) values of \(size) bytes need \(count * size) bytes, \(data.count) present")
        }
        guard count > 0, let src = data.baseAddress else { return 0 }
        let start = out.count
        out.append(contentsOf: repeatElement(T.zero, count: count))
        out.withUnsafeMutableBytes { dst in
            guard let base = dst.baseAddress else { return }
            (base + start * size).copyMemory(from: src, byteCount: count * size)
        }
        return count * size
    }
}
