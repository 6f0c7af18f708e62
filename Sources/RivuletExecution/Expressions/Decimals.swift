import RivuletCore
import RivuletSQL

/// Decimal arithmetic on unscaled `Int128` values, rounding half-up to the result scale and
/// raising Spark's `NUMERIC_VALUE_OUT_OF_RANGE` when a result exceeds the result precision.
enum Decimals {
    static func scale(of t: DataType) -> Int { if case .decimal(_, let s) = t { return s } else { return 0 } }
    static func precision(of t: DataType) -> Int { if case .decimal(let p, _) = t { return p } else { return 38 } }

    /// `x / 10^k` rounded half-up (away from zero on ties).
    static func divRound(_ x: Int128, _ d: Int128) -> Int128 {
        let (q, r) = x.quotientAndRemainder(dividingBy: d)
        let r2 = r.magnitude, d2 = d.magnitude
        if r2 >= d2 - r2 { return q + (((x < 0) != (d < 0)) ? -1 : 1) }
        return q
    }

    /// Rescales `x` from scale `from` to `to`; nil on overflow.
    static func rescale(_ x: Int128, from: Int, to: Int) -> Int128? {
        if to == from { return x }
        if to > from {
            let (m, o) = x.multipliedReportingOverflow(by: DecimalValue.pow10(to - from))
            return o ? nil : m
        }
        return divRound(x, DecimalValue.pow10(from - to))
    }

    static func binary(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector, type: DataType, validity: Bitmap?) throws(RivuletError) -> ColumnVector {
        guard case .decimal(let a) = l.storage, case .decimal(let b) = r.storage else {
            throw .internal("decimal '\(op.rawValue)' expects decimal operands, got \(l.dataType.simpleString) and \(r.dataType.simpleString)")
        }
        let s1 = scale(of: l.dataType), s2 = scale(of: r.dataType)
        let n = a.count
        let rs = scale(of: type), rp = precision(of: type)
        let limit = DecimalValue.pow10(rp)
        var out = [Int128](repeating: 0, count: n)
        var longs = [Int64](repeating: 0, count: op == .integralDivide ? n : 0)
        for i in 0..<n {
            if let validity, !validity[i] { continue }
            var v: Int128?
            switch op {
            case .add, .subtract, .remainder:
                let s = max(s1, s2)
                guard let x = rescale(a[i], from: s1, to: s), let y = rescale(b[i], from: s2, to: s) else { v = nil; break }
                if op == .remainder {
                    if y == 0 { throw AnsiErrors.remainderByZero() }
                    v = rescale(x % y, from: s, to: rs)
                } else {
                    let (z, o) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
                    v = o ? nil : rescale(z, from: s, to: rs)
                }
            case .multiply:
                let (z, o) = a[i].multipliedReportingOverflow(by: b[i])
                v = o ? nil : rescale(z, from: s1 + s2, to: rs)
            case .divide:
                if b[i] == 0 { throw AnsiErrors.divideByZero() }
                // a/10^s1 / (b/10^s2) = a * 10^(rs + s2 - s1) / b  at scale rs
                let k = rs + s2 - s1
                if k >= 0 {
                    let (m, o) = a[i].multipliedReportingOverflow(by: DecimalValue.pow10(k))
                    v = o ? nil : divRound(m, b[i])
                } else {
                    let (m, o) = b[i].multipliedReportingOverflow(by: DecimalValue.pow10(-k))
                    v = o ? 0 : divRound(a[i], m)
                }
            case .integralDivide:
                if b[i] == 0 { throw AnsiErrors.divideByZero() }
                let s = max(s1, s2)
                guard let x = rescale(a[i], from: s1, to: s), let y = rescale(b[i], from: s2, to: s) else {
                    throw AnsiErrors.overflow("long", suggestion: "try_divide")
                }
                guard let q = Int64(exactly: x / y) else { throw AnsiErrors.overflow("long", suggestion: "try_divide") }
                longs[i] = q
                continue
            default:
                throw .internal("operator '\(op.rawValue)' is not supported for decimals")
            }
            guard let val = v, val < limit, val > 0 - limit else {
                let shown = DecimalValue(unscaled: a[i], scale: s1).description + " \(op.rawValue) " + DecimalValue(unscaled: b[i], scale: s2).description
                throw AnsiErrors.decimalOutOfRange(shown, precision: rp, scale: rs)
            }
            out[i] = val
        }
        if op == .integralDivide { return ColumnVector(dataType: .long, count: n, validity: validity, storage: .int64(longs)) }
        return ColumnVector(dataType: type, count: n, validity: validity, storage: .decimal(out))
    }
}
