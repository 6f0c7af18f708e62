import RivuletCore
@testable import RivuletSQL

/// A tiny catalog of named plans for analyzer tests.
struct TestCatalog: Catalog {
    var tables: [String: LogicalPlan]
    func lookupRelation(_ name: [String]) -> LogicalPlan? { name.last.flatMap { tables[$0.lowercased()] } }
    var relationNames: [String] { tables.keys.sorted() }
}

/// A minimal in-memory scan source.
struct TestSource: ScanSource {
    var schema: StructType
    var formatName: String { "text" }
    var explainDetail: String { "" }
    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] { [] }
}

enum TestFunctions {
    static func check(_ name: String, _ e: Expression, _ allowed: (DataType) -> Bool, _ expected: String) throws(RivuletError) {
        if !allowed(e.dataType) {
            throw .analysis("Cannot resolve \"\(name)(\(e.sql))\" due to data type mismatch: The first parameter requires the \"\(expected)\" type, however \"\(e.sql)\" has the type \"\(e.dataType.sql)\".",
                            errorClass: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
        }
    }

    static let registry = FunctionRegistry([
        FunctionDescriptor(name: "upper", kind: .scalar, arity: 1...1) { args, _ throws(RivuletError) in
            let a = args[0].dataType == .string ? args[0] : TypeCoercion.cast(args[0], to: .string)
            return .scalarFunction(ScalarFunctionCall(name: "upper", arguments: [a], dataType: .string))
        },
        FunctionDescriptor(name: "split", kind: .scalar, arity: 2...3) { args, _ throws(RivuletError) in
            var a = args
            if a.count == 2 { a.append(.literal(.int(-1), .integer)) }
            return .scalarFunction(ScalarFunctionCall(name: "split", arguments: a, dataType: .array(.string)))
        },
        FunctionDescriptor(name: "rand", kind: .scalar, arity: 0...0) { _, _ throws(RivuletError) in
            .scalarFunction(ScalarFunctionCall(name: "rand", arguments: [], dataType: .double, deterministic: false))
        },
        FunctionDescriptor(name: "count", kind: .aggregate, arity: 1...Int.max) { args, d throws(RivuletError) in
            .aggregateFunction(AggregateCall(name: "count", arguments: args, isDistinct: d, dataType: .long, nullable: false))
        },
        FunctionDescriptor(name: "sum", kind: .aggregate, arity: 1...1) { args, d throws(RivuletError) in
            try check("sum", args[0], { $0.isNumeric || $0 == .string }, "NUMERIC")
            let t: DataType = args[0].dataType.isIntegral ? .long : .double
            return .aggregateFunction(AggregateCall(name: "sum", arguments: [TypeCoercion.cast(args[0], to: t)], isDistinct: d, dataType: t))
        },
        FunctionDescriptor(name: "max", kind: .aggregate, arity: 1...1) { args, d throws(RivuletError) in
            .aggregateFunction(AggregateCall(name: "max", arguments: args, isDistinct: d, dataType: args[0].dataType))
        },
        FunctionDescriptor(name: "explode", kind: .generator, arity: 1...1) { args, _ throws(RivuletError) in
            switch args[0].dataType {
            case .array(let t, _):
                return .generator(GeneratorCall(name: "explode", arguments: args, outer: false, elementSchema: [StructField("col", t)]))
            case .map(let k, let v, _):
                return .generator(GeneratorCall(name: "explode", arguments: args, outer: false,
                                                elementSchema: [StructField("key", k, nullable: false), StructField("value", v)]))
            default:
                throw .analysis("explode needs an array or map, got \(args[0].dataType.sql)", errorClass: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
            }
        },
    ])
}

/// Shared fixtures: `t(a int, b string, v double, l bigint, arr array<int>, m map<string,int>,
/// data struct<user:struct<id:int>>, d date)`, `u(id int, name string)`, `w(id bigint, name2 string)`,
/// `words(value string)` as a scan.
enum Fixtures {
    static let tSchema = StructType([
        StructField("a", .integer), StructField("b", .string), StructField("v", .double), StructField("l", .long),
        StructField("arr", .array(.integer)), StructField("m", .map(.string, .integer)),
        StructField("data", .struct(StructType([StructField("user", .struct(StructType([StructField("id", .integer)])))]))),
        StructField("d", .date),
    ])

    static func relation(_ schema: StructType) -> LogicalPlan {
        .localRelation(LocalRelation(output: schema.fields.map { AttributeReference(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) },
                                     batches: []))
    }

    static let t = relation(tSchema)
    static let u = relation(StructType([StructField("id", .integer), StructField("name", .string)]))
    static let w = relation(StructType([StructField("id", .long), StructField("name2", .string)]))
    static let words = LogicalPlan.scan(ScanRelation(source: TestSource(schema: StructType([StructField("value", .string), StructField("n", .integer)]))))

    static let catalog = TestCatalog(tables: ["t": t, "u": u, "w": w, "words": words])
    static let analyzer = Analyzer(catalog: catalog, functions: TestFunctions.registry)

    static func rel(_ n: String) -> LogicalPlan { .unresolvedRelation(UnresolvedName([n])) }
    static func col(_ parts: String...) -> Expression { .unresolvedAttribute(UnresolvedName(parts)) }
    static func fn(_ n: String, _ args: Expression..., distinct: Bool = false) -> Expression {
        .unresolvedFunction(name: n, arguments: args, isDistinct: distinct, position: nil)
    }
    static func int(_ v: Int32) -> Expression { .literal(.int(v), .integer) }
    static func str(_ s: String) -> Expression { .literal(.string(s), .string) }

    static func analysisError(_ body: () throws(RivuletError) -> LogicalPlan) -> RivuletError? {
        do { _ = try body(); return nil } catch { return error }
    }
}
