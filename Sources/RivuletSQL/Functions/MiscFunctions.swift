import RivuletCore

/// Hash functions, `try_cast`, `typeof` and other miscellany.
extension BuiltinFunctions {
    static let misc: [FunctionDescriptor] = {
        typealias F = FunctionSupport
        var out: [FunctionDescriptor] = []

        /// Spark prohibits hashing maps (`DATATYPE_MISMATCH.HASH_MAP_TYPE`).
        @Sendable func checkHashable(_ fn: String, _ args: [Expression]) throws(RivuletError) {
            func hasMap(_ t: DataType) -> Bool {
                switch t {
                case .map: return true
                case .array(let e, _): return hasMap(e)
                case .struct(let s): return s.fields.contains { hasMap($0.dataType) }
                default: return false
                }
            }
            if args.contains(where: { hasMap($0.dataType) }) {
                throw F.dataTypeMismatch(fn, args, "HASH_MAP_TYPE",
                    "Input to the function `\(fn)` cannot contain elements of the \"MAP\" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on \"MAP\" elements.")
            }
        }
        out.append(F.scalar("hash", 0...Int.max) { (args) throws(RivuletError) in
            try checkHashable("hash", args)
            return F.call("hash", args, .integer, nullable: false)
        })
        out.append(F.scalar("xxhash64", 0...Int.max) { (args) throws(RivuletError) in
            try checkHashable("xxhash64", args)
            return F.call("xxhash64", args, .long, nullable: false)
        })
        for n in ["md5", "sha1", "sha"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                F.call(n == "sha" ? "sha1" : n, [try F.coerce(n, args, 0, .binary)], .string)
            })
        }
        out.append(F.scalar("sha2", 2...2) { (args) throws(RivuletError) in
            F.call("sha2", try F.coerceAll("sha2", args, [.binary, .integer]), .string, nullable: true)
        })
        out.append(F.scalar("crc32", 1...1) { (args) throws(RivuletError) in
            F.call("crc32", [try F.coerce("crc32", args, 0, .binary)], .long)
        })
        out.append(F.scalar("try_cast", 2...2) { (args) throws(RivuletError) in
            guard case .literal(.string(let typeText), _) = args[1] else {
                throw F.mismatch("try_cast", args, 1, "\"STRING\" literal")
            }
            let target = try DataType.fromDDL(typeText)
            guard TypeCoercion.canAnsiCast(args[0].dataType, target) else {
                throw F.dataTypeMismatch("try_cast", args, "CAST_WITHOUT_SUGGESTION",
                    "cannot cast \"\(args[0].dataType.sql)\" to \"\(target.sql)\".")
            }
            return F.call("try_cast", [args[0]], target, nullable: true)
        })
        out.append(F.scalar("typeof", 1...1) { args in
            // Folded at once, except over an aggregate, which must still be planned as one.
            if args[0].containsAggregate { return F.call("typeof", args, .string, nullable: false) }
            return .literal(.string(args[0].dataType.simpleString), .string)
        })
        out.append(F.scalar("uuid", 0...0) { _ in F.call("uuid", [], .string, nullable: false, deterministic: false) })
        out.append(F.scalar("spark_partition_id", 0...0) { _ in F.call("spark_partition_id", [], .integer, nullable: false, deterministic: false) })
        out.append(F.scalar("monotonically_increasing_id", 0...0) { _ in
            F.call("monotonically_increasing_id", [], .long, nullable: false, deterministic: false)
        })
        return out
    }()
}
