import RivuletCore

/// JSON functions (`from_json`, `to_json`, `get_json_object`, `schema_of_json`), resolved as Spark 4
/// does. Kernels live in `RivuletExecution/Kernels/JSONKernels.swift`.
extension BuiltinFunctions {
    static let json: [FunctionDescriptor] = [
        // from_json(jsonStr, schema [, options]): schema is a DDL string literal.
        jsonScalar("from_json", 2...3) { (args) throws(RivuletError) in
            let s = try JSONFunctionSupport.stringArgument("from_json", args, 0)
            let type = try JSONFunctionSupport.schemaArgument("from_json", args[1])
            var a = [s, .literal(.string(type.simpleString), .string)]
            if args.count == 3 { a.append(try JSONFunctionSupport.optionsArgument("from_json", args[2])) }
            return .scalarFunction(ScalarFunctionCall(name: "from_json", arguments: a, dataType: type, nullable: true))
        },
        // to_json(struct|array|map [, options])
        jsonScalar("to_json", 1...2) { (args) throws(RivuletError) in
            switch args[0].dataType {
            case .struct, .array, .map: break
            default:
                throw JSONFunctionSupport.mismatch("to_json", args, "INVALID_JSON_SCHEMA",
                    "Input schema \"\(args[0].dataType.sql)\" must be a struct, an array, a map or a variant.")
            }
            var a = [args[0]]
            if args.count == 2 { a.append(try JSONFunctionSupport.optionsArgument("to_json", args[1])) }
            return .scalarFunction(ScalarFunctionCall(name: "to_json", arguments: a, dataType: .string, nullable: true))
        },
        // get_json_object(json, path)
        jsonScalar("get_json_object", 2...2) { (args) throws(RivuletError) in
            let a = [try JSONFunctionSupport.stringArgument("get_json_object", args, 0),
                     try JSONFunctionSupport.stringArgument("get_json_object", args, 1)]
            return .scalarFunction(ScalarFunctionCall(name: "get_json_object", arguments: a, dataType: .string, nullable: true))
        },
        // schema_of_json(json literal [, options]) -> DDL of the inferred type
        jsonScalar("schema_of_json", 1...2) { (args) throws(RivuletError) in
            guard case .literal(.string, _) = args[0] else {
                throw JSONFunctionSupport.mismatch("schema_of_json", args, "NON_FOLDABLE_INPUT",
                    "the input json should be a foldable \"STRING\" expression; however, got \(JSONFunctionSupport.text(args[0])).")
            }
            return .scalarFunction(ScalarFunctionCall(name: "schema_of_json", arguments: [args[0]], dataType: .string, nullable: false))
        },
        jsonScalar("json_array_length", 1...1) { (args) throws(RivuletError) in
            let a = [try JSONFunctionSupport.stringArgument("json_array_length", args, 0)]
            return .scalarFunction(ScalarFunctionCall(name: "json_array_length", arguments: a, dataType: .integer, nullable: true))
        },
        jsonScalar("json_object_keys", 1...1) { (args) throws(RivuletError) in
            let a = [try JSONFunctionSupport.stringArgument("json_object_keys", args, 0)]
            return .scalarFunction(ScalarFunctionCall(name: "json_object_keys", arguments: a, dataType: .array(.string, containsNull: false), nullable: true))
        },
        // json_tuple(json, 'k1', 'k2', ...): a generator of one row with string columns c0, c1, ...,
        // run as inline(array(json_tuple_row(json, keys...))).
        FunctionDescriptor(name: "json_tuple", kind: .generator, arity: 2...Int.max) { (args, _) throws(RivuletError) in
            var a: [Expression] = []
            for i in args.indices { a.append(try JSONFunctionSupport.stringArgument("json_tuple", args, i)) }
            let fields = (0..<(args.count - 1)).map { StructField("c\($0)", .string, nullable: true) }
            let st = DataType.struct(StructType(fields))
            let row = Expression.scalarFunction(ScalarFunctionCall(name: "json_tuple_row", arguments: a, dataType: st, nullable: false))
            let arr = Expression.scalarFunction(ScalarFunctionCall(name: "array", arguments: [row], dataType: .array(st, containsNull: false), nullable: false))
            return .generator(GeneratorCall(name: "inline", arguments: [arr], outer: false, elementSchema: fields))
        },
    ]

