import RivuletCore

/// Array, map and struct functions (`size`, `element_at`, `array`, `map`, `array_sort`, ...).
extension BuiltinFunctions {
    static let collection: [FunctionDescriptor] = {
        typealias F = FunctionSupport
        var out: [FunctionDescriptor] = []

        /// The element type of an array argument, or Spark's "requires ARRAY" error.
        @Sendable func element(_ fn: String, _ args: [Expression], _ i: Int) throws(RivuletError) -> (DataType, Bool) {
            switch args[i].dataType {
            case .array(let e, let n): return (e, n)
            case .null: return (.null, true)
            default: throw F.mismatch(fn, args, i, "\"ARRAY\"")
            }
        }
        @Sendable func diffTypes(_ fn: String, _ args: [Expression]) -> RivuletError {
            F.dataTypeMismatch(fn, args, "DATA_DIFF_TYPES",
                "Input to `\(fn)` should all be the same type, but it's [\(args.map { "\"\($0.dataType.sql)\"" }.joined(separator: ", "))].")
        }

        for n in ["size", "cardinality"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                // size(NULL) is NULL (spark.sql.legacy.sizeOfNull is false under ANSI).
                if args[0].dataType == .null { return .literal(.null, .integer) }
                return F.call("size", [try F.coerce(n, args, 0, .arrayOrMap)], .integer)
            })
        }
        out.append(F.scalar("array", 0...Int.max) { (args) throws(RivuletError) in
            guard let t = args.isEmpty ? DataType.null : TypeCoercion.commonType(args.map(\.dataType)) else { throw diffTypes("array", args) }
            return F.call("array", args.map { TypeCoercion.cast($0, to: t) }, .array(t, containsNull: args.contains { $0.nullable }), nullable: false)
        })
        out.append(F.scalar("struct", 0...Int.max) { (args) throws(RivuletError) in
            var fields: [StructField] = []
            for (i, a) in args.enumerated() {
                let name: String
                switch a {
                case .attribute(let r): name = r.name
                case .alias(_, let n, _): name = n
                case .getStructField(_, _, let n): name = n
                default: name = "col\(i + 1)"
                }
                fields.append(StructField(name, a.dataType, nullable: a.nullable))
            }
            return F.call("struct", args.map(\.unaliased), .struct(StructType(fields)), nullable: false)
        })
        out.append(F.scalar("named_struct", 0...Int.max) { (args) throws(RivuletError) in
            guard args.count % 2 == 0 else { throw F.wrongArity("named_struct", args.count, "2n (n > 0)") }
            var fields: [StructField] = []
            var values: [Expression] = []
            for i in stride(from: 0, to: args.count, by: 2) {
                guard case .literal(.string(let name), _) = args[i] else {
                    throw F.dataTypeMismatch("named_struct", args, "CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
                        "Only foldable `STRING` expressions are allowed to appear at odd position, but they are [\"\(args[i].sqlText)\"].")
                }
                fields.append(StructField(name, args[i + 1].dataType, nullable: args[i + 1].nullable))
                values.append(args[i + 1])
            }
            return F.call("struct", values, .struct(StructType(fields)), nullable: false)
        })
        for n in ["map", "create_map"] {
            out.append(F.scalar(n, 0...Int.max) { (args) throws(RivuletError) in
                guard args.count % 2 == 0 else { throw F.wrongArity("map", args.count, "2n (n > 0)") }
                let keys = stride(from: 0, to: args.count, by: 2).map { args[$0] }
                let vals = stride(from: 1, to: args.count, by: 2).map { args[$0] }
                guard let kt = keys.isEmpty ? DataType.null : TypeCoercion.commonType(keys.map(\.dataType)) else { throw diffTypes("map", keys) }
                guard let vt = vals.isEmpty ? DataType.null : TypeCoercion.commonType(vals.map(\.dataType)) else { throw diffTypes("map", vals) }
                var a: [Expression] = []
                for (k, v) in zip(keys, vals) { a.append(TypeCoercion.cast(k, to: kt)); a.append(TypeCoercion.cast(v, to: vt)) }
                return F.call("map", a, .map(kt, vt, valueContainsNull: vals.contains { $0.nullable }), nullable: false)
            })
        }
        out.append(F.scalar("map_from_arrays", 2...2) { (args) throws(RivuletError) in
            let (k, _) = try element("map_from_arrays", args, 0)
            let (v, vn) = try element("map_from_arrays", args, 1)
            return F.call("map_from_arrays", args, .map(k, v, valueContainsNull: vn))
        })
        for n in ["map_keys", "map_values", "map_entries"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                guard case .map(let k, let v, let vn) = args[0].dataType else { throw F.mismatch(n, args, 0, "\"MAP\"") }
                let t: DataType
                switch n {
                case "map_keys": t = .array(k, containsNull: false)
                case "map_values": t = .array(v, containsNull: vn)
                default: t = .array(.struct(StructType([StructField("key", k, nullable: false), StructField("value", v, nullable: vn)])), containsNull: false)
                }
                return F.call(n, args, t)
            })
        }
        out.append(F.scalar("array_contains", 2...2) { (args) throws(RivuletError) in
            let (e, _) = try element("array_contains", args, 0)
            if args.contains(where: { $0.dataType == .null }) {
                throw F.dataTypeMismatch("array_contains", args, "NULL_TYPE", "Null typed values cannot be used as arguments of `array_contains`.")
            }
            guard let t = TypeCoercion.findWiderType(e, args[1].dataType) else {
                throw F.dataTypeMismatch("array_contains", args, "ARRAY_FUNCTION_DIFF_TYPES",
                    "Input to `array_contains` should have been \"ARRAY\" followed by a value with same element type, but it's [\"\(args[0].dataType.sql)\", \"\(args[1].dataType.sql)\"].")
            }
            return F.call("array_contains", [TypeCoercion.cast(args[0], to: .array(t)), TypeCoercion.cast(args[1], to: t)], .boolean)
        })
        for n in ["element_at", "try_element_at"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                switch args[0].dataType {
                case .array(let e, _):
                    return F.call(n, [args[0], try F.coerce(n, args, 1, .integer)], e, nullable: true)
                case .map(let k, let v, _):
                    guard let key = TypeCoercion.implicitCast(args[1], toType: k) else { throw F.mismatch(n, args, 1, "\"\(k.sql)\"") }
                    return F.call(n, [args[0], key], v, nullable: true)
                default:
                    throw F.mismatch(n, args, 0, "(\"ARRAY\" or \"MAP\")")
                }
            })
        }
        out.append(F.scalar("array_distinct", 1...1) { (args) throws(RivuletError) in
            _ = try element("array_distinct", args, 0); return F.call("array_distinct", args, args[0].dataType)
        })
        out.append(F.scalar("array_sort", 1...1) { (args) throws(RivuletError) in
            let (e, _) = try element("array_sort", args, 0)
            guard e.isOrderable else { throw F.mismatch("array_sort", args, 0, "\"ARRAY<ORDERABLE>\"") }
            return F.call("array_sort", args, args[0].dataType)
        })
        out.append(F.scalar("sort_array", 1...2) { (args) throws(RivuletError) in
            let (e, _) = try element("sort_array", args, 0)
            guard e.isOrderable else { throw F.mismatch("sort_array", args, 0, "\"ARRAY<ORDERABLE>\"") }
            var a = args
            if a.count == 1 { a.append(.literal(.boolean(true), .boolean)) }
            guard a[1].dataType == .boolean, case .literal = a[1] else { throw F.mismatch("sort_array", a, 1, "\"BOOLEAN\"") }
            return F.call("sort_array", a, args[0].dataType)
        })
        out.append(F.scalar("array_join", 2...3) { (args) throws(RivuletError) in
            _ = try element("array_join", args, 0)
            var a = [TypeCoercion.cast(args[0], to: .array(.string))]
            a.append(try F.coerce("array_join", args, 1, .string))
            if args.count == 3 { a.append(try F.coerce("array_join", args, 2, .string)) }
            return F.call("array_join", a, .string)
        })
        for n in ["array_max", "array_min"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                let (e, _) = try element(n, args, 0)
                return F.call(n, args, e, nullable: true)
            })
        }
        out.append(F.scalar("array_position", 2...2) { (args) throws(RivuletError) in
            let (e, _) = try element("array_position", args, 0)
            guard let t = TypeCoercion.findWiderType(e, args[1].dataType) else { throw F.mismatch("array_position", args, 1, "\"\(e.sql)\"") }
            return F.call("array_position", [TypeCoercion.cast(args[0], to: .array(t)), TypeCoercion.cast(args[1], to: t)], .long)
        })
        out.append(F.scalar("array_remove", 2...2) { (args) throws(RivuletError) in
            let (e, _) = try element("array_remove", args, 0)
            guard let t = TypeCoercion.findWiderType(e, args[1].dataType) else { throw F.mismatch("array_remove", args, 1, "\"\(e.sql)\"") }
            let arr = TypeCoercion.cast(args[0], to: .array(t))
            return F.call("array_remove", [arr, TypeCoercion.cast(args[1], to: t)], arr.dataType)
        })
        out.append(F.scalar("flatten", 1...1) { (args) throws(RivuletError) in
            guard case .array(.array(let e, let inner), _) = args[0].dataType else { throw F.mismatch("flatten", args, 0, "\"ARRAY<ARRAY>\"") }
            return F.call("flatten", args, .array(e, containsNull: inner))
        })
        out.append(F.scalar("sequence", 2...3) { (args) throws(RivuletError) in
            guard let t = TypeCoercion.findWiderType(args[0].dataType, args[1].dataType), t.isIntegral || t == .date || t == .timestamp else {
                throw F.mismatch("sequence", args, 0, "(\"INTEGRAL\" or \"DATE\" or \"TIMESTAMP\")")
            }
            var a = [TypeCoercion.cast(args[0], to: t), TypeCoercion.cast(args[1], to: t)]
            if args.count == 3 {
                guard t.isIntegral, let s = TypeCoercion.implicitCast(args[2], toType: t) else {
                    throw F.mismatch("sequence", args, 2, "\"\(t.sql)\"")
                }
                a.append(s)
            }
            return F.call("sequence", a, .array(t, containsNull: false))
        })
        out.append(F.scalar("slice", 3...3) { (args) throws(RivuletError) in
            _ = try element("slice", args, 0)
            let a = [args[0], try F.coerce("slice", args, 1, .integer), try F.coerce("slice", args, 2, .integer)]
            return F.call("slice", a, args[0].dataType)
        })
        out.append(F.scalar("array_union", 2...2) { (args) throws(RivuletError) in
            guard let t = TypeCoercion.findWiderType(args[0].dataType, args[1].dataType), case .array = t else { throw diffTypes("array_union", args) }
            return F.call("array_union", args.map { TypeCoercion.cast($0, to: t) }, t)
        })
        out.append(F.scalar("arrays_overlap", 2...2) { (args) throws(RivuletError) in
            guard let t = TypeCoercion.findWiderType(args[0].dataType, args[1].dataType), case .array = t else { throw diffTypes("arrays_overlap", args) }
            return F.call("arrays_overlap", args.map { TypeCoercion.cast($0, to: t) }, .boolean, nullable: true)
        })
        out.append(F.scalar("array_repeat", 2...2) { (args) throws(RivuletError) in
            let count = try F.coerce("array_repeat", args, 1, .integer)
            return F.call("array_repeat", [args[0], count], .array(args[0].dataType, containsNull: args[0].nullable), nullable: count.nullable)
        })
        out.append(F.scalar("arrays_zip", 0...Int.max) { (args) throws(RivuletError) in
            var fields: [StructField] = []
            for (i, a) in args.enumerated() {
                let (e, _) = try element("arrays_zip", args, i)
                let name: String
                switch a {
                case .attribute(let r): name = r.name
                case .getStructField(_, _, let n): name = n
                default: name = "\(i)"
                }
                fields.append(StructField(name, e, nullable: true))
            }
            return F.call("arrays_zip", args, .array(.struct(StructType(fields)), containsNull: false))
        })
        out.append(F.scalar("map_concat", 0...Int.max) { (args) throws(RivuletError) in
            for (i, a) in args.enumerated() {
                guard case .map = a.dataType else { throw F.mismatch("map_concat", args, i, "\"MAP\"") }
            }
            guard let t = args.isEmpty ? DataType.map(.string, .string) : TypeCoercion.commonType(args.map(\.dataType)) else {
                throw diffTypes("map_concat", args)
            }
            return F.call("map_concat", args.map { TypeCoercion.cast($0, to: t) }, t)
        })
        out.append(F.scalar("map_contains_key", 2...2) { (args) throws(RivuletError) in
            guard case .map(let k, _, _) = args[0].dataType else { throw F.mismatch("map_contains_key", args, 0, "\"MAP\"") }
            guard let key = TypeCoercion.implicitCast(args[1], toType: k) else { throw F.mismatch("map_contains_key", args, 1, "\"\(k.sql)\"") }
            return F.call("map_contains_key", [args[0], key], .boolean)
        })
        out.append(F.scalar("str_to_map", 1...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("str_to_map", args, [.string, .string, .string])
            if a.count < 2 { a.append(.literal(.string(","), .string)) }
            if a.count < 3 { a.append(.literal(.string(":"), .string)) }
            return F.call("str_to_map", a, .map(.string, .string, valueContainsNull: true))
        })
        return out
    }()
}
