import RivuletCore

/// Conditional and null-handling functions. Most are rewritten into core expression nodes
/// (`if` → CASE WHEN, `nvl` → `coalesce`, `isnull` → IS NULL) exactly as Spark's
/// `RuntimeReplaceable` versions do.
extension BuiltinFunctions {
    static let conditional: [FunctionDescriptor] = {
        typealias F = FunctionSupport
        var out: [FunctionDescriptor] = []

        /// The common type of `args` (string promotion allowed), or Spark's DATA_DIFF_TYPES error.
        @Sendable func common(_ fn: String, _ args: [Expression], _ shown: [Expression]) throws(RivuletError) -> DataType {
            guard let t = TypeCoercion.commonType(args.map(\.dataType)) else {
                throw F.dataTypeMismatch(fn, shown, "DATA_DIFF_TYPES",
                    "Input to `\(fn)` should all be the same type, but it's [\(args.map { "\"\($0.dataType.sql)\"" }.joined(separator: ", "))].")
            }
            return t
        }

        out.append(F.scalar("coalesce", 1...Int.max) { (args) throws(RivuletError) in
            let t = try common("coalesce", args, args)
            return F.call("coalesce", args.map { TypeCoercion.cast($0, to: t) }, t, nullable: args.allSatisfy(\.nullable))
        })
        for n in ["nvl", "ifnull"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                let t = try common("coalesce", args, args)
                return F.call("coalesce", args.map { TypeCoercion.cast($0, to: t) }, t, nullable: args.allSatisfy(\.nullable))
            })
        }
        out.append(F.scalar("if", 3...3) { (args) throws(RivuletError) in
            guard let cond = TypeCoercion.implicitCast(args[0], toType: .boolean), args[0].dataType == .boolean || args[0].dataType == .null else {
                throw F.mismatch("if", args, 0, "\"BOOLEAN\"")
            }
            let t = try common("if", [args[1], args[2]], args)
            return .caseWhen([WhenBranch(cond, TypeCoercion.cast(args[1], to: t))], elseValue: TypeCoercion.cast(args[2], to: t))
        })
        out.append(F.scalar("nvl2", 3...3) { (args) throws(RivuletError) in
            let t = try common("nvl2", [args[1], args[2]], args)
            return .caseWhen([WhenBranch(.isNotNull(args[0]), TypeCoercion.cast(args[1], to: t))], elseValue: TypeCoercion.cast(args[2], to: t))
        })
        out.append(F.scalar("nullif", 2...2) { (args) throws(RivuletError) in
            let t = try common("nullif", args, args)
            let eq: Expression = .binary(.equal, TypeCoercion.cast(args[0], to: t), TypeCoercion.cast(args[1], to: t))
            return .caseWhen([WhenBranch(eq, .literal(.null, args[0].dataType))], elseValue: args[0])
        })
        out.append(F.scalar("isnull", 1...1) { args in .isNull(args[0]) })
        out.append(F.scalar("isnotnull", 1...1) { args in .isNotNull(args[0]) })
        out.append(F.scalar("nanvl", 2...2) { (args) throws(RivuletError) in
            let a = try F.coerceAll("nanvl", args, [.numeric, .numeric])
            let t: DataType = a.contains { $0.dataType == .double } || a.contains { $0.dataType.isDecimal } ? .double
                : (a.allSatisfy { $0.dataType == .float } ? .float : .double)
            return F.call("nanvl", a.map { TypeCoercion.cast($0, to: t) }, t)
        })
        out.append(F.scalar("assert_true", 1...2) { (args) throws(RivuletError) in
            let a = [try F.coerce("assert_true", args, 0, .boolean)] + args.dropFirst()
            return F.call("assert_true", a, .null, nullable: true, deterministic: false)
        })
        return out
    }()
}