    private static func jsonScalar(
        _ name: String, _ arity: ClosedRange<Int>,
        _ resolve: @escaping @Sendable ([Expression]) throws(RivuletError) -> Expression
    ) -> FunctionDescriptor {
        FunctionDescriptor(name: name, kind: .scalar, arity: arity) { (args, _) throws(RivuletError) in
            guard arity.contains(args.count) else {
                let expected = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "[\(arity.lowerBound), \(arity.upperBound)]"
                throw RivuletError.analysis(
                    "The `\(name)` requires \(expected) parameters but the actual number is \(args.count).",
                    errorClass: "WRONG_NUM_ARGS.WITHOUT_SUGGESTION")
            }
            return try resolve(args)
        }
    }
}

/// Argument checks shared by the JSON function resolvers.
enum JSONFunctionSupport {
    static func text(_ e: Expression) -> String {
        if case .literal(let v, let t) = e { return t == .string ? "\"\(v.sparkString())\"" : v.sparkString() }
        if case .attribute(let a) = e { return "\"\(a.name)\"" }
        return "\"\(e)\""
    }

    static func mismatch(_ fn: String, _ args: [Expression], _ sub: String, _ detail: String) -> RivuletError {
        .analysis("Cannot resolve \"\(fn)(\(args.map(text).joined(separator: ", ")))\" due to data type mismatch: \(detail)",
                  errorClass: "DATATYPE_MISMATCH.\(sub)")
    }

    /// Argument `i` as a string (null literals and strings pass; other atomic types are cast, as
    /// Spark's implicit casts do; complex types are an error).
    static func stringArgument(_ fn: String, _ args: [Expression], _ i: Int) throws(RivuletError) -> Expression {
        let e = args[i]
        switch e.dataType {
        case .string: return e
        case .null: return .literal(.null, .string)
        case let t where t.isAtomic && t != .binary: return .cast(e, .string)
        default:
            let ordinal = ["first", "second", "third"][min(i, 2)]
            throw mismatch(fn, args, "UNEXPECTED_INPUT_TYPE",
                "The \(ordinal) parameter requires the \"STRING\" type, however \(text(e)) has the type \"\(e.dataType.sql)\".")
        }
    }

    /// The schema literal of `from_json`: a DDL field list (`a INT, b STRING`) or a type string
    /// (`array<int>`, `map<string,int>`, `struct<a:int>`).
    static func schemaArgument(_ fn: String, _ e: Expression) throws(RivuletError) -> DataType {
        guard case .literal(.string(let ddl), _) = e else {
            throw RivuletError.analysis("The schema should be a DDL-formatted string literal, but got \(text(e)).", errorClass: "INVALID_SCHEMA.NON_STRING_LITERAL")
        }
        if let t = try? DataType.fromDDL(ddl) {
            switch t {
            case .struct, .array, .map: return t
            default: break
            }
        }
        do {
            return .struct(try StructType.fromDDL(ddl))
        } catch {
            // Spark reports the DDL parser's own error here.
            throw RivuletError(.sql, "Syntax error in the schema \"\(ddl)\": \(error.message)", errorClass: "PARSE_SYNTAX_ERROR")
        }
    }

    /// The options argument: a literal map (possibly from `map('k', 'v')` folded) of strings.
    static func optionsArgument(_ fn: String, _ e: Expression) throws(RivuletError) -> Expression {
        if case .literal(.map, .map(.string, .string, _)) = e { return e }
        if case .scalarFunction(let c) = e, c.name == "map", case .map(.string, .string, _) = c.dataType,
           c.arguments.allSatisfy({ if case .literal(.string, _) = $0 { return true }; return false }) {
            var entries: [MapEntry] = []
            var i = 0
            while i + 1 < c.arguments.count {
                if case .literal(let k, _) = c.arguments[i], case .literal(let v, _) = c.arguments[i + 1] { entries.append(MapEntry(k, v)) }
                i += 2
            }
            return .literal(.map(entries), .map(.string, .string))
        }
        throw RivuletError.analysis("Must use the `map()` function for options.", errorClass: "INVALID_OPTIONS.NON_MAP_FUNCTION")
    }
}
