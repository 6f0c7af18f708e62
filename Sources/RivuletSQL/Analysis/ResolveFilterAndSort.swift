import RivuletCore

/// WHERE / DataFrame filters and ORDER BY, including Spark's "missing references": names that
/// are not in the child's output but exist below its Project (added there, then projected away),
/// select aliases and ordinals in ORDER BY, and aggregates in ORDER BY/filters over an Aggregate.
extension Analyzer {
    func resolveFilter(_ cond: Expression, _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        if case .aggregate = child.strippingFilters {
            return try resolveOverAggregate([cond], child, original: [cond]) { exprs, plan throws(RivuletError) in
                try checkCondition(exprs[0], original: cond)
                return .filter(exprs[0], plan)
            }
        }
        return try resolveWithMissingReferences([cond], child) { exprs, plan throws(RivuletError) in
            try checkWhere(exprs[0], original: cond)
            return .filter(exprs[0], plan)
        }
    }

    func resolveSort(_ orders: [Expression], global: Bool, _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let out = child.output
        var normalized: [Expression] = []
        for o in orders {
            var (e, dir, nulls): (Expression, SortDirection, NullOrdering) = (o, .ascending, .nullsFirst)
            if case .sortOrder(let x, let d, let n) = o { (e, dir, nulls) = (x, d, n) }
            // ORDER BY 2 (spark.sql.orderByOrdinal).
            if case .literal(let v, let t) = e, t.isIntegral, let k = v.int64Value {
                guard k >= 1, k <= Int64(out.count) else {
                    throw .analysis("ORDER BY position \(k) is not in select list (valid range is [1, \(out.count)]).",
                                    errorClass: "ORDER_BY_POS_OUT_OF_RANGE")
                }
                e = .attribute(out[Int(k) - 1])
            }
            normalized.append(.sortOrder(e, dir, nulls))
        }
        if case .aggregate = child.strippingFilters {
            return try resolveOverAggregate(normalized, child, original: orders) { exprs, plan in .sort(exprs, global: global, plan) }
        }
        return try resolveWithMissingReferences(normalized, child) { exprs, plan throws(RivuletError) in
            for e in exprs where e.containsAggregate || e.containsGenerator {
                throw .analysis("Aggregate functions and generators are not allowed in ORDER BY of a non-aggregate query: \(e.unaliased.sql)",
                                errorClass: "MISSING_GROUP_BY")
            }
            return .sort(exprs, global: global, plan)
        }
    }

    /// Resolves `exprs` against `child`; when `child` is a Project, names may also come from the
    /// Project's input: those columns are added to the Project and projected away on top.
    func resolveWithMissingReferences(
        _ exprs: [Expression], _ child: LogicalPlan,
        build: ([Expression], LogicalPlan) throws(RivuletError) -> LogicalPlan
    ) throws(RivuletError) -> LogicalPlan {
        let out = child.output
        guard case .project(let list, let grand) = child else {
            var resolved: [Expression] = []
            for e in exprs { resolved.append(try resolveExpr(e, scopes: [out]).expr) }
            return try build(resolved, child)
        }
        var resolved: [Expression] = []
        for e in exprs {
            do {
                resolved.append(try resolveExpr(e, scopes: [out]).expr)
            } catch {
                guard error.errorClass?.hasPrefix("UNRESOLVED_COLUMN") == true,
                      let r = try? resolveExpr(e, scopes: [out, grand.output]).expr else { throw error }
                resolved.append(r)
            }
        }
        let outIds = Set(out.map(\.exprId))
        var missing: [AttributeReference] = []
        var seen = Set<ExprId>()
        for e in resolved {
            for a in e.references where !outIds.contains(a.exprId) && seen.insert(a.exprId).inserted { missing.append(a) }
        }
        if missing.isEmpty { return try build(resolved, child) }
        let widened = LogicalPlan.project(list + missing.map { .attribute($0) }, grand)
        return .project(out.map { .attribute($0) }, try build(resolved, widened))
    }

    /// A WHERE condition: boolean, no aggregates, no generators.
    func checkWhere(_ cond: Expression, original: Expression) throws(RivuletError) {
        if cond.containsAggregate {
            let aggs = cond.collect { e -> String? in if case .aggregateFunction = e { return e.sql } else { return nil } }
            throw .analysis("The WHERE condition \"\(original.sql)\" contains invalid expressions: \(aggs.joined(separator: ", ")).",
                            errorClass: "INVALID_WHERE_CONDITION", position: original.firstPosition)
        }
        try checkCondition(cond, original: original)
    }

    /// A boolean condition without generators.
    func checkCondition(_ cond: Expression, original: Expression) throws(RivuletError) {
        if cond.containsGenerator {
            throw .analysis("The generator is not supported: outside the SELECT clause, found: Filter \(original.sql)",
                            errorClass: "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", position: original.firstPosition)
        }
        let t = cond.dataType
        guard t == .boolean || t == .null else {
            throw .analysis("Cannot resolve \"\(original.sql)\" due to data type mismatch: Filter expression \"\(original.sql)\" of type \"\(t.sql)\" is not a boolean.",
                            errorClass: "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", position: original.firstPosition)
        }
    }
}

extension LogicalPlan {
    /// The first node below any chain of filters.
    var strippingFilters: LogicalPlan {
        var node = self
        while case .filter(_, let c) = node { node = c }
        return node
    }
}
