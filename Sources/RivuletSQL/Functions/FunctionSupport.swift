import RivuletCore

/// The input type a function parameter accepts (Spark's `AbstractDataType` for `ImplicitCastInputTypes`).
public enum ParameterType: Sendable {
    case string, numeric, double, long, integer, boolean, date, timestamp, binary
    /// `INT`, `SMALLINT` or `TINYINT` (date_add's day count): narrower integers widen to int.
    case intFamily
    /// Exactly this type (numeric widening and string promotion apply).
    case exact(DataType)
    case array, map
    case arrayOrMap
    case any

    /// The text Spark prints after "requires the".
    var requirement: String {
        switch self {
        case .string: return "\"STRING\""
        case .numeric: return "\"NUMERIC\""
        case .double: return "\"DOUBLE\""
        case .long: return "\"BIGINT\""
        case .integer: return "\"INT\""
        case .boolean: return "\"BOOLEAN\""
        case .date: return "\"DATE\""
        case .timestamp: return "\"TIMESTAMP\""
        case .binary: return "\"BINARY\""
        case .intFamily: return "(\"INT\" or \"SMALLINT\" or \"TINYINT\")"
        case .exact(let t): return "\"\(t.sql)\""
        case .array: return "\"ARRAY\""
        case .map: return "\"MAP\""
        case .arrayOrMap: return "(\"ARRAY\" or \"MAP\")"
        case .any: return "\"ANY\""
        }
    }
}

/// Helpers every function family uses: implicit casts of arguments, Spark-worded type errors,
/// building resolved calls.
enum FunctionSupport {
    static let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]

    static func ordinal(_ i: Int) -> String { i < ordinals.count ? ordinals[i] : "\(i + 1)th" }

    /// `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` worded as Spark words it.
    static func mismatch(_ fn: String, _ args: [Expression], _ i: Int, _ requirement: String) -> RivuletError {
        let call = "\(fn)(\(args.map(\.sqlText).joined(separator: ", ")))"
        return .analysis(
            "Cannot resolve \"\(call)\" due to data type mismatch: The \(ordinal(i)) parameter requires the \(requirement) type, however \"\(args[i].sqlText)\" has the type \"\(args[i].dataType.sql)\".",
            errorClass: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    }

    /// A general `DATATYPE_MISMATCH.<sub>` error for `fn(args)`.
    static func dataTypeMismatch(_ fn: String, _ args: [Expression], _ sub: String, _ detail: String) -> RivuletError {
        let call = "\(fn)(\(args.map(\.sqlText).joined(separator: ", ")))"
        return .analysis("Cannot resolve \"\(call)\" due to data type mismatch: \(detail)", errorClass: "DATATYPE_MISMATCH.\(sub)")
    }

    /// `WRONG_NUM_ARGS` for a call with an unsupported number of arguments.
    static func wrongArity(_ fn: String, _ got: Int, _ expected: String) -> RivuletError {
        .analysis("The `\(fn)` requires \(expected) parameters but the actual number is \(got).",
                  errorClass: "WRONG_NUM_ARGS.WITHOUT_SUGGESTION")
    }

    /// Argument `i` coerced to `expected`, or a Spark-worded type error.
    static func coerce(_ fn: String, _ args: [Expression], _ i: Int, _ expected: ParameterType) throws(RivuletError) -> Expression {
        let e = args[i]
        if let c = TypeCoercion.implicitCast(e, to: expected) { return c }
        throw mismatch(fn, args, i, expected.requirement)
    }

    /// Coerces every argument to the corresponding expected type.
    static func coerceAll(_ fn: String, _ args: [Expression], _ expected: [ParameterType]) throws(RivuletError) -> [Expression] {
        var out: [Expression] = []
        for i in args.indices { out.append(try coerce(fn, args, i, i < expected.count ? expected[i] : .any)) }
        return out
    }

    /// A resolved scalar call; nullable defaults to "any argument nullable".
    static func call(_ name: String, _ args: [Expression], _ type: DataType, nullable: Bool? = nil, deterministic: Bool = true) -> Expression {
        .scalarFunction(ScalarFunctionCall(
            name: name, arguments: args, dataType: type,
            nullable: nullable ?? args.contains { $0.nullable }, deterministic: deterministic))
    }

    /// A scalar descriptor whose resolver sees the arguments only (most functions).
    static func scalar(
        _ name: String, _ arity: ClosedRange<Int>,
        _ resolve: @escaping @Sendable (_ args: [Expression]) throws(RivuletError) -> Expression
    ) -> FunctionDescriptor {
        FunctionDescriptor(name: name, kind: .scalar, arity: arity) { (args, _) throws(RivuletError) in
            guard arity.contains(args.count) else { throw wrongArity(name, args.count, arityText(arity)) }
            return try resolve(args)
        }
    }

    /// A descriptor that resolves to another one under a different name (`ceiling` → `ceil`).
    static func alias(_ name: String, of d: FunctionDescriptor) -> FunctionDescriptor {
        FunctionDescriptor(name: name, kind: d.kind, arity: d.arity, resolve: d.resolve)
    }

    /// The "requires N parameters" text for an arity range.
    static func arityText(_ r: ClosedRange<Int>) -> String {
        if r.lowerBound == r.upperBound { return "\(r.lowerBound)" }
        if r.upperBound >= 1000 { return "at least \(r.lowerBound)" }
        return "[\(r.map(String.init).joined(separator: ", "))]"
    }

    /// The constant value of a literal argument (nil when the argument is not a literal).
    static func literalValue(_ e: Expression) -> Value? {
        switch e {
        case .literal(let v, _): return v
        case .cast(let inner, _): return literalValue(inner)
        default: return nil
        }
    }

    /// A literal integer argument as Int (for scale/limit parameters that must be constant).
    static func literalInt(_ e: Expression) -> Int? {
        guard let v = literalValue(e) else { return nil }
        if let i = v.int64Value { return Int(i) }
        if case .string(let s) = v { return Int(s.trimmingASCIISpaces()) }
        return nil
    }

    static let intLiteralOne: Expression = .literal(.int(1), .integer)
}

