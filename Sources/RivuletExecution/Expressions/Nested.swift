import RivuletCore
import RivuletSQL

/// Field, element and map-value extraction (`s.f`, `a[i]`, `m[k]`).
enum Nested {
    static func structField(_ v: ColumnVector, _ ordinal: Int) throws(RivuletError) -> ColumnVector {
        guard case .structure(let children) = v.storage, ordinal < children.count else {
            if VectorOps.isAllNullStorage(v) { return v }
            throw .internal("field \(ordinal) of a \(v.dataType.simpleString) value")
        }
        let child = children[ordinal]
        guard let pv = v.validity else { return child }
        return VectorOps.withValidity(child, VectorOps.and(pv, child.validity ?? Bitmap(count: child.count, value: true)))
    }

    /// 0-based `arr[i]`; out-of-range indices raise `INVALID_ARRAY_INDEX` (ANSI).
    static func arrayItem(_ arr: ColumnVector, _ idx: ColumnVector, type: DataType) throws(RivuletError) -> ColumnVector {
        let n = arr.count
        guard case .list(let offsets, let values) = arr.storage else { return VectorOps.nulls(type, count: n) }
        guard let ix = Arithmetic.int64s(idx) else {
            if VectorOps.isAllNullStorage(idx) { return VectorOps.nulls(type, count: n) }
            throw .internal("array index must be an integer, got \(idx.dataType.simpleString)")
        }
        var take = [Int32](repeating: -1, count: n)
        for i in 0..<n where !arr.isNull(i) && !idx.isNull(i) {
            let len = Int(offsets[i + 1] - offsets[i])
            let k = ix[i]
            if k < 0 || k >= Int64(len) { throw AnsiErrors.invalidArrayIndex(k, size: len) }
            take[i] = offsets[i] + Int32(k)
        }
        return values.take(take)
    }

    /// `map[key]`: the value of the first matching key, null when absent.
    static func mapValue(_ map: ColumnVector, _ key: ColumnVector, type: DataType) throws(RivuletError) -> ColumnVector {
        let n = map.count
        guard case .map(let offsets, let keys, let values) = map.storage else { return VectorOps.nulls(type, count: n) }
        var take = [Int32](repeating: -1, count: n)
        for i in 0..<n where !map.isNull(i) && !key.isNull(i) {
            let k = key.value(at: i)
            for j in Int(offsets[i])..<Int(offsets[i + 1]) where !keys.isNull(j) {
                if ValueOrdering.compare(keys.value(at: j), k) == 0 { take[i] = Int32(j); break }
            }
        }
        return values.take(take)
    }
}
