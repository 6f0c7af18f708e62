import RivuletCore

extension LeafConversion {
    /// Converts decoded physical values to the Spark storage of the column's type (dense: one
    /// slot per non-null value).
    func apply(_ v: ValueBuffer) throws(RivuletError) -> ColumnVector.Storage {
        switch self {
        case .boolean: return .bool(v.bools)
        case .int32, .date: return .int32(v.int32s)
        case .int8: return .int8(v.int32s.map { Int8(truncatingIfNeeded: $0) })
        case .int16: return .int16(v.int32s.map { Int16(truncatingIfNeeded: $0) })
        case .uint8: return .int16(v.int32s.map { Int16(UInt8(truncatingIfNeeded: $0)) })
        case .uint16: return .int32(v.int32s.map { Int32(UInt16(truncatingIfNeeded: $0)) })
        case .uint32: return .int64(v.int32s.map { Int64(UInt32(bitPattern: $0)) })
        case .int64, .timestampMicros, .int96: return .int64(v.int64s)
        case .uint64: return .decimal(v.int64s.map { Int128(UInt64(bitPattern: $0)) })
        case .timestampMillis: return .int64(v.int64s.map { $0 &* 1000 })
        case .timestampNanos:
            // Floor division, so instants before 1970 round towards the past like Spark's.
            return .int64(v.int64s.map { $0 >= 0 ? $0 / 1000 : ($0 &+ 1) / 1000 &- 1 })
        case .float: return .float32(v.floats)
        case .double: return .float64(v.doubles)
        case .float16:
            let b = v.bytes
            return .float32((0..<b.count).map { i in
                let o = Int(b.offsets[i])
                return halfToFloat(UInt16(b.data[o]) | UInt16(b.data[o + 1]) << 8)
            })
        case .decimalInt32: return .decimal(v.int32s.map { Int128($0) })
        case .decimalInt64: return .decimal(v.int64s.map { Int128($0) })
        case .decimalBytes:
            let b = v.bytes
            var out = [Int128](repeating: 0, count: b.count)
            for i in 0..<b.count {
                let lo = Int(b.offsets[i]), hi = Int(b.offsets[i + 1])
                guard hi - lo <= 16 else { throw corruptPage("a decimal of \(hi - lo) bytes does not fit 128 bits") }
                if hi == lo { continue }
                // Big-endian two's complement: sign-extend from the first byte.
                var x = Int128(Int8(bitPattern: b.data[lo]))
                for k in (lo + 1)..<hi { x = x << 8 | Int128(b.data[k]) }
                out[i] = x
            }
            return .decimal(out)
        case .string, .binary:
            return .bytes(ByteArray(offsets: v.bytes.offsets, data: v.bytes.data))
        }
    }
}

/// IEEE 754 half precision to single precision (portable: no `Float16` dependency).
func halfToFloat(_ h: UInt16) -> Float {
    let sign = UInt32(h >> 15) << 31
    let exp = Int((h >> 10) & 0x1F)
    var mant = UInt32(h & 0x3FF)
    if exp == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | mant << 13) }  // inf / NaN
    if exp == 0 {
        if mant == 0 { return Float(bitPattern: sign) }
        // Subnormal: normalise.
        var e = -14
        while mant & 0x400 == 0 {
            mant <<= 1
            e -= 1
        }
        mant &= 0x3FF
        return Float(bitPattern: sign | UInt32(e + 127) << 23 | mant << 13)
    }
    return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | mant << 13)
}
