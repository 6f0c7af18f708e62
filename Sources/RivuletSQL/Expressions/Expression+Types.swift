import RivuletCore

/// Result type and nullability of resolved expressions.
extension Expression {
    /// The type this (resolved) expression evaluates to. Unresolved nodes report `.null`.
    public var dataType: DataType {
        switch self {
        case .literal(_, let t): return t
        case .attribute(let a): return a.dataType
        case .alias(let e, _, _), .multiAlias(let e, _), .sortOrder(let e, _, _): return e.dataType
        case .cast(_, let t): return t
        case .unary(.not, _): return .boolean
        case .unary(_, let e): return e.dataType
        case .binary(let op, let l, let r):
            if op.isComparison || op == .and || op == .or { return .boolean }
            if op == .concat { return .string }
            if op == .integralDivide { return .long }
            // date - date, timestamp - timestamp: a day-time interval.
            if op == .subtract, l.dataType == .date || l.dataType == .timestamp, r.dataType == .date || r.dataType == .timestamp {
                return l.dataType == .date && r.dataType == .date ? .dayTimeInterval(.day, .day) : .dayTimeInterval
            }
            if let t = l.dataType.intervalWidened(with: r.dataType) { return t }
            if op == .divide {
                if case .decimal = l.dataType { return Expression.decimalResultType(op, l.dataType, r.dataType) }
                return .double
            }
            if case .decimal = l.dataType, op.isArithmetic { return Expression.decimalResultType(op, l.dataType, r.dataType) }
            return l.dataType
        case .isNull, .isNotNull, .inList, .like, .rlike: return .boolean
        case .caseWhen(let branches, let elseValue):
            return branches.first?.value.dataType ?? elseValue?.dataType ?? .null
        case .getStructField(let e, let ordinal, _):
            if case .struct(let s) = e.dataType, ordinal < s.count { return s[ordinal].dataType }
            return .null
        case .getArrayItem(let e, _):
            if case .array(let t, _) = e.dataType { return t }
            return .null
        case .getMapValue(let e, _):
            if case .map(_, let v, _) = e.dataType { return v }
            return .null
        case .scalarFunction(let f): return f.dataType
        case .aggregateFunction(let f): return f.dataType
        case .generator(let g): return g.elementSchema.first?.dataType ?? .null
        case .scalarSubquery(let s): return s.plan.output.first?.dataType ?? .null
        case .exists, .inSubquery: return .boolean
        case .outerReference(let a): return a.dataType
        case .unresolvedAttribute, .unresolvedStar, .unresolvedFunction, .unresolvedExtract, .star: return .null
        }
    }

    /// Whether the (resolved) expression can produce null.
    public var nullable: Bool {
        switch self {
        case .literal(let v, _): return v.isNull
        case .attribute(let a): return a.nullable
        case .alias(let e, _, _), .multiAlias(let e, _), .sortOrder(let e, _, _), .unary(_, let e): return e.nullable
        case .cast(let e, let t):
            // A cast from string to a non-string type can fail to null (try_cast-like paths); be conservative.
            return e.nullable || (e.dataType == .string && t != .string)
        case .isNull, .isNotNull: return false
        case .binary(let op, let l, let r):
            if op == .nullSafeEqual { return false }
            if op == .divide || op == .remainder || op == .integralDivide { return true }
            return l.nullable || r.nullable
        case .inList(let e, let list): return e.nullable || list.contains { $0.nullable }
        case .like(let a, let b, _), .rlike(let a, let b): return a.nullable || b.nullable
        case .caseWhen(let branches, let elseValue):
            return elseValue?.nullable ?? true || branches.contains { $0.value.nullable }
        case .getStructField, .getArrayItem, .getMapValue: return true
        case .scalarFunction(let f): return f.nullable
        case .aggregateFunction(let f): return f.nullable
        case .generator: return true
        case .scalarSubquery, .inSubquery: return true
        case .exists: return false
        case .outerReference(let a): return a.nullable
        case .unresolvedAttribute, .unresolvedStar, .unresolvedFunction, .unresolvedExtract, .star: return true
        }
    }

    /// Spark's result type for decimal arithmetic (`DecimalPrecision`), with precision capped at 38
    /// and scale reduced to keep at least 6 fractional digits.
    public static func decimalResultType(_ op: BinaryOperator, _ l: DataType, _ r: DataType) -> DataType {
        guard case .decimal(let p1, let s1) = l else { return l }
        let (p2, s2): (Int, Int)
        if case .decimal(let p, let s) = r { (p2, s2) = (p, s) } else { (p2, s2) = (p1, s1) }
        var p: Int, s: Int
        switch op {
        case .add, .subtract:
            s = max(s1, s2); p = max(p1 - s1, p2 - s2) + s + 1
        case .multiply:
            s = s1 + s2; p = p1 + p2 + 1
        case .divide:
            s = max(6, s1 + p2 + 1); p = p1 - s1 + s2 + s
        case .remainder:
            s = max(s1, s2); p = min(p1 - s1, p2 - s2) + s
        default:
            return l
        }
        if p > 38 {
            let intDigits = p - s
            let minScale = min(s, 6)
            s = max(38 - intDigits, minScale)
            p = 38
        }
        return .decimal(precision: p, scale: s)
    }
}
