import RivuletCore

/// Generator descriptors (`explode`, `posexplode`, `inline` and their `_outer` forms); the executor
/// runs them. Output columns are Spark's: `col`; `key`, `value`; `pos` first for posexplode.
extension BuiltinFunctions {
    static let generator: [FunctionDescriptor] = {
        typealias F = FunctionSupport
        var out: [FunctionDescriptor] = []
        for base in ["explode", "posexplode", "inline"] {
            for outer in [false, true] {
                let name = outer ? base + "_outer" : base
                out.append(FunctionDescriptor(name: name, kind: .generator, arity: 1...1) { (args, _) throws(RivuletError) in
                    guard args.count == 1 else { throw F.wrongArity(name, args.count, "1") }
                    var fields: [StructField] = []
                    if base == "posexplode" { fields.append(StructField("pos", .integer, nullable: outer)) }
                    switch (base, args[0].dataType) {
                    case ("inline", .array(.struct(let s), let n)):
                        fields = s.fields.map { StructField($0.name, $0.dataType, nullable: outer || n || $0.nullable) }
                    case ("inline", _):
                        throw F.mismatch(name, args, 0, "\"ARRAY<STRUCT>\"")
                    case (_, .array(let e, let n)):
                        fields.append(StructField("col", e, nullable: outer || n))
                    case (_, .map(let k, let v, let n)):
                        fields.append(StructField("key", k, nullable: outer))
                        fields.append(StructField("value", v, nullable: outer || n))
                    case (_, .null):
                        fields.append(StructField("col", .null, nullable: true))
                    default:
                        throw F.mismatch(name, args, 0, "(\"ARRAY\" or \"MAP\")")
                    }
                    return .generator(GeneratorCall(name: base, arguments: args, outer: outer, elementSchema: fields))
                })
            }
        }
        out.append(stack)
        return out
    }()

    /// `stack(n, v1, ..., vk)`: `n` rows of `ceil(k / n)` columns `col0, col1, ...`, filled row by
    /// row (missing trailing values are null); the values of a column must share one type (NULLs
    /// are cast to it).
    static let stack = FunctionDescriptor(name: "stack", kind: .generator, arity: 2...Int.max) { (args, _) throws(RivuletError) in
        typealias F = FunctionSupport
        guard args.count >= 2 else { throw F.wrongArity("stack", args.count, "> 1") }
        guard args[0].dataType == .integer, case .literal(let v, _) = args[0], let n64 = v.int64Value, n64 > 0 else {
            throw F.dataTypeMismatch("stack", args, "NON_FOLDABLE_INPUT",
                                     "the input rows should be a foldable positive \"INT\" expression; however, got \(args[0].sqlText).")
        }
        let values = Array(args.dropFirst())
        let width = (values.count + Int(n64) - 1) / Int(n64)
        var fields: [StructField] = []
        var casted = values
        for c in 0..<width {
            let idx = stride(from: c, to: values.count, by: width).map { $0 }
            let typed = idx.filter { values[$0].dataType != .null }
            let t = typed.first.map { values[$0].dataType } ?? .null
            if let bad = typed.first(where: { !values[$0].dataType.sameType(t) }), let first = typed.first {
                throw F.dataTypeMismatch("stack", args, "STACK_COLUMN_DIFF_TYPES",
                                         "The data type of the column (\(c)) do not have the same type: \"\(t.sql)\" (\(first + 1)) <> \"\(values[bad].dataType.sql)\" (\(bad + 1)).")
            }
            for i in idx { casted[i] = TypeCoercion.cast(values[i], to: t) }
            let missing = idx.count < Int(n64)
            fields.append(StructField("col\(c)", t, nullable: missing || idx.contains { values[$0].nullable }))
        }
        return .generator(GeneratorCall(name: "stack", arguments: [args[0]] + casted, outer: false, elementSchema: fields))
    }
}
