import RivuletCore

/// Function calls: registry lookup, `*` arguments, arity, nested aggregates, descriptor resolution.
extension Analyzer {
    func resolveFunction(
        name: String, arguments: [Expression], isDistinct: Bool, position: SourcePosition?, scopes: [[AttributeReference]]
    ) throws(RivuletError) -> ResolvedExpr {
        let lower = name.lowercased()
        guard let d = functions.lookup(lower) else {
            let close = NameSuggestions.close(lower, functions.names, maxDistance: 2).prefix(5)
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"
            throw .analysis("function '\(name)' does not exist\(hint)", errorClass: "UNRESOLVED_ROUTINE", position: position)
        }
        var args: [Expression] = []
        for a in arguments {
            switch a {
            case .star:
                // Spark rewrites count(*) to count(1).
                guard lower == "count" else {
                    throw .analysis("Invalid usage of '*' in expression '\(lower)'", errorClass: "INVALID_USAGE_OF_STAR_OR_REGEX", position: position)
                }
                args.append(.literal(.int(1), .integer))
            case .unresolvedStar:
                if lower == "count", case .unresolvedStar(nil) = a, arguments.count == 1 {
                    args.append(.literal(.int(1), .integer))
                } else {
                    args.append(contentsOf: try expandStars([a], input: scopes.first ?? []))
                }
            default:
                args.append(a)
            }
        }
        guard d.arity.contains(args.count) else {
            let lo = d.arity.lowerBound, hi = d.arity.upperBound
            let expected = lo == hi ? "\(lo)" : (hi >= 1_000_000 ? "at least \(lo)" : "[\(lo), \(hi)]")
            throw .analysis("The `\(lower)` requires \(expected) parameters but the actual number is \(args.count).",
                            errorClass: "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", position: position)
        }
        var rs: [Expression] = [], ns: [Expression] = []
        for a in args {
            let r = try resolveExpr(a, scopes: scopes)
            rs.append(r.expr); ns.append(r.naming)
        }
        if d.kind == .aggregate, rs.contains(where: \.containsAggregate) {
            throw .analysis("It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.",
                            errorClass: "NESTED_AGGREGATE_FUNCTION", position: position)
        }
        if rs.contains(where: \.containsGenerator) {
            let call = Expression.callSQL(lower, ns.map(\.sql), distinct: isDistinct)
            throw .analysis("The generator is not supported: nested in expressions \"\(call)\"",
                            errorClass: "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", position: position)
        }
        let result: Expression
        do {
            result = try d.resolve(rs, isDistinct)
        } catch {
            var err = error
            if err.position == nil { err.position = position }
            throw err
        }
        let naming: Expression
        switch result {
        case .scalarFunction(let f):
            let extra = f.arguments.count > ns.count ? Array(f.arguments[ns.count...]) : []
            naming = .scalarFunction(ScalarFunctionCall(name: lower, arguments: ns + extra, dataType: f.dataType))
        case .aggregateFunction(let f):
            naming = .aggregateFunction(AggregateCall(name: lower, arguments: ns, isDistinct: f.isDistinct, dataType: f.dataType))
        case .generator(let g):
            naming = .generator(GeneratorCall(name: lower, arguments: ns, outer: g.outer, elementSchema: g.elementSchema))
        case .isNull where ns.count == 1 && lower == "isnull":
            // Spark names isnull(x) / isnotnull(x) after the predicate they build: `(x IS NULL)`.
            naming = .isNull(ns[0])
        case .isNotNull where ns.count == 1 && lower == "isnotnull":
            naming = .isNotNull(ns[0])
        default:
            naming = .scalarFunction(ScalarFunctionCall(name: lower, arguments: ns, dataType: result.dataType))
        }
        return ResolvedExpr(expr: result, naming: naming)
    }
}
