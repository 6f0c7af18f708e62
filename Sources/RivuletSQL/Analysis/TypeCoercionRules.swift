import RivuletCore

/// Spark 4 (ANSI) implicit type rules for operators, checked against pyspark 4:
/// - a string meeting an integral type (or another string) in arithmetic/comparison becomes
///   `bigint`, meeting float/double/decimal becomes `double`; `'1' + 1` is `bigint`, `b = 1.5`
///   compares doubles; strings meet date/timestamp/boolean as that type;
/// - `float` with `int`/`bigint`/decimal widens to `double`;
/// - `/` on non-decimals is `double`; `div` is `bigint`; integral literals meeting a decimal
///   become the tightest decimal (`dec / 2` is `decimal(14,6)`).
enum AnsiCoercion {
    /// The wider numeric/datetime/complex type (``TypeCoercion/findWiderType`` plus Spark's float rule).
    static func wider(_ a: DataType, _ b: DataType) -> DataType? {
        if a == .float, b == .integer || b == .long || b.isDecimal { return .double }
        if b == .float, a == .integer || a == .long || a.isDecimal { return .double }
        return TypeCoercion.findWiderType(a, b)
    }

    /// What a string operand is cast to when it meets `t`.
    static func stringPromotion(_ t: DataType) -> DataType? {
        switch t {
        case .string, .null: return .string
        case .byte, .short, .integer, .long: return .long
        case .float, .double, .decimal: return .double
        case .date, .timestamp, .boolean, .dayTimeInterval, .yearMonthInterval, .binary: return t
        default: return nil
        }
    }

    /// Common type of two operands, with Spark 4's string promotion.
    static func commonType(_ a: DataType, _ b: DataType) -> DataType? {
        if a == .string, b != .string, b != .null { return stringPromotion(b) }
        if b == .string, a != .string, a != .null { return stringPromotion(a) }
        return wider(a, b)
    }

    /// Common type of many operands (CASE branches, IN lists, UNION columns, VALUES rows).
    static func commonType(_ types: [DataType]) -> DataType? {
        guard var t = types.first else { return nil }
        for x in types.dropFirst() {
            guard let w = commonType(t, x) else { return nil }
            t = w
        }
        return t
    }

    /// The decimal an integral expression is widened to next to a decimal: literals take the
    /// fewest digits (`2` is `decimal(1,0)`), columns `DecimalType.forType`.
    static func decimalize(_ e: Expression) -> Expression {
        let t = e.dataType
        if t.isDecimal { return e }
        if case .literal(let v, _) = e, t.isIntegral, let n = v.int64Value {
            let digits = max(1, String(n.magnitude).count)
            return TypeCoercion.cast(e, to: .decimal(precision: digits, scale: 0))
        }
        guard let d = t.asDecimal else { return e }
        return TypeCoercion.cast(e, to: d)
    }
}

