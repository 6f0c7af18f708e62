import RivuletCore

/// A leaf vector's values in the Parquet physical representation its column is written with.
///
/// Most types are used as stored (int/date → INT32, long/timestamp → INT64, string → BYTE_ARRAY);
/// byte and short widen to INT32, decimals become INT32 / INT64 unscaled values (precision ≤ 9 /
/// ≤ 18) or big-endian two's-complement FIXED_LEN_BYTE_ARRAY (as Spark writes them).
enum PhysicalValues {
    /// No values (a NullType column, or a vector without storage: every slot is null).
    case none
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case bytes(ByteArrayView)

    /// Converts `vector` (of the leaf's Spark type `type`, written as `kind`).
    static func from(_ vector: ColumnVector, type: DataType, kind: LeafValueKind, path: String) throws(RivuletError) -> PhysicalValues {
        if case .none = vector.storage { return .none }
        switch (kind, vector.storage) {
        case (.none, _): return .none
        case (.boolean, .bool(let a)): return .boolean(a)
        case (.int32, .int32(let a)): return .int32(a)
        case (.int32, .int8(let a)): return .int32(a.map { Int32($0) })
        case (.int32, .int16(let a)): return .int32(a.map { Int32($0) })
        case (.int32, .decimal(let a)): return .int32(a.map { Int32(truncatingIfNeeded: $0) })
        case (.int64, .int64(let a)): return .int64(a)
        case (.int64, .decimal(let a)): return .int64(a.map { Int64(truncatingIfNeeded: $0) })
        case (.float, .float32(let a)): return .float(a)
        case (.double, .float64(let a)): return .double(a)
        case (.byteArray, .bytes(let b)): return .bytes(ByteArrayView(b))
        case (.fixedLenByteArray(let width), .decimal(let a)): return .bytes(decimalBytes(a, width: width))
        default:
            throw .internal("Parquet writer: column `\(path)` of type \(type.sql) has storage that does not match its type")
        }
    }

    /// Big-endian two's-complement bytes of each unscaled decimal, `width` bytes each.
    static func decimalBytes(_ values: [Int128], width: Int) -> ByteArrayView {
        var data = [UInt8](repeating: 0, count: values.count * width)
        data.withUnsafeMutableBufferPointer { out in
            for (i, v) in values.enumerated() {
                let base = i * width
                var x = v
                for k in stride(from: width - 1, through: 0, by: -1) {
                    out[base + k] = UInt8(truncatingIfNeeded: x)
                    x >>= 8
                }
            }
        }
        return ByteArrayView(fixed: data, width: width)
    }
}

/// How a leaf's values are held while encoding: the physical type, and for fixed-length byte
/// arrays their width.
enum LeafValueKind: Sendable, Equatable {
    /// NullType: no values, written as an INT32 column that is always null.
    case none
    case boolean
    case int32
    case int64
    case float
    case double
    case byteArray
    case fixedLenByteArray(Int)
}
