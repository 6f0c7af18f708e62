import RivuletCore

/// Implicit casts of function arguments (Spark 4 `AnsiTypeCoercion.implicitCast`) and the ANSI
/// explicit-cast matrix (`Cast.canAnsiCast`).
extension TypeCoercion {
    /// `e` implicitly cast to satisfy `expected`, or nil when Spark (ANSI mode) rejects it.
    ///
    /// Observed Spark 4 behaviour: any atomic type converts to STRING (`upper(1)` = `'1'`); a
    /// STRING meets a numeric parameter as DOUBLE (`sqrt('4')`, `abs('a')` fails at run time);
    /// numbers widen; strings and timestamps convert to DATE, strings and dates to TIMESTAMP;
    /// an INT never converts to DATE (`year(1)` is a type error).
    public static func implicitCast(_ e: Expression, to expected: ParameterType) -> Expression? {
        let from = e.dataType
        switch expected {
        case .any: return e
        case .string: return implicitCast(e, toType: .string)
        case .numeric:
            if from.isNumeric { return e }
            if from == .string || from == .null { return cast(e, to: .double) }
            return nil
        case .double: return implicitCast(e, toType: .double)
        case .long: return implicitCast(e, toType: .long)
        case .integer: return implicitCast(e, toType: .integer)
        case .boolean: return implicitCast(e, toType: .boolean)
        case .date: return implicitCast(e, toType: .date)
        case .timestamp: return implicitCast(e, toType: .timestamp)
        case .binary: return implicitCast(e, toType: .binary)
        case .intFamily:
            switch from {
            case .integer, .short, .byte: return e
            case .null, .string: return cast(e, to: .integer)
            default: return nil
            }
        case .exact(let t): return implicitCast(e, toType: t)
        case .array:
            if case .array = from { return e }
            if from == .null { return cast(e, to: .array(.null, containsNull: true)) }
            return nil
        case .map:
            if case .map = from { return e }
            return nil
        case .arrayOrMap:
            switch from {
            case .array, .map: return e
            default: return nil
            }
        }
    }

    /// `e` implicitly cast to the concrete type `to`, or nil.
    public static func implicitCast(_ e: Expression, toType to: DataType) -> Expression? {
        let from = e.dataType
        if from.sameType(to) { return e }
        if from == .null { return cast(e, to: to) }
        if let ok = canImplicitlyCast(from, to), ok { return cast(e, to: to) }
        return nil
    }

    /// Whether a value of `from` may be implicitly converted to `to` (nil = no rule).
    static func canImplicitlyCast(_ from: DataType, _ to: DataType) -> Bool? {
        switch (from, to) {
        case (_, .string) where from.isAtomic: return true
        case (.string, _) where to.isAtomic: return true
        case (.date, .timestamp), (.timestamp, .date): return true
        case (.decimal, .decimal): return true
        case (let f, let t) where f.isNumeric && t.isNumeric:
            guard let pf = f.numericPrecedence, let pt = t.numericPrecedence else { return false }
            if case .decimal(let p, let s) = t, f.isIntegral, case .decimal(let fp, _)? = f.asDecimal { return fp <= p - s }
            return pf <= pt
        case (.array(let f, _), .array(let t, _)): return canImplicitlyCast(f, t)
        default: return nil
        }
    }

    /// Spark 4's ANSI explicit-cast matrix (`Cast.canAnsiCast`): whether `CAST(x AS to)` is
    /// allowed for `x` of type `from`. Disallowed casts are analysis errors
    /// (`DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION`), e.g. DATE → INT.
    public static func canAnsiCast(_ from: DataType, _ to: DataType) -> Bool {
        if from.sameType(to) || from == .null { return true }
        switch (from, to) {
        case (_, .string): return true
        case (.string, .binary): return true
        case (.string, _) where to.isAtomic: return to != .null
        case (.boolean, let t) where t.isNumeric: return true
        case (let f, .boolean) where f.isNumeric: return true
        case (let f, let t) where f.isNumeric && t.isNumeric: return true
        case (let f, .timestamp) where f.isNumeric: return true
        case (.timestamp, let t) where t.isNumeric: return true
        case (.date, .timestamp), (.timestamp, .date): return true
        case (.integer, .binary), (.long, .binary), (.short, .binary), (.byte, .binary): return true
        case (let f, .dayTimeInterval) where f.isIntegral || f.isDecimal: return true
        case (let f, .yearMonthInterval) where f.isIntegral || f.isDecimal: return true
        case (.dayTimeInterval, let t) where t.isIntegral || t.isDecimal: return true
        case (.yearMonthInterval, let t) where t.isIntegral || t.isDecimal: return true
        case (.array(let f, _), .array(let t, _)): return canAnsiCast(f, t)
        case (.map(let fk, let fv, _), .map(let tk, let tv, _)): return canAnsiCast(fk, tk) && canAnsiCast(fv, tv)
        case (.struct(let f), .struct(let t)):
            return f.count == t.count && zip(f.fields, t.fields).allSatisfy { canAnsiCast($0.dataType, $1.dataType) }
        default: return false
        }
    }
}