extension Analyzer {
    /// Inserts the implicit casts an operator node needs and rejects incompatible operand types.
    /// `original` is the user's expression, for error messages.
    func coerceOperator(_ e: Expression, original: Expression) throws(RivuletError) -> Expression {
        let pos = original.firstPosition
        switch e {
        case .binary(let op, let l, let r):
            if op.isArithmetic { return try coerceArithmetic(op, l, r, original: original) }
            if op.isComparison { return try coerceComparison(op, l, r, original: original) }
            switch op {
            case .and, .or:
                for x in [l, r] where !(x.dataType == .boolean || x.dataType == .null || x.dataType == .string) {
                    throw mismatch(original, "the binary operator requires the input type \"BOOLEAN\", not \"\(x.dataType.sql)\"",
                                   "BINARY_OP_WRONG_TYPE", pos)
                }
                return .binary(op, TypeCoercion.cast(l, to: .boolean), TypeCoercion.cast(r, to: .boolean))
            case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
                guard let t = AnsiCoercion.wider(l.dataType, r.dataType), t.isIntegral || t == .null else {
                    throw diffTypes(original, l, r, pos)
                }
                return .binary(op, TypeCoercion.cast(l, to: t), TypeCoercion.cast(r, to: t))
            case .concat:
                if case .array = l.dataType, case .array = r.dataType { return e }
                for x in [l, r] where !x.dataType.isAtomic {
                    throw mismatch(original, "the binary operator requires the input type \"STRING\", not \"\(x.dataType.sql)\"",
                                   "BINARY_OP_WRONG_TYPE", pos)
                }
                return .binary(.concat, TypeCoercion.cast(l, to: .string), TypeCoercion.cast(r, to: .string))
            default:
                return e
            }
        case .unary(let op, let x):
            let t = x.dataType
            switch op {
            case .negate, .positive:
                if t == .string { return .unary(op, TypeCoercion.cast(x, to: .double)) }
                guard t.isNumeric || t == .null || t.isInterval else {
                    throw mismatch(original, "The first parameter requires the (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\") type, however \"\(x.sql)\" has the type \"\(t.sql)\"",
                                   "UNEXPECTED_INPUT_TYPE", pos)
                }
                return e
            case .not:
                guard t == .boolean || t == .null || t == .string else {
                    throw mismatch(original, "The first parameter requires the \"BOOLEAN\" type, however \"\(x.sql)\" has the type \"\(t.sql)\"",
                                   "UNEXPECTED_INPUT_TYPE", pos)
                }
                return .unary(.not, TypeCoercion.cast(x, to: .boolean))
            case .bitwiseNot:
                guard t.isIntegral || t == .null else {
                    throw mismatch(original, "The first parameter requires the \"INTEGRAL\" type, however \"\(x.sql)\" has the type \"\(t.sql)\"",
                                   "UNEXPECTED_INPUT_TYPE", pos)
                }
                return e
            }
        case .inList(let v, let list):
            guard let t = AnsiCoercion.commonType(([v] + list).map(\.dataType)) else {
                throw mismatch(original, "Input to `in` should all be the same type, but it's [\(([v] + list).map { $0.dataType.sql }.joined(separator: ", "))]",
                               "DATA_DIFF_TYPES", pos)
            }
            return .inList(TypeCoercion.cast(v, to: t), list.map { TypeCoercion.cast($0, to: t) })
        case .like(let a, let b, let esc):
            return .like(try stringOperand(a, original, pos), try stringOperand(b, original, pos), escape: esc)
        case .rlike(let a, let b):
            return .rlike(try stringOperand(a, original, pos), try stringOperand(b, original, pos))
        case .caseWhen(let branches, let elseValue):
            var out: [WhenBranch] = []
            let values = branches.map(\.value) + (elseValue.map { [$0] } ?? [])
            guard let t = AnsiCoercion.commonType(values.map(\.dataType)) else {
                throw mismatch(original, "Input to `casewhen` should all be the same type, but it's [\(values.map { $0.dataType.sql }.joined(separator: ", "))]",
                               "DATA_DIFF_TYPES", pos)
            }
            for b in branches {
                let ct = b.condition.dataType
                // A bare NULL condition is rejected (Spark does not coerce it here, unlike `if`).
                guard ct == .boolean else {
                    throw mismatch(original, "The first parameter requires the \"BOOLEAN\" type, however \"\(b.condition.sql)\" has the type \"\(ct.sql)\"",
                                   "UNEXPECTED_INPUT_TYPE", pos)
                }
                out.append(WhenBranch(TypeCoercion.cast(b.condition, to: .boolean), TypeCoercion.cast(b.value, to: t)))
            }
            return .caseWhen(out, elseValue: elseValue.map { TypeCoercion.cast($0, to: t) })
        case .sortOrder(let x, _, _):
            guard x.dataType.isOrderable else {
                throw mismatch(original, "The sort expression \"\(x.sql)\" of type \"\(x.dataType.sql)\" is not orderable",
                               "INVALID_ORDERING_TYPE", pos)
            }
            return e
        case .cast(let x, let t):
            if !Self.canCast(x.dataType, t) || (Self.castFunctionSuggestion(x.dataType, t) != nil && !TypeCoercion.canAnsiCast(x.dataType, t)) {
                let base = "cannot cast \"\(x.dataType.sql)\" to \"\(t.sql)\""
                if let fns = Self.castFunctionSuggestion(x.dataType, t) {
                    throw mismatch(original, base + ". To convert values from \"\(x.dataType.sql)\" to \"\(t.sql)\", you can use the functions \(fns.map { "`\($0)`" }.joined(separator: ", ")) instead",
                                   "CAST_WITH_FUNC_SUGGESTION", pos)
                }
                throw mismatch(original, base, "CAST_WITHOUT_SUGGESTION", pos)
            }
            return e
        default:
            return e
        }
    }

