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
        return out
    }()
}
