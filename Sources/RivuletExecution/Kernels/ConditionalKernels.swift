import RivuletCore
import RivuletSQL

/// `coalesce`, `nanvl`, `assert_true`.
enum ConditionalKernels {
    static let kernels: [(String, ScalarKernel)] = [
        ("coalesce", coalesce),
        ("nanvl", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n, nullIntolerant: false) { v in
                if let d = v[0].doubleValue, d.isNaN { return v[1] }
                return v[0]
            }
        }),
        ("assert_true", { (c, a, n) throws(RivuletError) in
            for i in 0..<n where a[0].isNull(i) || a[0].boolValues?[i] == false {
                let msg = a.count > 1 ? (a[1].string(at: i) ?? "null") : "'\(c.arguments[0].sqlText)' is not true!"
                throw RivuletError.execution(msg, errorClass: "USER_RAISED_EXCEPTION")
            }
            return .nulls(.null, count: n)
        }),
    ]

    /// First non-null argument per row; the common cases (first column has no nulls, primitive
    /// storage) avoid boxing.
    static func coalesce(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        guard let first = a.first else { return .nulls(call.dataType, count: n) }
        if first.validity == nil, !isAllNull(first) { return relabel(first, call.dataType) }
        if a.allSatisfy({ $0.int64Values != nil || isAllNull($0) }) {
            return primitive(a, n, call.dataType, get: { $0.int64Values }, wrap: { .int64($0) }, zero: Int64(0))
        }
        if a.allSatisfy({ $0.int32Values != nil || isAllNull($0) }) {
            return primitive(a, n, call.dataType, get: { $0.int32Values }, wrap: { .int32($0) }, zero: Int32(0))
        }
        if a.allSatisfy({ $0.doubleValues != nil || isAllNull($0) }) {
            return primitive(a, n, call.dataType, get: { $0.doubleValues }, wrap: { .float64($0) }, zero: 0.0)
        }
        return try KernelSupport.rowwise(call, a, n, nullIntolerant: false) { v in v.first { !$0.isNull } ?? .null }
    }

    static func isAllNull(_ c: ColumnVector) -> Bool { if case .none = c.storage { return true }; return false }

    static func relabel(_ c: ColumnVector, _ t: DataType) -> ColumnVector {
        c.dataType == t ? c : ColumnVector(dataType: t, count: c.count, validity: c.validity, storage: c.storage)
    }

    static func primitive<T>(_ a: [ColumnVector], _ n: Int, _ t: DataType, get: (ColumnVector) -> [T]?,
                             wrap: ([T]) -> ColumnVector.Storage, zero: T) -> ColumnVector {
        var out = [T](repeating: zero, count: n)
        var valid = Bitmap(count: n, value: false)
        for i in 0..<n {
            for c in a where !c.isNull(i) {
                if let arr = get(c) { out[i] = arr[i]; valid.set(i) }
                break
            }
        }
        return ColumnVector(dataType: t, count: n, validity: valid, storage: wrap(out))
    }
}
