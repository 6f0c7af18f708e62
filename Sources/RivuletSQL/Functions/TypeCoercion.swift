import RivuletCore

/// Spark's implicit type coercion rules (ANSI mode, Spark 4 default), shared by the analyzer
/// (operators, CASE, IN, UNION) and the function resolvers.
public enum TypeCoercion {
    /// The narrowest type both `a` and `b` widen to without losing range, or nil.
    public static func findWiderType(_ a: DataType, _ b: DataType) -> DataType? {
        if a.sameType(b) { return a }
        if a == .null { return b }
        if b == .null { return a }
        if let pa = a.numericPrecedence, let pb = b.numericPrecedence {
            if case .decimal = a, b.isIntegral { return widerDecimal(a, b.asDecimal ?? a) }
            if case .decimal = b, a.isIntegral { return widerDecimal(a.asDecimal ?? b, b) }
            if case .decimal = a, case .decimal = b { return widerDecimal(a, b) }
            return pa >= pb ? a : b
        }
        switch (a, b) {
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        case (.array(let x, let nx), .array(let y, let ny)):
            return findWiderType(x, y).map { .array($0, containsNull: nx || ny) }
        case (.map(let k1, let v1, let n1), .map(let k2, let v2, let n2)):
            guard let k = findWiderType(k1, k2), let v = findWiderType(v1, v2) else { return nil }
            return .map(k, v, valueContainsNull: n1 || n2)
        case (.struct(let s1), .struct(let s2)) where s1.count == s2.count:
            var fields: [StructField] = []
            for (f1, f2) in zip(s1.fields, s2.fields) {
                guard f1.name.lowercased() == f2.name.lowercased(), let t = findWiderType(f1.dataType, f2.dataType) else { return nil }
                fields.append(StructField(f1.name, t, nullable: f1.nullable || f2.nullable))
            }
            return .struct(StructType(fields))
        default:
            return nil
        }
    }

    /// Like ``findWiderType`` but also lets a string meet another atomic type (the string side is
    /// cast to the other type), as Spark does for comparisons, `IN`, `CASE`, `coalesce`.
    public static func findCommonTypeWithStringPromotion(_ a: DataType, _ b: DataType) -> DataType? {
        if let t = findWiderType(a, b) { return t }
        switch (a, b) {
        case (.string, let t) where t.isAtomic && t != .binary: return t == .boolean || t.isNumeric || t == .date || t == .timestamp ? t : .string
        case (let t, .string) where t.isAtomic && t != .binary: return t == .boolean || t.isNumeric || t == .date || t == .timestamp ? t : .string
        default: return nil
        }
    }

    /// Common type of many types (left fold of ``findCommonTypeWithStringPromotion``).
    public static func commonType(_ types: [DataType]) -> DataType? {
        guard var t = types.first else { return nil }
        for x in types.dropFirst() {
            guard let w = findCommonTypeWithStringPromotion(t, x) else { return nil }
            t = w
        }
        return t
    }

    /// Wraps `e` in a cast to `type` unless it already has that type.
    public static func cast(_ e: Expression, to type: DataType) -> Expression {
        if e.dataType.sameType(type) { return e }
        if case .literal(.null, _) = e { return .literal(.null, type) }
        return .cast(e, type)
    }

    /// The decimal type that holds both decimals (Spark's `DecimalPrecision.widerDecimalType`).
    public static func widerDecimal(_ a: DataType, _ b: DataType) -> DataType {
        guard case .decimal(let p1, let s1) = a, case .decimal(let p2, let s2) = b else { return a }
        let scale = max(s1, s2)
        let range = max(p1 - s1, p2 - s2)
        if range + scale > DataType.maxDecimalPrecision {
            return .decimal(precision: DataType.maxDecimalPrecision, scale: max(0, DataType.maxDecimalPrecision - range))
        }
        return .decimal(precision: range + scale, scale: scale)
    }
}
