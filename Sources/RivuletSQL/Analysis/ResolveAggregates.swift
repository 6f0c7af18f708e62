import RivuletCore

/// Select lists, GROUP BY (ordinals and select aliases), global aggregates and HAVING.
extension Analyzer {
    /// A select list: stars expanded, items resolved and named; aggregates turn it into a global
    /// `Aggregate`, generators into `Generate` nodes.
    func resolveProject(_ list: [Expression], _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let input = child.output
        var items: [Expression] = []
        for e in try expandStars(list, input: input) { items.append(try resolveNamed(e, scopes: [input])) }
        if items.contains(where: \.containsGenerator) { return try buildGenerate(items, child) }
        if items.contains(where: \.containsAggregate) { return .aggregate(groupings: [], aggregates: items, child) }
        return .project(items, child)
    }

    func resolveAggregate(groupings: [Expression], aggregates: [Expression], _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let input = child.output
        var aggs: [Expression] = []
        for e in try expandStars(aggregates, input: input) { aggs.append(try resolveNamed(e, scopes: [input])) }
        if let g = aggs.first(where: \.containsGenerator) {
            throw .analysis("The generator is not supported: outside the SELECT clause, found: Aggregate \(g.unaliased.sql)",
                            errorClass: "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT")
        }
        var groups: [Expression] = []
        // GROUP BY ALL (when no column is named `all`): every select item without an aggregate.
        if groupings.count == 1, case .unresolvedAttribute(let n) = groupings[0], n.parts.count == 1,
           n.parts[0].lowercased() == "all", !input.contains(where: { same($0.name, "all") }) {
            return .aggregate(groupings: aggs.filter { !$0.containsAggregate }.map(\.unaliased), aggregates: aggs, child)
        }
        for g in groupings {
            // GROUP BY 1 (spark.sql.groupByOrdinal).
            if case .literal(let v, let t) = g, t.isIntegral, let n = v.int64Value {
                guard n >= 1, n <= Int64(aggs.count) else {
                    throw .analysis("GROUP BY position \(n) is not in select list (valid range is [1, \(aggs.count)]).",
                                    errorClass: "GROUP_BY_POS_OUT_OF_RANGE")
                }
                let item = aggs[Int(n) - 1]
                if item.containsAggregate {
                    throw .analysis("GROUP BY \(n) refers to an expression \(item.unaliased.sql) that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.",
                                    errorClass: "GROUP_BY_POS_AGGREGATE")
                }
                groups.append(item.unaliased)
                continue
            }
            do {
                groups.append(try resolveExpr(g, scopes: [input]).expr)
            } catch {
                // GROUP BY a select alias when no column has that name (spark.sql.groupByAliases).
                guard error.errorClass?.hasPrefix("UNRESOLVED_COLUMN") == true, case .unresolvedAttribute(let n) = g, n.parts.count == 1,
                      let item = aggs.first(where: { if case .alias(_, let name, _) = $0 { return same(name, n.parts[0]) } else { return false } })
                else { throw error }
                if item.containsAggregate {
                    throw .analysis("Aggregate functions are not allowed in GROUP BY, but found \(item.unaliased.sql).", errorClass: "GROUP_BY_AGGREGATE")
                }
                groups.append(item.unaliased)
            }
        }
        if let bad = groups.first(where: \.containsAggregate) {
            throw .analysis("Aggregate functions are not allowed in GROUP BY, but found \(bad.sql).", errorClass: "GROUP_BY_AGGREGATE")
        }
        return .aggregate(groupings: groups, aggregates: aggs, child)
    }

    /// `HAVING cond` → `Filter` over the aggregate (plus hidden aggregates, projected away).
    func resolveHaving(_ cond: Expression, _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        var agg = child
        if case .project(let items, let c) = child {
            // HAVING without GROUP BY makes the select a global aggregate.
            agg = .aggregate(groupings: [], aggregates: items, c)
        }
        guard case .aggregate = agg else {
            throw .analysis("HAVING requires an aggregate query", errorClass: "MISSING_GROUP_BY")
        }
        return try resolveOverAggregate([cond], agg, original: [cond]) { exprs, plan throws(RivuletError) in
            try checkCondition(exprs[0], original: cond)
            return .filter(exprs[0], plan)
        }
    }

    /// Resolves `exprs` (a HAVING/filter condition or sort orders) over an aggregate, possibly
    /// below a chain of filters: names come from the aggregate's output first, then from its
    /// input; aggregate functions and grouping expressions missing from the output are added as
    /// hidden aggregate columns, and a Project restores the original output.
    func resolveOverAggregate(
        _ exprs: [Expression], _ plan: LogicalPlan, original: [Expression],
        build: ([Expression], LogicalPlan) throws(RivuletError) -> LogicalPlan
    ) throws(RivuletError) -> LogicalPlan {
        // Peel filters (HAVING) between the operator and the aggregate.
        var filters: [Expression] = []
        var node = plan
        while case .filter(let c, let inner) = node { filters.append(c); node = inner }
        guard case .aggregate(let groups, let aggs, let aggChild) = node else { return try build(exprs, plan) }
        let outAttrs = plan.output
        var resolved: [Expression] = []
        for e in exprs { resolved.append(try resolveExpr(e, scopes: [outAttrs, aggChild.output]).expr) }
        var hidden: [Expression] = []
        var rewritten: [Expression] = []
        for e in resolved {
            rewritten.append(try pullIntoAggregate(e, groups: groups, aggs: aggs, outIds: Set(node.output.map(\.exprId)), hidden: &hidden))
        }
        var rebuilt: LogicalPlan = .aggregate(groupings: groups, aggregates: aggs + hidden, aggChild)
        for c in filters.reversed() { rebuilt = .filter(c, rebuilt) }
        let result = try build(rewritten, rebuilt)
        return hidden.isEmpty ? result : .project(outAttrs.map { .attribute($0) }, result)
    }

    /// Rewrites `e` to read only the aggregate's output: aggregate calls and grouping expressions
    /// become references to existing or new (`hidden`) output columns.
    private func pullIntoAggregate(
        _ e: Expression, groups: [Expression], aggs: [Expression], outIds: Set<ExprId>, hidden: inout [Expression]
    ) throws(RivuletError) -> Expression {
        if case .attribute(let a) = e, outIds.contains(a.exprId) { return e }
        let isGroup = !e.isFoldable && groups.contains { $0.semanticEquals(e) }
        if case .aggregateFunction = e {} else if !isGroup {
            if case .attribute(let a) = e {
                throw .analysis("The non-aggregating expression \"\(a.name)\" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use \"any_value(\(a.name))\" if you do not care which of the values within a group is returned.",
                                errorClass: "MISSING_AGGREGATION")
            }
            let kids = e.children
            if kids.isEmpty { return e }
            var out: [Expression] = []
            for c in kids { out.append(try pullIntoAggregate(c, groups: groups, aggs: aggs, outIds: outIds, hidden: &hidden)) }
            return e.withNewChildren(out)
        }
        if let existing = (aggs + hidden).first(where: { $0.unaliased.semanticEquals(e) }), let attr = existing.toAttribute {
            return .attribute(attr)
        }
        let alias = Expression.alias(e, name: e.sql, exprId: .next())
        hidden.append(alias)
        guard let attr = alias.toAttribute else { return e }
        return .attribute(attr)
    }
}
