import RivuletCore
import RivuletSQL

/// Small column-level building blocks shared by the evaluator and the operators.
enum VectorOps {
    /// `count` copies of `value` as a vector of `type`, with typed fast paths.
    static func broadcast(_ value: Value, type: DataType, count n: Int) -> ColumnVector {
        if value.isNull { return nulls(type, count: n) }
        switch (type, value) {
        case (.integer, .int(let x)), (.date, .date(let x)), (.yearMonthInterval, .yearMonthInterval(let x)):
            return ColumnVector(dataType: type, count: n, validity: nil, storage: .int32([Int32](repeating: x, count: n)))
        case (.long, .long(let x)), (.timestamp, .timestamp(let x)), (.dayTimeInterval, .dayTimeInterval(let x)):
            return ColumnVector(dataType: type, count: n, validity: nil, storage: .int64([Int64](repeating: x, count: n)))
        case (.double, .double(let x)): return ColumnVector(double: [Double](repeating: x, count: n))
        case (.boolean, .boolean(let x)): return ColumnVector(bool: [Bool](repeating: x, count: n))
        case (.decimal(_, let s), .decimal(let d)):
            let u = d.rescaled(to: s)?.unscaled ?? d.unscaled
            return ColumnVector(dataType: type, count: n, validity: nil, storage: .decimal([Int128](repeating: u, count: n)))
        case (.string, .string(let s)):
            var bytes = Array(s.utf8)
            let len = bytes.count
            var data: [UInt8] = []
            data.reserveCapacity(len * n)
            for _ in 0..<n { data.append(contentsOf: bytes) }
            bytes = []
            var offsets = [Int32](repeating: 0, count: n + 1)
            for i in 0...n { offsets[i] = Int32(truncatingIfNeeded: i * len) }
            return ColumnVector(dataType: .string, count: n, validity: nil, storage: .bytes(ByteArray(offsets: offsets, data: data)))
        default:
            return ColumnVector.repeating(value, type: type, count: n)
        }
    }

    /// `count` nulls of `type`, built directly for the flat types.
    static func nulls(_ type: DataType, count n: Int) -> ColumnVector {
        let v = Bitmap(count: n, value: false)
        switch type {
        case .null: return ColumnVector(dataType: .null, count: n, validity: nil, storage: .none)
        case .boolean: return ColumnVector(dataType: type, count: n, validity: v, storage: .bool([Bool](repeating: false, count: n)))
        case .integer, .date, .yearMonthInterval:
            return ColumnVector(dataType: type, count: n, validity: v, storage: .int32([Int32](repeating: 0, count: n)))
        case .long, .timestamp, .dayTimeInterval:
            return ColumnVector(dataType: type, count: n, validity: v, storage: .int64([Int64](repeating: 0, count: n)))
        case .double: return ColumnVector(dataType: type, count: n, validity: v, storage: .float64([Double](repeating: 0, count: n)))
        case .string, .binary:
            return ColumnVector(dataType: type, count: n, validity: v, storage: .bytes(ByteArray(offsets: [Int32](repeating: 0, count: n + 1), data: [])))
        default: return ColumnVector.nulls(type, count: n)
        }
    }

    /// Both validities combined (a row is valid only if valid in both).
    static func and(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let x?, nil): return x
        case (nil, let y?): return y
        case (let x?, let y?): return x.and(y)
        }
    }

    /// True when the vector has no storage (the `null` type) and so is null everywhere.
    static func isAllNullStorage(_ v: ColumnVector) -> Bool {
        if case .none = v.storage { return true }
        return false
    }

    /// A copy of `v` with `validity` (used to null rows out).
    static func withValidity(_ v: ColumnVector, _ validity: Bitmap?) -> ColumnVector {
        ColumnVector(dataType: v.dataType, count: v.count, validity: validity, storage: v.storage)
    }

    /// `type`-typed vector whose row `i` comes from `pieces[k]` row `j` as given by the (piece, row)
    /// targets; rows no piece covers are null. Used by CASE WHEN and lazy AND/OR.
    static func assemble(_ pieces: [(ColumnVector, [Int32])], count n: Int, type: DataType) -> ColumnVector {
        if pieces.count == 1, pieces[0].1.count == n, pieces[0].0.count == n { return pieces[0].0 }
        var parts: [ColumnVector] = []
        var index = [Int32](repeating: -1, count: n)
        var base: Int32 = 0
        for (vec, rows) in pieces where !rows.isEmpty {
            parts.append(vec)
            for (j, r) in rows.enumerated() { index[Int(r)] = base + Int32(j) }
            base += Int32(vec.count)
        }
        if parts.isEmpty { return nulls(type, count: n) }
        let all = ColumnVector.concat(parts, type: type)
        return all.take(index)
    }

    /// `a || b` for strings and binaries (null if either side is null).
    static func concatStrings(_ a: ColumnVector, _ b: ColumnVector, type: DataType) throws(RivuletError) -> ColumnVector {
        let n = a.count
        guard case .bytes(let x) = a.storage, case .bytes(let y) = b.storage else {
            if isAllNullStorage(a) || isAllNullStorage(b) { return nulls(type, count: n) }
            throw .internal("'||' expects string or binary operands, got \(a.dataType.simpleString) and \(b.dataType.simpleString)")
        }
        let valid = and(a.validity, b.validity)
        var out = ByteArrayBuilder(capacity: n, byteCapacity: x.data.count + y.data.count)
        x.data.withUnsafeBufferPointer { px in
            y.data.withUnsafeBufferPointer { py in
                for i in 0..<n {
                    if let valid, !valid[i] { out.appendEmpty(); continue }
                    out.data.append(contentsOf: UnsafeBufferPointer(rebasing: px[x.range(at: i)]))
                    out.append(UnsafeBufferPointer(rebasing: py[y.range(at: i)]))
                }
            }
        }
        return ColumnVector(dataType: type == .binary ? .binary : .string, count: n, validity: valid, storage: .bytes(out.finish()))
    }

    /// Row indices where `mask` is true and valid.
    static func trueRows(_ mask: ColumnVector) -> [Int32] {
        var out: [Int32] = []
        guard case .bool(let b) = mask.storage else { return out }
        out.reserveCapacity(mask.count)
        if let v = mask.validity {
            for i in 0..<mask.count where b[i] && v[i] { out.append(Int32(i)) }
        } else {
            b.withUnsafeBufferPointer { p in
                for i in 0..<p.count where p[i] { out.append(Int32(i)) }
            }
        }
        return out
    }
}
