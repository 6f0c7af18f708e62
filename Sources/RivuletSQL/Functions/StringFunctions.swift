import RivuletCore

/// String functions (`split`, `lower`, `substring`, `regexp_replace`, ...), resolved as Spark 4 does.
extension BuiltinFunctions {
    typealias F = FunctionSupport

    static let string: [FunctionDescriptor] = {
        var out: [FunctionDescriptor] = []
        /// `name(string...) -> result` with every argument implicitly cast to STRING.
        func strings(_ name: String, _ arity: ClosedRange<Int>, _ result: DataType, types: [ParameterType]? = nil) -> FunctionDescriptor {
            F.scalar(name, arity) { (args) throws(RivuletError) in
                let t = types ?? [ParameterType](repeating: .string, count: args.count)
                return F.call(name, try F.coerceAll(name, args, t), result)
            }
        }
        out.append(F.scalar("split", 2...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("split", args, [.string, .string, .integer])
            if a.count == 2 { a.append(.literal(.int(-1), .integer)) }
            return F.call("split", a, .array(.string, containsNull: false))
        })
        for n in ["lower", "lcase", "upper", "ucase", "initcap", "ltrim", "rtrim"] {
            let canonical = n == "lcase" ? "lower" : n == "ucase" ? "upper" : n
            out.append(F.scalar(n, 1...2) { (args) throws(RivuletError) in
                if args.count == 2 && (canonical == "ltrim" || canonical == "rtrim") {
                    return F.call(canonical, try F.coerceAll(n, args, [.string, .string]), .string)
                }
                guard args.count == 1 else { throw F.wrongArity(n, args.count, "1") }
                return F.call(canonical, [try F.coerce(n, args, 0, .string)], .string)
            })
        }
        // Function-call form `trim(str)` / `trim(trimStr, str)` (Spark's argument order); the
        // parser maps `trim(BOTH x FROM s)` to `trim(x, s)`, LEADING/TRAILING to ltrim/rtrim.
        out.append(strings("trim", 1...2, .string))
        out.append(strings("btrim", 1...2, .string))
        for n in ["length", "char_length", "character_length", "len"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                if args[0].dataType == .binary { return F.call("length", args, .integer) }
                return F.call("length", [try F.coerce(n, args, 0, .string)], .integer)
            })
        }
        out.append(F.scalar("octet_length", 1...1) { (args) throws(RivuletError) in
            F.call("octet_length", args[0].dataType == .binary ? args : [try F.coerce("octet_length", args, 0, .string)], .integer)
        })
        out.append(F.scalar("concat", 0...Int.max) { (args) throws(RivuletError) in
            if args.isEmpty { return .literal(.string(""), .string) }
            if case .array = args[0].dataType, args.allSatisfy({ if case .array = $0.dataType { return true }; return $0.dataType == .null }) {
                guard let t = TypeCoercion.commonType(args.map(\.dataType)) else {
                    throw F.dataTypeMismatch("concat", args, "DATA_DIFF_TYPES",
                        "Input to `concat` should all be the same type, but it's [\(args.map { "\"\($0.dataType.sql)\"" }.joined(separator: ", "))].")
                }
                return F.call("concat", args.map { TypeCoercion.cast($0, to: t) }, t)
            }
            var a: [Expression] = []
            for i in args.indices { a.append(try F.coerce("concat", args, i, .string)) }
            return F.call("concat", a, .string)
        })
        out.append(F.scalar("concat_ws", 1...Int.max) { (args) throws(RivuletError) in
            var a = [try F.coerce("concat_ws", args, 0, .string)]
            for i in args.indices.dropFirst() {
                if case .array(let e, _) = args[i].dataType {
                    if e == .string { a.append(args[i]); continue }
                    if e.isAtomic { a.append(.cast(args[i], .array(.string))); continue }
                    throw F.mismatch("concat_ws", args, i, "(\"ARRAY<STRING>\" or \"STRING\")")
                }
                guard let c = TypeCoercion.implicitCast(args[i], to: .string) else {
                    throw F.mismatch("concat_ws", args, i, "(\"ARRAY<STRING>\" or \"STRING\")")
                }
                a.append(c)
            }
            return F.call("concat_ws", a, .string, nullable: args[0].nullable)
        })
        for n in ["substring", "substr"] {
            out.append(F.scalar(n, 2...3) { (args) throws(RivuletError) in
                var a = try F.coerceAll(n, args, [.string, .integer, .integer])
                if a.count == 2 { a.append(.literal(.int(Int32.max), .integer)) }
                return F.call("substring", a, .string)
            })
        }
        out.append(F.scalar("left", 2...2) { (args) throws(RivuletError) in
            let a = try F.coerceAll("left", args, [.string, .integer])
            return F.call("left", a, .string)
        })
        out.append(F.scalar("right", 2...2) { (args) throws(RivuletError) in
            let a = try F.coerceAll("right", args, [.string, .integer])
            return F.call("right", a, .string)
        })
        out.append(strings("instr", 2...2, .integer))
        out.append(F.scalar("locate", 2...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("locate", args, [.string, .string, .integer])
            if a.count == 2 { a.append(F.intLiteralOne) }
            return F.call("locate", a, .integer, nullable: a[0].nullable || a[1].nullable)
        })
        out.append(F.scalar("position", 2...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("position", args, [.string, .string, .integer])
            if a.count == 2 { a.append(F.intLiteralOne) }
            return F.call("locate", a, .integer, nullable: a[0].nullable || a[1].nullable)
        })
        out.append(F.scalar("regexp_replace", 3...4) { (args) throws(RivuletError) in
            var a = try F.coerceAll("regexp_replace", args, [.string, .string, .string, .integer])
            if a.count == 3 { a.append(F.intLiteralOne) }
            return F.call("regexp_replace", a, .string)
        })
        out.append(F.scalar("regexp_count", 2...2) { (args) throws(RivuletError) in
            F.call("regexp_count", try F.coerceAll("regexp_count", args, [.string, .string]), .integer)
        })
        for n in ["rlike", "regexp", "regexp_like"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                let a = try F.coerceAll(n, args, [.string, .string])
                return .rlike(a[0], a[1])
            })
        }
        // `a ILIKE b` and ilike(a, b): a case-insensitive LIKE, as lower(a) LIKE lower(b).
        out.append(F.scalar("ilike", 2...2) { (args) throws(RivuletError) in
            let a = try F.coerceAll("ilike", args, [.string, .string])
            return .like(F.call("lower", [a[0]], .string), F.call("lower", [a[1]], .string), escape: "\\")
        })
        out.append(F.scalar("like", 2...2) { (args) throws(RivuletError) in
            let a = try F.coerceAll("like", args, [.string, .string])
            return .like(a[0], a[1], escape: "\\")
        })
        out.append(F.scalar("regexp_extract", 2...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("regexp_extract", args, [.string, .string, .integer])
            if a.count == 2 { a.append(F.intLiteralOne) }
            return F.call("regexp_extract", a, .string)
        })
        out.append(F.scalar("regexp_extract_all", 2...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("regexp_extract_all", args, [.string, .string, .integer])
            if a.count == 2 { a.append(F.intLiteralOne) }
            return F.call("regexp_extract_all", a, .array(.string, containsNull: true))
        })
        for n in ["lpad", "rpad"] {
            out.append(F.scalar(n, 2...3) { (args) throws(RivuletError) in
                var a = try F.coerceAll(n, args, [.string, .integer, .string])
                if a.count == 2 { a.append(.literal(.string(" "), .string)) }
                return F.call(n, a, .string)
            })
        }
        out.append(F.scalar("repeat", 2...2) { (args) throws(RivuletError) in
            F.call("repeat", try F.coerceAll("repeat", args, [.string, .integer]), .string)
        })
        out.append(F.scalar("replace", 2...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("replace", args, [.string, .string, .string])
            if a.count == 2 { a.append(.literal(.string(""), .string)) }
            return F.call("replace", a, .string)
        })
        for n in ["startswith", "endswith", "contains"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                F.call(n, try F.coerceAll(n, args, [.string, .string]), .boolean)
            })
        }
        out.append(strings("ascii", 1...1, .integer))
        out.append(F.scalar("chr", 1...1) { (args) throws(RivuletError) in
            F.call("chr", [try F.coerce("chr", args, 0, .long)], .string)
        })
        out.append(FunctionSupport.alias("char", of: out[out.count - 1]))
        out.append(strings("translate", 3...3, .string))
        out.append(F.scalar("format_string", 1...Int.max) { (args) throws(RivuletError) in
            var a = [try F.coerce("format_string", args, 0, .string)]
            a.append(contentsOf: args.dropFirst())
            return F.call("format_string", a, .string, nullable: args[0].nullable)
        })
        out.append(FunctionSupport.alias("printf", of: out[out.count - 1]))
        out.append(F.scalar("reverse", 1...1) { (args) throws(RivuletError) in
            if case .array = args[0].dataType { return F.call("reverse", args, args[0].dataType) }
            return F.call("reverse", [try F.coerce("reverse", args, 0, .string)], .string)
        })
        return out
    }()
}
