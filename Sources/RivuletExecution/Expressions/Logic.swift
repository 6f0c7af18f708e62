import RivuletCore
import RivuletSQL

/// SQL three-valued logic: `AND`/`OR` (right side evaluated only where it can change the
/// result), `IN` lists and `CASE WHEN` (each branch only on the rows still undecided).
enum Logic {
    /// Bool values and validity of a boolean vector (null-typed vectors are all-null).
    static func bools(_ v: ColumnVector) -> ([Bool], Bitmap?) {
        if case .bool(let b) = v.storage { return (b, v.validity) }
        return ([Bool](repeating: false, count: v.count), Bitmap(count: v.count, value: false))
    }

    static func andOr(_ isAnd: Bool, _ l: BoundExpr, _ r: BoundExpr, _ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        let n = batch.numRows
        let (lv, lvalid) = bools(try l.evaluate(batch))
        // Rows whose result is already decided by the left side: false for AND, true for OR.
        var need: [Int32] = []
        need.reserveCapacity(n)
        for i in 0..<n {
            let valid = lvalid?[i] ?? true
            if !(valid && lv[i] != isAnd) { need.append(Int32(i)) }
        }
        var out = lv
        var valid = lvalid ?? Bitmap(count: n, value: true)
        if need.isEmpty { return ColumnVector(bool: out, validity: lvalid) }
        let rvec = try r.evaluate(batch, rows: need)
        let (rv, rvalid) = bools(rvec)
        for (k, row) in need.enumerated() {
            let i = Int(row)
            let lIsValid = lvalid?[i] ?? true
            let rIsValid = rvalid?[k] ?? true
            let rb = rv[k]
            if rIsValid && rb != isAnd {
                // right decides: false for AND, true for OR
                out[i] = !isAnd; valid.set(i)
            } else if lIsValid && rIsValid {
                out[i] = isAnd; valid.set(i)
            } else {
                out[i] = false; valid.clear(i)
            }
        }
        return ColumnVector(bool: out, validity: valid)
    }

    /// `x IN (a, b, ...)`: true if any item equals x; else null if x or any item is null; else false.
    static func inList(_ x: BoundExpr, _ items: [BoundExpr], _ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        let n = batch.numRows
        let value = try x.evaluate(batch)
        var found = [Bool](repeating: false, count: n)
        var sawNull = [Bool](repeating: false, count: n)
        for item in items {
            let eq: ColumnVector
            if case .literal(let v, let t) = item {
                if v.isNull { for i in 0..<n { sawNull[i] = true }; continue }
                eq = Comparison.compare(.equal, value, ColumnVector(values: [v], type: t), scalar: true)
            } else {
                eq = Comparison.compare(.equal, value, try item.evaluate(batch), scalar: false)
            }
            let (b, valid) = bools(eq)
            for i in 0..<n {
                if valid?[i] ?? true { if b[i] { found[i] = true } } else { sawNull[i] = true }
            }
        }
        var validity = Bitmap(count: n, value: true)
        for i in 0..<n where !found[i] && (sawNull[i] || value.isNull(i)) { validity.clear(i) }
        return ColumnVector(bool: found, validity: validity)
    }

    static func caseWhen(
        _ branches: [BoundExpr.BoundBranch], _ elseValue: BoundExpr?, _ type: DataType, _ batch: RecordBatch
    ) throws(RivuletError) -> ColumnVector {
        let n = batch.numRows
        var remaining: [Int32] = Array(0..<Int32(n))
        var current = batch
        var pieces: [(ColumnVector, [Int32])] = []
        for br in branches {
            if remaining.isEmpty { break }
            let (cv, cvalid) = bools(try br.condition.evaluate(current))
            var hitLocal: [Int32] = [], hit: [Int32] = [], missLocal: [Int32] = [], miss: [Int32] = []
            for k in 0..<remaining.count {
                if cv[k] && (cvalid?[k] ?? true) {
                    hitLocal.append(Int32(k)); hit.append(remaining[k])
                } else {
                    missLocal.append(Int32(k)); miss.append(remaining[k])
                }
            }
            if !hit.isEmpty {
                pieces.append((try br.value.evaluate(current, rows: hitLocal), hit))
            }
            if miss.count != remaining.count { current = current.take(missLocal) }
            remaining = miss
        }
        if !remaining.isEmpty, let elseValue {
            pieces.append((try elseValue.evaluate(current), remaining))
        }
        return VectorOps.assemble(pieces.map { (p, rows) in (conform(p, type), rows) }, count: n, type: type)
    }

    /// A branch value with the CASE's type tag (analysis makes branch types equal up to nullability).
    static func conform(_ v: ColumnVector, _ type: DataType) -> ColumnVector {
        if v.dataType == type || VectorOps.isAllNullStorage(v) == false { return v }
        return VectorOps.nulls(type, count: v.count)
    }
}
