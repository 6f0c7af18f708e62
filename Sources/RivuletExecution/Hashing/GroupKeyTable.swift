import RivuletCore

/// Assigns dense group ids (0, 1, 2, ... in first-seen order) to key tuples: the shared core of
/// hash aggregation, distinct, deduplication, set operations and hash joins.
///
/// Specialised paths: one string/binary key (hashed and compared straight from the column's
/// UTF-8 bytes), one integer-like key (open addressing on `Int64`), no keys (one global group),
/// and any other key list serialised into bytes by ``KeyEncoder``. Null is a key value of its own
/// here (SQL grouping semantics); joins skip null keys before probing.
public struct GroupKeyTable: Sendable {
    enum Mode: Sendable { case global, string, integer, composite }

    /// The key types, in key order.
    public let keyTypes: [DataType]
    let mode: Mode
    var bytes = BytesHashMap()
    private var ints = IntHashMap()
    private var nullGroup: Int32 = -1
    private var globalGroups = 0

    /// An empty table for keys of `keyTypes`.
    public init(keyTypes: [DataType]) {
        self.keyTypes = keyTypes
        if keyTypes.isEmpty {
            mode = .global
        } else if keyTypes.count == 1 {
            switch keyTypes[0] {
            case .string, .binary: mode = .string
            case .byte, .short, .integer, .long, .date, .timestamp, .dayTimeInterval, .yearMonthInterval: mode = .integer
            default: mode = .composite
            }
        } else {
            mode = .composite
        }
    }

    /// Number of groups so far.
    public var count: Int {
        switch mode {
        case .global: return globalGroups
        case .string, .composite: return bytes.count
        case .integer: return ints.count
        }
    }

    /// The group id of every row's key tuple, adding new groups as needed.
    public mutating func assign(_ keys: [ColumnVector], rowCount n: Int) -> [Int32] {
        var ids = [Int32](repeating: 0, count: n)
        switch mode {
        case .global:
            if n > 0 { globalGroups = 1 }
        case .string:
            let col = keys[0]
            guard case .bytes(let b) = col.storage else { return assignNulls(n) }
            let valid = col.validity
            b.data.withUnsafeBufferPointer { d in
                b.offsets.withUnsafeBufferPointer { o in
                    ids.withUnsafeMutableBufferPointer { out in
                        let base = d.baseAddress
                        for i in 0..<n {
                            if let valid, !valid[i] {
                                if nullGroup < 0 { nullGroup = bytes.appendPlaceholder() }
                                out[i] = nullGroup
                                continue
                            }
                            let lo = Int(o[i]), len = Int(o[i + 1]) - lo
                            let p = base.map { $0 + lo }
                            out[i] = bytes.findOrInsert(KeyBytes(p, len, readable: d.count - lo))
                        }
                    }
                }
            }
        case .integer:
            let col = keys[0]
            guard let values = Arithmetic.int64s(col) else { return assignNulls(n) }
            let valid = col.validity
            values.withUnsafeBufferPointer { v in
                ids.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        if let valid, !valid[i] {
                            if nullGroup < 0 { nullGroup = ints.appendPlaceholder() }
                            out[i] = nullGroup
                        } else {
                            out[i] = ints.findOrInsert(v[i])
                        }
                    }
                }
            }
        case .composite:
            let enc = KeyEncoder.encode(keys, rowCount: n)
            enc.data.withUnsafeBufferPointer { d in
                for i in 0..<n {
                    let lo = Int(enc.offsets[i]), len = Int(enc.offsets[i + 1]) - lo
                    let p = d.baseAddress.map { $0 + lo }
                    ids[i] = bytes.findOrInsert(KeyBytes(p, len, readable: d.count - lo))
                }
            }
        }
        return ids
    }

    private mutating func assignNulls(_ n: Int) -> [Int32] {
        if n == 0 { return [] }
        if nullGroup < 0 { nullGroup = mode == .integer ? ints.appendPlaceholder() : bytes.appendPlaceholder() }
        return [Int32](repeating: nullGroup, count: n)
    }

    /// The group id of every row's key tuple, or -1 where the tuple is not in the table.
    public func find(_ keys: [ColumnVector], rowCount n: Int) -> [Int32] {
        var ids = [Int32](repeating: -1, count: n)
        switch mode {
        case .global:
            if globalGroups > 0 { for i in 0..<n { ids[i] = 0 } }
        case .string:
            let col = keys[0]
            guard case .bytes(let b) = col.storage else { return [Int32](repeating: nullGroup, count: n) }
            let valid = col.validity
            b.data.withUnsafeBufferPointer { d in
                for i in 0..<n {
                    if let valid, !valid[i] { ids[i] = nullGroup; continue }
                    let lo = Int(b.offsets[i]), len = Int(b.offsets[i + 1]) - lo
                    let p = d.baseAddress.map { $0 + lo }
                    ids[i] = bytes.find(KeyBytes(p, len, readable: d.count - lo))
                }
            }
        case .integer:
            let col = keys[0]
            guard let values = Arithmetic.int64s(col) else { return [Int32](repeating: nullGroup, count: n) }
            for i in 0..<n { ids[i] = col.isNull(i) ? nullGroup : ints.find(values[i]) }
        case .composite:
            let enc = KeyEncoder.encode(keys, rowCount: n)
            enc.data.withUnsafeBufferPointer { d in
                for i in 0..<n {
                    let lo = Int(enc.offsets[i]), len = Int(enc.offsets[i + 1]) - lo
                    let p = d.baseAddress.map { $0 + lo }
                    ids[i] = bytes.find(KeyBytes(p, len, readable: d.count - lo))
                }
            }
        }
        return ids
    }

    /// The key columns, one row per group in id order.
    public func keyColumns() -> [ColumnVector] {
        let n = count
        var validity: Bitmap? = nil
        if nullGroup >= 0 {
            var b = Bitmap(count: n, value: true)
            b.clear(Int(nullGroup))
            validity = b
        }
        switch mode {
        case .global: return []
        case .string:
            return [ColumnVector(dataType: keyTypes[0], count: n, validity: validity, storage: .bytes(bytes.keys))]
        case .integer:
            let k = ints.keys
            let s: ColumnVector.Storage
            switch keyTypes[0] {
            case .byte: s = .int8(k.map { Int8(truncatingIfNeeded: $0) })
            case .short: s = .int16(k.map { Int16(truncatingIfNeeded: $0) })
            case .integer, .date, .yearMonthInterval: s = .int32(k.map { Int32(truncatingIfNeeded: $0) })
            default: s = .int64(k)
            }
            return [ColumnVector(dataType: keyTypes[0], count: n, validity: validity, storage: s)]
        case .composite:
            return KeyEncoder.decode(bytes.keys, types: keyTypes)
        }
    }
}
