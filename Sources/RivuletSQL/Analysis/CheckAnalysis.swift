import RivuletCore

/// Final checks on a resolved plan (Spark's CheckAnalysis): everything resolved, aggregates
/// well-formed, conditions boolean, generators only in Generate, every referenced attribute
/// produced by a child.
extension Analyzer {
    func checkAnalysis(_ plan: LogicalPlan) throws(RivuletError) {
        for c in plan.children { try checkAnalysis(c) }
        guard plan.isResolved else {
            throw .internal("plan is not resolved after analysis: \(plan.nodeString)")
        }
        switch plan {
        case .aggregate(let groups, let aggs, _):
            for e in aggs { try checkAggregateExpression(e, groups: groups) }
        case .filter(let cond, _):
            try checkWhere(cond, original: cond)
        case .join(let j):
            if let c = j.condition, c.dataType != .boolean, c.dataType != .null {
                throw .analysis("The join condition \"\(c.sql)\" has the invalid type \"\(c.dataType.sql)\", expected \"BOOLEAN\".",
                                errorClass: "JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE")
            }
        default:
            break
        }
        if case .generate = plan {} else if let g = plan.expressions.first(where: \.containsGenerator) {
            throw .analysis("The generator is not supported: outside the SELECT clause, found: \(g.unaliased.sql)",
                            errorClass: "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT")
        }
        try checkMissingAttributes(plan)
    }

    private func checkAggregateExpression(_ e: Expression, groups: [Expression]) throws(RivuletError) {
        if !e.isFoldable, groups.contains(where: { $0.semanticEquals(e) }) { return }
        switch e {
        case .aggregateFunction(let f):
            if f.arguments.contains(where: \.containsAggregate) {
                throw .analysis("It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.",
                                errorClass: "NESTED_AGGREGATE_FUNCTION")
            }
        case .attribute(let a):
            if groups.isEmpty {
                throw .analysis("The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses; column '\(a.name)' is not aggregated.",
                                errorClass: "MISSING_GROUP_BY")
            }
            throw .analysis("The non-aggregating expression \"\(a.name)\" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use \"any_value(\(a.name))\" if you do not care which of the values within a group is returned.",
                            errorClass: "MISSING_AGGREGATION")
        default:
            for c in e.children { try checkAggregateExpression(c, groups: groups) }
        }
    }

    /// Every attribute an operator reads must come from its children.
    private func checkMissingAttributes(_ plan: LogicalPlan) throws(RivuletError) {
        var available = Set<ExprId>()
        for c in plan.children { available.formUnion(c.output.map(\.exprId)) }
        var refs: [AttributeReference] = []
        switch plan {
        case .generate(let g):
            refs = Expression.generator(g.generator).references + g.requiredChildOutput
        case .project, .filter, .aggregate, .sort, .join, .deduplicate:
            refs = plan.expressions.flatMap(\.references)
        default:
            return
        }
        let missing = refs.filter { !available.contains($0.exprId) }
        guard missing.isEmpty else {
            var seen = Set<ExprId>()
            let names = missing.filter { seen.insert($0.exprId).inserted }.map { Expression.attribute($0).explainString }
            let input = plan.children.flatMap(\.output).map { Expression.attribute($0).explainString }
            throw .analysis("Resolved attribute(s) \(names.map { "\"\($0)\"" }.joined(separator: ", ")) missing from \(input.map { "\"\($0)\"" }.joined(separator: ", ")) in operator \(plan.nodeString)",
                            errorClass: "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_MISSING_FROM_INPUT")
        }
    }
}
