import RivuletCore
import RivuletSQL

/// Vectorized comparisons (`=`, `<>`, `<`, `<=`, `>`, `>=`, `<=>`) for every orderable type, with
/// typed loops for the flat types and a scalar path when one side is a literal.
enum Comparison {
    static func evaluate(_ op: BinaryOperator, _ l: BoundExpr, _ r: BoundExpr, _ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        if case .literal(let v, let t) = r, !v.isNull || op == .nullSafeEqual {
            return compare(op, try l.evaluate(batch), ColumnVector(values: [v], type: t), scalar: true)
        }
        if case .literal(let v, let t) = l, !v.isNull || op == .nullSafeEqual {
            return compare(flipped(op), try r.evaluate(batch), ColumnVector(values: [v], type: t), scalar: true)
        }
        return compare(op, try l.evaluate(batch), try r.evaluate(batch), scalar: false)
    }

    static func flipped(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .lessThan: return .greaterThan
        case .lessThanOrEqual: return .greaterThanOrEqual
        case .greaterThan: return .lessThan
        case .greaterThanOrEqual: return .lessThanOrEqual
        default: return op
        }
    }

    /// Compares `l[i]` with `r[scalar ? 0 : i]`.
    static func compare(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector, scalar: Bool) -> ColumnVector {
        let n = l.count
        var cmp = [Int8](repeating: 0, count: n)
        threeWay(l, r, scalar: scalar, into: &cmp)
        var out = [Bool](repeating: false, count: n)
        cmp.withUnsafeBufferPointer { c in
            out.withUnsafeMutableBufferPointer { o in
                switch op {
                case .equal, .nullSafeEqual: for i in 0..<n { o[i] = c[i] == 0 }
                case .notEqual: for i in 0..<n { o[i] = c[i] != 0 }
                case .lessThan: for i in 0..<n { o[i] = c[i] < 0 }
                case .lessThanOrEqual: for i in 0..<n { o[i] = c[i] <= 0 }
                case .greaterThan: for i in 0..<n { o[i] = c[i] > 0 }
                case .greaterThanOrEqual: for i in 0..<n { o[i] = c[i] >= 0 }
                default: break
                }
            }
        }
        let lNull = VectorOps.isAllNullStorage(l), rNull = VectorOps.isAllNullStorage(r)
        if op == .nullSafeEqual {
            if l.validity == nil && r.validity == nil && !lNull && !rNull { return ColumnVector(bool: out) }
            for i in 0..<n {
                let a = l.isNull(i), b = r.isNull(scalar ? 0 : i)
                if a || b { out[i] = a && b }
            }
            return ColumnVector(bool: out)
        }
        if lNull || rNull { return VectorOps.nulls(.boolean, count: n) }
        var valid = l.validity
        if let rv = r.validity {
            if scalar {
                if !rv[0] { return VectorOps.nulls(.boolean, count: n) }
            } else {
                valid = VectorOps.and(valid, rv)
            }
        }
        return ColumnVector(bool: out, validity: valid)
    }

    /// Writes -1/0/1 per row; null slots get arbitrary results (masked by the caller).
    static func threeWay(_ l: ColumnVector, _ r: ColumnVector, scalar: Bool, into out: inout [Int8]) {
        let n = l.count
        func typed<T: Comparable>(_ a: [T], _ b: [T]) {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { o in
                        if scalar {
                            let y = pb[0]
                            for i in 0..<n { let x = pa[i]; o[i] = x < y ? -1 : (x == y ? 0 : 1) }
                        } else {
                            for i in 0..<n { let x = pa[i], y = pb[i]; o[i] = x < y ? -1 : (x == y ? 0 : 1) }
                        }
                    }
                }
            }
        }
        switch (l.storage, r.storage) {
        case (.int32(let a), .int32(let b)): typed(a, b)
        case (.int64(let a), .int64(let b)): typed(a, b)
        case (.int16(let a), .int16(let b)): typed(a, b)
        case (.int8(let a), .int8(let b)): typed(a, b)
        case (.bool(let a), .bool(let b)): typed(a.map { $0 ? 1 : 0 } as [UInt8], b.map { $0 ? 1 : 0 } as [UInt8])
        case (.float64(let a), .float64(let b)):
            for i in 0..<n { out[i] = Int8(ValueOrdering.compareDoubles(a[i], b[scalar ? 0 : i])) }
        case (.float32(let a), .float32(let b)):
            for i in 0..<n { out[i] = Int8(ValueOrdering.compareDoubles(Double(a[i]), Double(b[scalar ? 0 : i]))) }
        case (.decimal(let a), .decimal(let b)) where Decimals.scale(of: l.dataType) == Decimals.scale(of: r.dataType):
            typed(a, b)
        case (.bytes(let a), .bytes(let b)):
            a.data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    for i in 0..<n {
                        let j = scalar ? 0 : i
                        let x = Int(a.offsets[i]), xn = Int(a.offsets[i + 1]) - x
                        let y = Int(b.offsets[j]), yn = Int(b.offsets[j + 1]) - y
                        out[i] = Int8(ValueOrdering.compareBytes(pa.baseAddress.map { $0 + x }, xn, pb.baseAddress.map { $0 + y }, yn))
                    }
                }
            }
        default:
            for i in 0..<n {
                let j = scalar ? 0 : i
                if l.isNull(i) || r.isNull(j) { continue }
                out[i] = Int8(ValueOrdering.compare(l.value(at: i), r.value(at: j)))
            }
        }
    }
}