    /// The functions Spark suggests for a forbidden cast between datetimes and numbers.
    static func castFunctionSuggestion(_ from: DataType, _ to: DataType) -> [String]? {
        switch (from, to) {
        case (let f, .timestamp) where f.isNumeric: return ["TIMESTAMP_SECONDS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS"]
        case (.timestamp, let t) where t.isNumeric: return ["UNIX_SECONDS", "UNIX_MILLIS", "UNIX_MICROS"]
        case (let f, .date) where f.isNumeric: return ["DATE_FROM_UNIX_DATE"]
        case (.date, let t) where t.isNumeric: return ["UNIX_DATE"]
        default: return nil
        }
    }

    /// Broad castability (Spark's `Cast.canAnsiCast` shape): atomic to atomic, complex to string,
    /// and complex to complex of the same kind.
    static func canCast(_ from: DataType, _ to: DataType) -> Bool {
        if from == .null || from.sameType(to) { return true }
        switch (from, to) {
        case (_, .string): return true
        case (.array(let a, _), .array(let b, _)): return canCast(a, b)
        case (.map(let k1, let v1, _), .map(let k2, let v2, _)): return canCast(k1, k2) && canCast(v1, v2)
        case (.struct(let s1), .struct(let s2)):
            return s1.count == s2.count && zip(s1.fields, s2.fields).allSatisfy { canCast($0.dataType, $1.dataType) }
        default:
            return from.isAtomic && to.isAtomic
        }
    }

    private func stringOperand(_ x: Expression, _ original: Expression, _ pos: SourcePosition?) throws(RivuletError) -> Expression {
        guard x.dataType.isAtomic, x.dataType != .binary else {
            throw mismatch(original, "The first parameter requires the \"STRING\" type, however \"\(x.sql)\" has the type \"\(x.dataType.sql)\"",
                           "UNEXPECTED_INPUT_TYPE", pos)
        }
        return TypeCoercion.cast(x, to: .string)
    }

    func mismatch(_ original: Expression, _ detail: String, _ sub: String, _ pos: SourcePosition?) -> RivuletError {
        .analysis("Cannot resolve \"\(original.sql)\" due to data type mismatch: \(detail).",
                  errorClass: "DATATYPE_MISMATCH.\(sub)", position: pos)
    }

    private func diffTypes(_ original: Expression, _ l: Expression, _ r: Expression, _ pos: SourcePosition?) -> RivuletError {
        mismatch(original, "the left and right operands of the binary operator have incompatible types (\"\(l.dataType.sql)\" and \"\(r.dataType.sql)\")",
                 "BINARY_OP_DIFF_TYPES", pos)
    }

    private func coerceComparison(_ op: BinaryOperator, _ l: Expression, _ r: Expression, original: Expression) throws(RivuletError) -> Expression {
        let pos = original.firstPosition
        let lt = l.dataType, rt = r.dataType
        var target: DataType? = lt.sameType(rt) ? lt : nil
        if target == nil {
            switch (lt, rt) {
            case (.date, .timestamp), (.timestamp, .date): target = .timestamp
            default: target = AnsiCoercion.commonType(lt, rt)
            }
        }
        guard let t = target else { throw diffTypes(original, l, r, pos) }
        if op != .equal && op != .nullSafeEqual && op != .notEqual && !t.isOrderable {
            throw mismatch(original, "the binary operator requires an orderable input type, not \"\(t.sql)\"", "BINARY_OP_WRONG_TYPE", pos)
        }
        if case .map = t {
            throw mismatch(original, "the binary operator does not support the type \"\(t.sql)\"", "BINARY_OP_WRONG_TYPE", pos)
        }
        return .binary(op, TypeCoercion.cast(l, to: t), TypeCoercion.cast(r, to: t))
    }

