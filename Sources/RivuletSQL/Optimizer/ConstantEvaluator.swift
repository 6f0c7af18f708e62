import RivuletCore

/// A small `Value`-level evaluator for constant expressions, used by ``ConstantFolding`` and by
/// the analyzer to turn `VALUES` rows into a `LocalRelation` (the vectorized evaluator lives in
/// Execution, which SQL cannot import).
///
/// Covers literals, casts between atomic types, arithmetic, comparisons, boolean logic, null
/// tests, `IN`, `CASE WHEN` and `||`. Returns nil for anything else and for anything that would
/// raise an ANSI error (overflow, division by zero, invalid cast), so such expressions are left
/// for run time where the error is reported with its row.
enum ConstantEvaluator {
    static func evaluate(_ e: Expression) -> Value? {
        switch e {
        case .literal(let v, _): return v
        case .alias(let c, _, _): return evaluate(c)
        case .cast(let c, let t):
            guard let v = evaluate(c) else { return nil }
            return cast(v, to: t)
        case .isNull(let c): return evaluate(c).map { .boolean($0.isNull) }
        case .isNotNull(let c): return evaluate(c).map { .boolean(!$0.isNull) }
        case .unary(let op, let c):
            guard let v = evaluate(c) else { return nil }
            if v.isNull { return .null }
            switch op {
            case .positive: return v
            case .not: return v.boolValue.map { .boolean(!$0) }
            case .negate:
                switch v {
                case .double(let d): return .double(-d)
                case .float(let f): return .float(-f)
                case .decimal(let d): return .decimal(DecimalValue(unscaled: 0 - d.unscaled, scale: d.scale))
                default:
                    guard let n = v.int64Value, n != .min else { return nil }
                    return integral(-n, like: v)
                }
            case .bitwiseNot:
                guard let n = v.int64Value else { return nil }
                return integral(~n, like: v)
            }
        case .binary(let op, let l, let r):
            return binary(op, l, r)
        case .inList(let v, let list):
            guard let x = evaluate(v) else { return nil }
            if x.isNull { return .null }
            var sawNull = false
            for item in list {
                guard let y = evaluate(item) else { return nil }
                if y.isNull { sawNull = true; continue }
                guard let c = compare(x, y) else { return nil }
                if c == 0 { return .boolean(true) }
            }
            return sawNull ? .null : .boolean(false)
        case .caseWhen(let branches, let elseValue):
            for b in branches {
                guard let c = evaluate(b.condition) else { return nil }
                if c.boolValue == true { return evaluate(b.value) }
            }
            guard let e = elseValue else { return .null }
            return evaluate(e)
        default:
            return nil
        }
    }

    private static func binary(_ op: BinaryOperator, _ le: Expression, _ re: Expression) -> Value? {
        // AND / OR use three-valued logic and may short-circuit.
        if op == .and || op == .or {
            guard let l = evaluate(le), let r = evaluate(re) else { return nil }
            let a = l.boolValue, b = r.boolValue
            if op == .and {
                if a == false || b == false { return .boolean(false) }
                if a == true && b == true { return .boolean(true) }
                return .null
            }
            if a == true || b == true { return .boolean(true) }
            if a == false && b == false { return .boolean(false) }
            return .null
        }
        guard let l = evaluate(le), let r = evaluate(re) else { return nil }
        if op == .nullSafeEqual {
            if l.isNull || r.isNull { return .boolean(l.isNull && r.isNull) }
            return compare(l, r).map { .boolean($0 == 0) }
        }
        if l.isNull || r.isNull { return .null }
        if op.isComparison {
            guard let c = compare(l, r) else { return nil }
            switch op {
            case .equal: return .boolean(c == 0)
            case .notEqual: return .boolean(c != 0)
            case .lessThan: return .boolean(c < 0)
            case .lessThanOrEqual: return .boolean(c <= 0)
            case .greaterThan: return .boolean(c > 0)
            default: return .boolean(c >= 0)
            }
        }
        if op == .concat {
            guard let a = l.stringValue, let b = r.stringValue else { return nil }
            return .string(a + b)
        }
        let resultType = Expression.binary(op, le, re).dataType
        switch (l, r) {
        case (.double(let a), .double(let b)): return doubleOp(op, a, b).map { .double($0) }
        case (.float(let a), .float(let b)): return doubleOp(op, Double(a), Double(b)).map { .float(Float($0)) }
        case (.decimal(let a), .decimal(let b)):
            guard case .decimal(let p, let s) = resultType else { return nil }
            return decimalOp(op, a, b, precision: p, scale: s).map { .decimal($0) }
        default:
            guard let a = l.int64Value, let b = r.int64Value, l.isIntegralValue, r.isIntegralValue else { return nil }
            if op == .divide { return b == 0 ? nil : .double(Double(a) / Double(b)) }
            let res: (Int64, Bool)
            switch op {
            case .add: res = a.addingReportingOverflow(b)
            case .subtract: res = a.subtractingReportingOverflow(b)
            case .multiply: res = a.multipliedReportingOverflow(by: b)
            case .remainder: if b == 0 { return nil }; res = a.remainderReportingOverflow(dividingBy: b)
            case .integralDivide: if b == 0 { return nil }; res = a.dividedReportingOverflow(by: b)
            case .bitwiseAnd: res = (a & b, false)
            case .bitwiseOr: res = (a | b, false)
            case .bitwiseXor: res = (a ^ b, false)
            default: return nil
            }
            if res.1 { return nil }
            return integral(res.0, type: resultType)
        }
    }

    private static func doubleOp(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double? {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return b == 0 ? nil : a / b
        case .remainder: return b == 0 ? nil : a.truncatingRemainder(dividingBy: b)
        default: return nil
        }
    }

