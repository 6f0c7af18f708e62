import RivuletCore

/// Turns subquery expressions into joins (Spark's `PullupCorrelatedPredicates`,
/// `RewritePredicateSubquery` and `RewriteCorrelatedScalarSubquery`):
///
/// - a WHERE/HAVING conjunct `EXISTS (q)` / `x IN (q)` becomes a left semi join with `q`, its
///   negation a left anti join (`NOT IN` with SQL's null semantics: a row is dropped when the
///   comparison with some subquery row is true *or null*);
/// - a correlated scalar subquery (which must be an aggregate) becomes a left outer join with the
///   aggregate grouped by the correlated columns; rows without a match get the aggregate's value
///   over no rows (`count` gives 0, not null);
/// - correlated predicates (`inner.k = outer.k`) are pulled out of the subquery into the join
///   condition.
///
/// Uncorrelated scalar subqueries stay in place (the engine runs them once before the query);
/// only their plans are optimized here.
public struct RewriteSubqueries: OptimizerRule {
    public var name: String { "RewriteSubqueries" }
    public init() {}

    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformUp { node throws(RivuletError) -> LogicalPlan in
            guard node.expressions.contains(where: \.containsSubquery) else { return node }
            let rewritten: LogicalPlan
            switch node {
            case .filter(let cond, let child): rewritten = try rewriteFilter(cond, child)
            case .project(let list, let child):
                let (items, joined) = try rewriteScalars(list, child)
                rewritten = .project(items, joined)
            default: rewritten = node
            }
            return try optimizeUncorrelated(rewritten)
        }
    }

    private func rewriteFilter(_ cond: Expression, _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        var left = child
        var rest: [Expression] = []
        for c in cond.conjuncts {
            switch c {
            case .exists(let s): left = try predicateJoin(left, s, value: nil, anti: false)
            case .unary(.not, .exists(let s)): left = try predicateJoin(left, s, value: nil, anti: true)
            case .inSubquery(let v, let s): left = try predicateJoin(left, s, value: v, anti: false)
            case .unary(.not, .inSubquery(let v, let s)): left = try predicateJoin(left, s, value: v, anti: true)
            default: rest.append(c)
            }
        }
        let before = left.output
        let (conds, joined) = try rewriteScalars(rest, left)
        var out = joined
        if let f = Expression.and(conds) { out = .filter(f, out) }
        if joined.output.count != before.count { out = .project(before.map { .attribute($0) }, out) }
        return out
    }

    /// `left` semi/anti-joined with the subquery; `value` is the IN operand.
    private func predicateJoin(_ left: LogicalPlan, _ s: SubqueryExpression, value: Expression?, anti: Bool) throws(RivuletError) -> LogicalPlan {
        let sub = Analyzer.deduplicateRight(left: left, right: s.plan)
        let (right, preds) = try Self.pullUpCorrelated(sub)
        var conds = preds
        if let value {
            guard let col = right.output.first else { throw .internal("IN subquery without an output column") }
            let eq = Expression.binary(.equal, value, .attribute(col))
            if anti && (value.nullable || col.nullable) {
                // NOT IN: (x = y) being null also excludes the row.
                conds.append(.binary(.or, eq, .isNull(eq)))
            } else {
                conds.append(eq)
            }
        }
        return .join(JoinNode(left: left, right: right, joinType: anti ? .leftAnti : .leftSemi, condition: Expression.and(conds)))
    }

    /// Replaces correlated scalar subqueries in `exprs` by columns of left outer joins added on
    /// top of `input`.
    private func rewriteScalars(_ exprs: [Expression], _ input: LogicalPlan) throws(RivuletError) -> ([Expression], LogicalPlan) {
        var plan = input
        var out: [Expression] = []
        for e in exprs {
            out.append(try e.transformUp { x throws(RivuletError) -> Expression in
                guard case .scalarSubquery(let s) = x, s.isCorrelated else { return x }
                let sub = Analyzer.deduplicateRight(left: plan, right: s.plan)
                guard let empty = Self.emptyResult(sub), let valueAttr = sub.output.first, let emptyValue = empty[valueAttr.exprId] else {
                    throw .analysis("Correlated scalar subqueries must be aggregated to return at most one row.",
                                    errorClass: "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY")
                }
                let (pulled, preds) = try Self.pullUpCorrelated(sub)
                guard let value = pulled.output.first else { throw .internal("scalar subquery without an output column") }
                let folded = ConstantEvaluator.evaluate(emptyValue).map { Expression.literal($0, value.dataType) } ?? emptyValue
                var right = pulled
                var marker: AttributeReference?
                if case .literal(let v, _) = folded, v.isNull {} else {
                    // Tells "no matching row" apart from an aggregate that is itself null.
                    let m = Expression.alias(.literal(.boolean(true), .boolean), name: "alwaysTrue", exprId: .next())
                    right = .project(pulled.output.map { .attribute($0) } + [m], pulled)
                    marker = m.toAttribute
                }
                plan = .join(JoinNode(left: plan, right: right, joinType: .leftOuter, condition: Expression.and(preds)))
                let v = Expression.attribute(value.withNullability(true))
                if let marker {
                    return .caseWhen([WhenBranch(.isNull(.attribute(marker.withNullability(true))), folded)], elseValue: v)
                }
                return v
            })
        }
        return (out, plan)
    }

    /// Optimizes the plans of the uncorrelated scalar subqueries left in `node`'s expressions.
    private func optimizeUncorrelated(_ node: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try node.mapExpressions { e throws(RivuletError) -> Expression in
            try e.transformUp { x throws(RivuletError) -> Expression in
                guard case .scalarSubquery(var s) = x, !s.isCorrelated else { return x }
                s.plan = try Optimizer().optimize(s.plan)
                return .scalarSubquery(s)
            }
        }
    }

    // MARK: decorrelation

    /// Removes the predicates that read outer references from `plan` (where it can: through
    /// filters, projections, aliases and a top aggregate, which then also groups by the inner
    /// columns they use) and returns them with outer references turned into plain attributes.
    static func pullUpCorrelated(_ plan: LogicalPlan) throws(RivuletError) -> (LogicalPlan, [Expression]) {
        switch plan {
        case .filter(let cond, let c):
            let (child, preds) = try pullUpCorrelated(c)
            var local: [Expression] = [], correlated: [Expression] = []
            for x in cond.conjuncts {
                if x.outerReferenceAttributes.isEmpty { local.append(x) } else { correlated.append(x.resolvingOuterReferences) }
            }
            return (Expression.and(local).map { .filter($0, child) } ?? child, preds + correlated)
        case .subqueryAlias(let name, let c):
            let (child, preds) = try pullUpCorrelated(c)
            return (.subqueryAlias(name, child), preds)
        case .project(let list, let c):
            try rejectOuterReferences(list, in: plan)
            let (child, preds) = try pullUpCorrelated(c)
            return (.project(list + passThrough(preds, from: child, have: list), child), preds)
        case .aggregate(let groups, let aggs, let c):
            try rejectOuterReferences(groups + aggs, in: plan)
            let (child, preds) = try pullUpCorrelated(c)
            if preds.isEmpty { return (.aggregate(groupings: groups, aggregates: aggs, child), []) }
            for p in preds {
                guard case .binary(let op, _, _) = p, op == .equal || op == .nullSafeEqual else {
                    throw .analysis("Correlated column is not allowed in a non-equality predicate under an aggregate: \(p.sql)",
                                    errorClass: "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE")
                }
            }
            let extra = passThrough(preds, from: child, have: aggs)
            return (.aggregate(groupings: groups + extra, aggregates: aggs + extra, child), preds)
        default:
            if !plan.outerReferences.isEmpty {
                throw RivuletError(.unsupportedOperation,
                                   "Correlated subqueries with outer references under \(plan.nodeString.prefix { $0 != " " }) are not supported.",
                                   errorClass: "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED")
            }
            return (plan, [])
        }
    }

    /// Attributes of `child` that `preds` read and `have` does not output yet.
    private static func passThrough(_ preds: [Expression], from child: LogicalPlan, have: [Expression]) -> [Expression] {
        let childIds = child.outputIds
        var seen = Set(have.compactMap(\.toAttribute).map(\.exprId))
        var out: [Expression] = []
        for p in preds {
            for a in p.references where childIds.contains(a.exprId) && seen.insert(a.exprId).inserted {
                out.append(.attribute(child.output.first { $0.exprId == a.exprId } ?? a))
            }
        }
        return out
    }

    private static func rejectOuterReferences(_ exprs: [Expression], in plan: LogicalPlan) throws(RivuletError) {
        if exprs.contains(where: { !$0.outerReferenceAttributes.isEmpty }) {
            throw RivuletError(.unsupportedOperation,
                               "Outer references in the output of a correlated subquery (\(plan.nodeString.prefix { $0 != " " })) are not supported.",
                               errorClass: "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED")
        }
    }

    /// What each output column of a (correlated scalar) subquery is when no input row matches:
    /// defined for a global aggregate (under projections and aliases), where `count` is 0 and
    /// the other aggregates null; nil for other shapes.
    static func emptyResult(_ plan: LogicalPlan) -> [ExprId: Expression]? {
        switch plan {
        case .subqueryAlias(_, let c): return emptyResult(c)
        case .aggregate(let groups, let aggs, _) where groups.isEmpty:
            var out: [ExprId: Expression] = [:]
            for a in aggs {
                guard let attr = a.toAttribute else { continue }
                out[attr.exprId] = (try? a.unaliased.transformUp { x throws(RivuletError) -> Expression in
                    guard case .aggregateFunction(let f) = x else { return x }
                    if f.name == "count" || f.name == "count_if" { return .literal(.long(0), .long) }
                    return .literal(.null, f.dataType)
                }) ?? .literal(.null, attr.dataType)
            }
            return out
        case .project(let list, let c):
            guard let inner = emptyResult(c) else { return nil }
            var out: [ExprId: Expression] = [:]
            for e in list {
                guard let attr = e.toAttribute else { continue }
                out[attr.exprId] = e.unaliased.substituting(inner)
            }
            return out
        default:
            return nil
        }
    }
}

extension Expression {
    /// Outer references as plain attributes (once the predicate sits above the join).
    var resolvingOuterReferences: Expression {
        (try? transformUp { e throws(RivuletError) -> Expression in
            if case .outerReference(let a) = e { return .attribute(a) }
            return e
        }) ?? self
    }
}