    private func coerceArithmetic(_ op: BinaryOperator, _ l0: Expression, _ r0: Expression, original: Expression) throws(RivuletError) -> Expression {
        let pos = original.firstPosition
        var l = l0, r = r0
        let lt = l.dataType, rt = r.dataType
        // Date/time arithmetic.
        if op == .add || op == .subtract {
            if lt == .date, rt.isIntegral || rt == .string || rt == .null {
                return dateAdd(op == .add ? "date_add" : "date_sub", l, TypeCoercion.cast(r, to: .integer))
            }
            if op == .add, rt == .date, lt.isIntegral { return dateAdd("date_add", r, TypeCoercion.cast(l, to: .integer)) }
            let isInterval: (DataType) -> Bool = { $0.isInterval }
            // date ± year-month interval and date ± whole-day interval stay dates (Spark's
            // DateAddYMInterval / date_add); other datetime ± interval arithmetic is on timestamps.
            let keepsDate: (DataType) -> Bool = { t in
                if case .yearMonthInterval = t { return true }
                if case .dayTimeInterval(.day, .day) = t { return true }
                return false
            }
            if lt == .date || lt == .timestamp, isInterval(rt) {
                if lt == .date, keepsDate(rt) { return .binary(op, l, r) }
                return .binary(op, TypeCoercion.cast(l, to: .timestamp), r)
            }
            if op == .add, isInterval(lt), rt == .date || rt == .timestamp {
                if rt == .date, keepsDate(lt) { return .binary(op, r, l) }
                return .binary(op, TypeCoercion.cast(r, to: .timestamp), l)
            }
            if op == .subtract, lt == .date || lt == .timestamp, rt == .date || rt == .timestamp {
                if lt == rt { return .binary(op, l, r) }
                return .binary(op, TypeCoercion.cast(l, to: .timestamp), TypeCoercion.cast(r, to: .timestamp))
            }
            if lt.intervalWidened(with: rt) != nil { return .binary(op, l, r) }
        }
        // Strings are read as bigint next to integers, as double next to fractions.
        if lt == .string || rt == .string {
            let other = lt == .string ? rt : lt
            guard var t = AnsiCoercion.stringPromotion(other), t == .long || t == .double || t == .string else {
                throw diffTypes(original, l, r, pos)
            }
            if t == .string { t = .long }
            if op == .divide { t = .double }
            if lt == .string { l = TypeCoercion.cast(l, to: t) }
            if rt == .string { r = TypeCoercion.cast(r, to: t) }
        }
        var a = l.dataType, b = r.dataType
        if a == .null && b == .null { a = .integer; b = .integer; l = TypeCoercion.cast(l, to: a); r = TypeCoercion.cast(r, to: b) }
        if a == .null { l = TypeCoercion.cast(l, to: b); a = b }
        if b == .null { r = TypeCoercion.cast(r, to: a); b = a }
        guard a.isNumeric, b.isNumeric else {
            if a.sameType(b) {
                throw mismatch(original, "the binary operator requires the input type (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\"), not \"\(a.sql)\"",
                               "BINARY_OP_WRONG_TYPE", pos)
            }
            throw diffTypes(original, l, r, pos)
        }
        let fractional = a.isFractional || b.isFractional
        let decimal = a.isDecimal || b.isDecimal
        switch op {
        case .divide:
            if decimal && !fractional { return .binary(.divide, AnsiCoercion.decimalize(l), AnsiCoercion.decimalize(r)) }
            return .binary(.divide, TypeCoercion.cast(l, to: .double), TypeCoercion.cast(r, to: .double))
        case .integralDivide:
            if decimal && !fractional { return .binary(op, AnsiCoercion.decimalize(l), AnsiCoercion.decimalize(r)) }
            return .binary(op, TypeCoercion.cast(l, to: .long), TypeCoercion.cast(r, to: .long))
        default:
            if decimal && !fractional { return .binary(op, AnsiCoercion.decimalize(l), AnsiCoercion.decimalize(r)) }
            guard let t = AnsiCoercion.wider(a, b) else { throw diffTypes(original, l, r, pos) }
            return .binary(op, TypeCoercion.cast(l, to: t), TypeCoercion.cast(r, to: t))
        }
    }

    /// `date ± n` as Spark's `date_add` / `date_sub`.
    private func dateAdd(_ name: String, _ d: Expression, _ n: Expression) -> Expression {
        if let f = functions.lookup(name), let r = try? f.resolve([d, n], false) { return r }
        return .scalarFunction(ScalarFunctionCall(name: name, arguments: [d, n], dataType: .date, nullable: d.nullable || n.nullable))
    }
}
