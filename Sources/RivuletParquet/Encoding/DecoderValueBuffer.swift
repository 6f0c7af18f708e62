import RivuletCore

/// The physical layout of a leaf column's values, as the decoders see it.
enum ValueKind: Sendable, Equatable {
    case bool, int32, int64, float, double, byteArray
    /// 12-byte legacy timestamps; decoded straight to microseconds since the epoch.
    case int96
    /// FIXED_LEN_BYTE_ARRAY of the given width.
    case fixed(Int)

    /// Bytes per value for fixed-width kinds (nil for booleans and byte arrays).
    var width: Int? {
        switch self {
        case .int32, .float: return 4
        case .int64, .double: return 8
        case .int96: return 12
        case .fixed(let w): return w
        case .bool, .byteArray: return nil
        }
    }
}

/// Decoded non-null values of one leaf column, in typed arrays (only the one matching the
/// column's ``ValueKind`` is used): int96 values land in `int64s` as microseconds, byte arrays
/// and fixed-length byte arrays in `bytes`.
struct ValueBuffer: Sendable {
    let kind: ValueKind
    var bools: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var bytes = ByteArrayBuilder()

    init(kind: ValueKind) { self.kind = kind }

    /// Number of values held.
    var count: Int {
        switch kind {
        case .bool: return bools.count
        case .int32: return int32s.count
        case .int64, .int96: return int64s.count
        case .float: return floats.count
        case .double: return doubles.count
        case .byteArray, .fixed: return bytes.count
        }
    }

    /// Reserves room for `count` values (and up to `bytes` bytes of byte-array data).
    mutating func reserve(_ count: Int, bytes byteCount: Int) {
        switch kind {
        case .bool: bools.reserveCapacity(count)
        case .int32: int32s.reserveCapacity(count)
        case .int64, .int96: int64s.reserveCapacity(count)
        case .float: floats.reserveCapacity(count)
        case .double: doubles.reserveCapacity(count)
        case .byteArray, .fixed:
            bytes.offsets.reserveCapacity(count + 1)
            bytes.data.reserveCapacity(max(0, min(byteCount, 1 << 30)))
        }
    }

    /// Appends the values `indices` select from `dict` (a decoded dictionary page).
    mutating func appendGathering(from dict: ValueBuffer, _ indices: [Int32]) {
        switch kind {
        case .bool: gather(&bools, dict.bools, indices)
        case .int32: gather(&int32s, dict.int32s, indices)
        case .int64, .int96: gather(&int64s, dict.int64s, indices)
        case .float: gather(&floats, dict.floats, indices)
        case .double: gather(&doubles, dict.doubles, indices)
        case .byteArray, .fixed: gatherBytes(dict.bytes, indices)
        }
    }

    /// Appends `dict[i]` for every index (indices were checked against the dictionary size).
    private func gather<T>(_ out: inout [T], _ dict: [T], _ indices: [Int32]) {
        guard let first = dict.first, !indices.isEmpty else { return }
        let start = out.count
        out.append(contentsOf: repeatElement(first, count: indices.count))
        out.withUnsafeMutableBufferPointer { o in
            dict.withUnsafeBufferPointer { d in
                indices.withUnsafeBufferPointer { idx in
                    for k in 0..<idx.count { o[start + k] = d[Int(idx[k])] }
                }
            }
        }
    }

    private mutating func gatherBytes(_ dict: ByteArrayBuilder, _ indices: [Int32]) {
        var total = 0
        dict.offsets.withUnsafeBufferPointer { o in
            for i in indices { total += Int(o[Int(i) + 1] - o[Int(i)]) }
        }
        bytes.offsets.reserve(adding: indices.count)
        bytes.data.reserve(adding: total)
        dict.offsets.withUnsafeBufferPointer { o in
            dict.data.withUnsafeBufferPointer { d in
                for i in indices {
                    let lo = Int(o[Int(i)]), hi = Int(o[Int(i) + 1])
                    bytes.append(UnsafeBufferPointer(rebasing: d[lo..<hi]))
                }
            }
        }
    }
}
