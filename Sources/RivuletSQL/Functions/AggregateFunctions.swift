import RivuletCore

/// Aggregate function descriptors (the executor implements them). Result types and nullability
/// are Spark 4's, checked against pyspark (`scripts/golden/check_functions.py`).
extension BuiltinFunctions {
    static let aggregate: [FunctionDescriptor] = {
        typealias F = FunctionSupport
        var out: [FunctionDescriptor] = []

        func agg(_ name: String, _ arity: ClosedRange<Int>,
                 _ resolve: @escaping @Sendable (_ args: [Expression], _ distinct: Bool) throws(RivuletError) -> Expression) -> FunctionDescriptor {
            FunctionDescriptor(name: name, kind: .aggregate, arity: arity) { (args, distinct) throws(RivuletError) in
                guard arity.contains(args.count) else { throw F.wrongArity(name, args.count, F.arityText(arity)) }
                return try resolve(args, distinct)
            }
        }
        @Sendable func make(_ name: String, _ args: [Expression], _ distinct: Bool, _ type: DataType, nullable: Bool = true, ignoreNulls: Bool = false) -> Expression {
            .aggregateFunction(AggregateCall(name: name, arguments: args, isDistinct: distinct, dataType: type, nullable: nullable, ignoreNulls: ignoreNulls))
        }

        out.append(agg("count", 1...Int.max) { (args, distinct) throws(RivuletError) in
            // count(*) arrives as count(1).
            let a = args.map { e -> Expression in if case .star = e { return .literal(.int(1), .integer) } else { return e } }
            return make("count", a, distinct, .long, nullable: false)
        })
        out.append(agg("count_if", 1...1) { (args, distinct) throws(RivuletError) in
            make("count_if", [try F.coerce("count_if", args, 0, .boolean)], distinct, .long, nullable: false)
        })
        for n in ["sum", "try_sum"] {
            out.append(agg(n, 1...1) { (args, distinct) throws(RivuletError) in
                let x = try F.coerce(n, args, 0, .numeric)
                let t: DataType
                switch x.dataType {
                case .byte, .short, .integer, .long: t = .long
                case .decimal(let p, let s): t = .decimal(precision: min(38, p + 10), scale: s)
                default: t = .double
                }
                return make(n, [x], distinct, t)
            })
        }
        for n in ["avg", "mean", "try_avg"] {
            out.append(agg(n, 1...1) { (args, distinct) throws(RivuletError) in
                let x = try F.coerce(n, args, 0, .numeric)
                let t: DataType
                if case .decimal(let p, let s) = x.dataType { t = .decimal(precision: min(38, p + 4), scale: min(38, s + 4)) } else { t = .double }
                return make(n == "mean" ? "avg" : n, [x], distinct, t)
            })
        }
        for n in ["min", "max"] {
            out.append(agg(n, 1...1) { (args, distinct) throws(RivuletError) in
                guard args[0].dataType.isOrderable else { throw F.mismatch(n, args, 0, "\"ORDERABLE\"") }
                return make(n, args, distinct, args[0].dataType)
            })
        }
        for n in ["first", "last", "first_value", "last_value", "any_value"] {
            let canonical = n.hasPrefix("first") || n == "any_value" ? "first" : "last"
            out.append(agg(n, 1...2) { (args, distinct) throws(RivuletError) in
                var ignore = false
                if args.count == 2 {
                    guard case .literal(.boolean(let b), _) = args[1] else {
                        throw F.mismatch(n, args, 1, "\"BOOLEAN\"")
                    }
                    ignore = b
                }
                return make(canonical, [args[0]], distinct, args[0].dataType, ignoreNulls: ignore)
            })
        }
        for n in ["max_by", "min_by"] {
            out.append(agg(n, 2...2) { (args, distinct) throws(RivuletError) in
                guard args[1].dataType.isOrderable else { throw F.mismatch(n, args, 1, "\"ORDERABLE\"") }
                return make(n, args, distinct, args[0].dataType)
            })
        }
        for n in ["collect_list", "array_agg", "collect_set"] {
            let canonical = n == "array_agg" ? "collect_list" : n
            out.append(agg(n, 1...1) { (args, distinct) throws(RivuletError) in
                if canonical == "collect_set", case .map = args[0].dataType { throw F.mismatch(n, args, 0, "\"NON-MAP\"") }
                return make(canonical, args, distinct, .array(args[0].dataType, containsNull: false), nullable: false)
            })
        }
        out.append(agg("approx_count_distinct", 1...2) { (args, distinct) throws(RivuletError) in
            make("approx_count_distinct", args, distinct, .long, nullable: false)
        })
        for (n, canonical) in [("stddev", "stddev_samp"), ("std", "stddev_samp"), ("stddev_samp", "stddev_samp"), ("stddev_pop", "stddev_pop"),
                               ("variance", "var_samp"), ("var_samp", "var_samp"), ("var_pop", "var_pop"),
                               ("skewness", "skewness"), ("kurtosis", "kurtosis")] {
            out.append(agg(n, 1...1) { (args, distinct) throws(RivuletError) in
                make(canonical, [try F.coerce(n, args, 0, .double)], distinct, .double)
            })
        }
        for (n, canonical) in [("bool_or", "bool_or"), ("any", "bool_or"), ("some", "bool_or"), ("bool_and", "bool_and"), ("every", "bool_and")] {
            out.append(agg(n, 1...1) { (args, distinct) throws(RivuletError) in
                guard args[0].dataType == .boolean || args[0].dataType == .null else { throw F.mismatch(n, args, 0, "\"BOOLEAN\"") }
                return make(canonical, [TypeCoercion.cast(args[0], to: .boolean)], distinct, .boolean)
            })
        }
        return out
    }()
}
