import RivuletCore

/// Math functions (`abs`, `round`, `floor`, `sqrt`, `pmod`, `greatest`, `rand`, ...).
extension BuiltinFunctions {
    static let math: [FunctionDescriptor] = {
        typealias F = FunctionSupport
        var out: [FunctionDescriptor] = []
        // double -> double functions (strings and all numbers are cast to double).
        for n in ["sqrt", "exp", "expm1", "ln", "log10", "log2", "log1p", "cbrt", "sin", "cos", "tan", "asin", "acos", "atan",
                  "sinh", "cosh", "tanh", "degrees", "radians", "signum", "sign", "rint", "cot"] {
            let canonical = n == "sign" ? "signum" : n
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                let a = [try F.coerce(n, args, 0, .double)]
                // ln/log of a non-positive number is null in Spark.
                let nullable = a[0].nullable || ["ln", "log10", "log2", "log1p"].contains(canonical)
                return F.call(canonical, a, .double, nullable: nullable)
            })
        }
        out.append(F.scalar("log", 1...2) { (args) throws(RivuletError) in
            if args.count == 1 { return F.call("ln", [try F.coerce("log", args, 0, .double)], .double, nullable: true) }
            return F.call("log", try F.coerceAll("log", args, [.double, .double]), .double, nullable: true)
        })
        for n in ["pow", "power", "atan2", "hypot"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                F.call(n == "power" ? "pow" : n, try F.coerceAll(n, args, [.double, .double]), .double)
            })
        }
        out.append(F.scalar("abs", 1...1) { (args) throws(RivuletError) in
            let a = try F.coerce("abs", args, 0, .numeric)
            return F.call("abs", [a], a.dataType)
        })
        out.append(F.scalar("negative", 1...1) { (args) throws(RivuletError) in
            let a = try F.coerce("negative", args, 0, .numeric)
            return .unary(.negate, a)
        })
        out.append(F.scalar("positive", 1...1) { (args) throws(RivuletError) in try F.coerce("positive", args, 0, .numeric) })
        for n in ["floor", "ceil", "ceiling"] {
            let canonical = n == "ceiling" ? "ceil" : n
            out.append(F.scalar(n, 1...2) { (args) throws(RivuletError) in
                let x = try F.coerce(n, args, 0, .numeric)
                if args.count == 2 {
                    guard let scale = F.literalInt(args[1]) else {
                        throw F.mismatch(n, args, 1, "\"INT\"")
                    }
                    return F.call(canonical, [x, .literal(.int(Int32(clamping: scale)), .integer)], roundResultType(x.dataType, scale, isFloorCeil: true))
                }
                let t: DataType
                switch x.dataType {
                case .decimal(let p, let s): t = .decimal(precision: min(38, p - s + 1), scale: 0)
                default: t = .long
                }
                return F.call(canonical, [x], t)
            })
        }
        for n in ["round", "bround"] {
            out.append(F.scalar(n, 1...2) { (args) throws(RivuletError) in
                let x = try F.coerce(n, args, 0, .numeric)
                var scale = 0
                if args.count == 2 {
                    guard args[1].dataType.isIntegral || args[1].dataType == .null, let s = F.literalInt(args[1]) else {
                        throw F.mismatch(n, args, 1, "\"INT\"")
                    }
                    scale = s
                }
                return F.call(n, [x, .literal(.int(Int32(clamping: scale)), .integer)], roundResultType(x.dataType, scale, isFloorCeil: false))
            })
        }
        for n in ["mod", "pmod"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                let a = try F.coerceAll(n, args, [.numeric, .numeric])
                guard let t = TypeCoercion.findWiderType(a[0].dataType, a[1].dataType) else {
                    throw F.dataTypeMismatch(n, args, "BINARY_OP_DIFF_TYPES", "the left and right operands of the binary operator have incompatible types (\"\(a[0].dataType.sql)\" and \"\(a[1].dataType.sql)\").")
                }
                var result = t
                var x = a[0], y = a[1]
                if case .decimal = t {
                    // Decimal operands keep their own precision (ints become decimal(10,0)), like Spark's DecimalPrecision.
                    let lt = x.dataType.asDecimal ?? t, rt = y.dataType.asDecimal ?? t
                    x = TypeCoercion.cast(x, to: lt); y = TypeCoercion.cast(y, to: rt)
                    result = Expression.decimalResultType(.remainder, lt, rt)
                } else {
                    x = TypeCoercion.cast(x, to: t); y = TypeCoercion.cast(y, to: t)
                }
                return F.call(n, [x, y], result, nullable: true)
            })
        }
        for n in ["greatest", "least"] {
            out.append(F.scalar(n, 2...Int.max) { (args) throws(RivuletError) in
                var t: DataType = .null
                for a in args {
                    guard let w = TypeCoercion.findWiderType(t, a.dataType) else {
                        throw F.dataTypeMismatch(n, args, "DATA_DIFF_TYPES",
                            "Input to `\(n)` should all be the same type, but it's [\(args.map { "\"\($0.dataType.sql)\"" }.joined(separator: ", "))].")
                    }
                    t = w
                }
                guard t.isOrderable else { throw F.mismatch(n, args, 0, "\"ORDERABLE\"") }
                return F.call(n, args.map { TypeCoercion.cast($0, to: t) }, t, nullable: args.allSatisfy(\.nullable))
            })
        }
        for n in ["rand", "random", "randn"] {
            out.append(F.scalar(n, 0...1) { (args) throws(RivuletError) in
                var a = args
                if a.isEmpty { a = [.literal(.long(Int64.random(in: Int64.min...Int64.max)), .long)] }
                guard a[0].isFoldable, a[0].dataType.isIntegral || a[0].dataType == .null else {
                    throw F.mismatch(n, a, 0, "(\"INT\" or \"BIGINT\")")
                }
                return F.call(n == "randn" ? "randn" : "rand", [TypeCoercion.cast(a[0], to: .long)], .double, nullable: false, deterministic: false)
            })
        }
        out.append(F.scalar("pi", 0...0) { _ in .literal(.double(Double.pi), .double) })
        out.append(F.scalar("e", 0...0) { _ in .literal(.double(M_E_VALUE), .double) })
        // try_add(a, b) is Spark's TryEval(Add(a, b)): the analyzer coerces the operator; the
        // evaluator turns an ANSI error of a row into null.
        let tryOps: [(String, BinaryOperator)] = [("try_add", .add), ("try_subtract", .subtract), ("try_multiply", .multiply),
                                                  ("try_divide", .divide), ("try_mod", .remainder)]
        for (n, op) in tryOps {
            out.append(F.scalar(n, 2...2) { args in
                F.call("try_eval", [.binary(op, args[0], args[1])], .null, nullable: true)
            })
        }
        out.append(F.scalar("bin", 1...1) { (args) throws(RivuletError) in
            F.call("bin", [try F.coerce("bin", args, 0, .long)], .string)
        })
        out.append(F.scalar("hex", 1...1) { (args) throws(RivuletError) in
            let t = args[0].dataType
            if t == .string || t == .binary { return F.call("hex", args, .string) }
            return F.call("hex", [try F.coerce("hex", args, 0, .long)], .string)
        })
        out.append(F.scalar("unhex", 1...1) { (args) throws(RivuletError) in
            F.call("unhex", [try F.coerce("unhex", args, 0, .string)], .binary, nullable: true)
        })
        out.append(F.scalar("conv", 3...3) { (args) throws(RivuletError) in
            F.call("conv", try F.coerceAll("conv", args, [.string, .integer, .integer]), .string, nullable: true)
        })
        out.append(F.scalar("factorial", 1...1) { (args) throws(RivuletError) in
            F.call("factorial", [try F.coerce("factorial", args, 0, .integer)], .long, nullable: true)
        })
        return out
    }()

    static let M_E_VALUE = 2.718281828459045

    /// Result type of `round`/`bround`/`floor(x, d)`/`ceil(x, d)` (Spark's `RoundBase`).
    static func roundResultType(_ t: DataType, _ scale: Int, isFloorCeil: Bool) -> DataType {
        switch t {
        case .decimal(let p, let s):
            let integral = p - s + 1
            if scale < 0 { return .decimal(precision: min(max(integral, -scale + 1), 38), scale: 0) }
            let newScale = min(s, scale)
            return .decimal(precision: min(integral + newScale, 38), scale: newScale)
        case .float, .double:
            if isFloorCeil { return scale <= 0 ? .long : .decimal(precision: 38, scale: min(scale, 38)) }
            return t
        default:
            return t
        }
    }
}