extension Expression {
    /// How Spark prints an expression inside error messages (`upper(1)`, `CAST(x AS INT)`).
    public var sqlText: String {
        switch self {
        case .literal(let v, let t):
            if v.isNull { return "NULL" }
            if t == .date, case .date(let d) = v { return "DATE '\(DateTimeUtils.formatDate(d))'" }
            if t == .timestamp, case .timestamp(let x) = v { return "TIMESTAMP '\(DateTimeUtils.formatTimestamp(x))'" }
            return v.sparkString()
        case .attribute(let a): return a.name
        case .unresolvedAttribute(let n): return n.description
        case .alias(let e, _, _): return e.sqlText
        case .cast(let e, let t): return "CAST(\(e.sqlText) AS \(t.sql))"
        case .scalarFunction(let f): return "\(f.name)(\(f.arguments.map(\.sqlText).joined(separator: ", ")))"
        case .aggregateFunction(let f):
            return "\(f.name)(\(f.isDistinct ? "DISTINCT " : "")\(f.arguments.map(\.sqlText).joined(separator: ", ")))"
        case .generator(let g): return "\(g.name)(\(g.arguments.map(\.sqlText).joined(separator: ", ")))"
        case .unresolvedFunction(let n, let a, _, _): return "\(n)(\(a.map(\.sqlText).joined(separator: ", ")))"
        case .binary(let op, let l, let r): return "(\(l.sqlText) \(op.rawValue) \(r.sqlText))"
        case .unary(.not, let e): return "(NOT \(e.sqlText))"
        case .unary(let op, let e): return "(\(op.rawValue) \(e.sqlText))"
        case .isNull(let e): return "(\(e.sqlText) IS NULL)"
        case .isNotNull(let e): return "(\(e.sqlText) IS NOT NULL)"
        case .getStructField(let e, _, let n): return "\(e.sqlText).\(n)"
        case .getArrayItem(let a, let i), .getMapValue(let a, let i): return "\(a.sqlText)[\(i.sqlText)]"
        default: return "\(self)"
        }
    }
}