    private static func decimalOp(_ op: BinaryOperator, _ a: DecimalValue, _ b: DecimalValue, precision: Int, scale: Int) -> DecimalValue? {
        let s = max(a.scale, b.scale)
        guard let x = a.rescaled(to: s), let y = b.rescaled(to: s) else { return nil }
        let raw: DecimalValue
        switch op {
        case .add:
            let (v, o) = x.unscaled.addingReportingOverflow(y.unscaled); if o { return nil }
            raw = DecimalValue(unscaled: v, scale: s)
        case .subtract:
            let (v, o) = x.unscaled.subtractingReportingOverflow(y.unscaled); if o { return nil }
            raw = DecimalValue(unscaled: v, scale: s)
        case .multiply:
            let (v, o) = a.unscaled.multipliedReportingOverflow(by: b.unscaled); if o { return nil }
            raw = DecimalValue(unscaled: v, scale: a.scale + b.scale)
        default:
            return nil
        }
        return raw.rescaled(to: scale, precision: precision)
    }

    /// -1, 0, 1 for comparable non-null values of the same kind.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            if x == y { return 0 }
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        case (.boolean(let x), .boolean(let y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        case (.decimal(let x), .decimal(let y)): return cmp(x, y)
        case (.double, _), (_, .double), (.float, _), (_, .float):
            guard let x = a.doubleValue, let y = b.doubleValue else { return nil }
            return cmp(x, y)
        default:
            guard let x = a.int64Value, let y = b.int64Value else { return nil }
            return cmp(x, y)
        }
    }

    /// An integral value of `type` (nil on overflow).
    static func integral(_ n: Int64, type: DataType) -> Value? {
        switch type {
        case .byte: return Int8(exactly: n).map { .byte($0) }
        case .short: return Int16(exactly: n).map { .short($0) }
        case .integer: return Int32(exactly: n).map { .int($0) }
        case .long: return .long(n)
        default: return nil
        }
    }

    private static func integral(_ n: Int64, like v: Value) -> Value? {
        switch v {
        case .byte: return integral(n, type: .byte)
        case .short: return integral(n, type: .short)
        case .int: return integral(n, type: .integer)
        case .long: return .long(n)
        default: return nil
        }
    }

    /// ANSI cast of a constant; nil when the cast would fail or is not supported here.
    static func cast(_ v: Value, to t: DataType) -> Value? {
        if v.isNull { return .null }
        switch t {
        case .string:
            if case .binary = v { return nil }
            return .string(v.sparkString())
        case .boolean:
            switch v {
            case .boolean: return v
            case .string(let s):
                switch s.trimmingASCIISpaces().lowercased() {
                case "true", "t", "yes", "y", "1": return .boolean(true)
                case "false", "f", "no", "n", "0": return .boolean(false)
                default: return nil
                }
            default:
                if v.isIntegralValue, let n = v.int64Value { return .boolean(n != 0) }
                if let d = v.doubleValue, !v.isTemporal { return .boolean(d != 0) }
                return nil
            }
        case .byte, .short, .integer, .long:
            switch v {
            case .boolean(let b): return integral(b ? 1 : 0, type: t)
            case .string(let s): return Int64(s.trimmingASCIISpaces()).flatMap { integral($0, type: t) }
            case .double, .float:
                guard let d = v.doubleValue, d.isFinite, let n = Int64(exactly: d.rounded(.towardZero)) else { return nil }
                return integral(n, type: t)
            case .decimal(let d):
                guard let r = d.rescaled(to: 0), let n = Int64(exactly: d.unscaled / DecimalValue.pow10(d.scale)), r.scale == 0 else { return nil }
                return integral(n, type: t)
            default:
                guard v.isIntegralValue, let n = v.int64Value else { return nil }
                return integral(n, type: t)
            }
        case .float, .double:
            let d: Double?
            switch v {
            case .string(let s): d = Double(s.trimmingASCIISpaces())
            case .boolean(let b): d = b ? 1 : 0
            default: d = v.isTemporal ? nil : v.doubleValue
            }
            guard let d else { return nil }
            return t == .double ? .double(d) : .float(Float(d))
        case .decimal(let p, let s):
            let dv: DecimalValue?
            switch v {
            case .decimal(let d): dv = d
            case .string(let str): dv = DecimalValue(parsing: str)
            case .double(let d): dv = d.isFinite ? DecimalValue(parsing: String(d)) : nil
            case .float(let f): dv = f.isFinite ? DecimalValue(parsing: String(f)) : nil
            default: dv = v.isIntegralValue ? v.int64Value.map { DecimalValue(unscaled: Int128($0), scale: 0) } : nil
            }
            return dv?.rescaled(to: s, precision: p).map { .decimal($0) }
        case .date:
            switch v {
            case .date: return v
            case .string(let s): return DateTimeUtils.parseDate(s).map { .date($0) }
            case .timestamp(let us): return Int32(exactly: DateTimeUtils.floorDiv(us, 86_400_000_000)).map { .date($0) }
            default: return nil
            }
        case .timestamp:
            switch v {
            case .timestamp: return v
            case .string(let s): return DateTimeUtils.parseTimestamp(s).map { .timestamp($0) }
            case .date(let d): return .timestamp(Int64(d) * 86_400_000_000)
            default: return nil
            }
        default:
            return nil
        }
    }
}

extension Value {
    var isIntegralValue: Bool {
        switch self {
        case .byte, .short, .int, .long: return true
        default: return false
        }
    }
    var isTemporal: Bool {
        switch self {
        case .date, .timestamp, .dayTimeInterval, .yearMonthInterval: return true
        default: return false
        }
    }
}
