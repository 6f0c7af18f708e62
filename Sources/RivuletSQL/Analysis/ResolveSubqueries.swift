import RivuletCore

/// Subqueries in expressions (`(SELECT ...)`, `EXISTS (...)`, `x IN (SELECT ...)`): the plan is
/// resolved on its own, with the enclosing query's columns visible as outer references and the
/// enclosing CTEs in scope. The optimizer's ``RewriteSubqueries`` later turns them into joins.
extension Analyzer {
    /// Resolves the subquery expressions `scalarSubquery`, `exists` and `inSubquery`.
    func resolveSubqueryExpression(_ e: Expression, scopes: [[AttributeReference]]) throws(RivuletError) -> ResolvedExpr {
        switch e {
        case .scalarSubquery(let s):
            let r = try resolveSubquery(s, scopes: scopes)
            let n = r.plan.output.count
            guard n == 1 else {
                throw .analysis("Invalid subquery: Scalar subquery must return only one column, but got \(n).",
                                errorClass: "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN")
            }
            return ResolvedExpr(expr: .scalarSubquery(r), naming: .scalarSubquery(r))
        case .exists(let s):
            let r = try resolveSubquery(s, scopes: scopes)
            return ResolvedExpr(expr: .exists(r), naming: .exists(r))
        case .inSubquery(let v, let s):
            let rv = try resolveExpr(v, scopes: scopes)
            var r = try resolveSubquery(s, scopes: scopes)
            let out = r.plan.output
            guard out.count == 1, let col = out.first else {
                throw .analysis("Cannot resolve \"\(e.sql)\" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: 1): [\(v.sql)], right hand side columns(length: \(out.count)): [\(out.map(\.name).joined(separator: ", "))].",
                                errorClass: "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", position: v.firstPosition)
            }
            guard let t = AnsiCoercion.commonType(rv.expr.dataType, col.dataType) else {
                throw .analysis("Cannot resolve \"\(e.sql)\" due to data type mismatch: The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery. Mismatched columns: [(\(v.sql):\(rv.expr.dataType.sql), \(col.name):\(col.dataType.sql))].",
                                errorClass: "DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH", position: v.firstPosition)
            }
            if !col.dataType.sameType(t) {
                r.plan = .project([.alias(TypeCoercion.cast(.attribute(col), to: t), name: col.name, exprId: .next())], r.plan)
            }
            let value = rv.expr.dataType.sameType(t) ? rv.expr : TypeCoercion.cast(rv.expr, to: t)
            return ResolvedExpr(expr: .inSubquery(value, r), naming: .inSubquery(rv.naming, r))
        default:
            return try resolveExpr(e, scopes: scopes)
        }
    }

    /// Resolves and checks a subquery's plan with `scopes` (and the scopes of queries further
    /// out) visible as outer references; records which outer columns it reads.
    func resolveSubquery(_ s: SubqueryExpression, scopes: [[AttributeReference]]) throws(RivuletError) -> SubqueryExpression {
        var inner = self
        inner.outerScopes = scopes + outerScopes
        let plan = try inner.resolvePlan(s.plan, ctes: visibleCTEs)
        try inner.checkAnalysis(plan)
        return SubqueryExpression(plan: plan, exprId: s.exprId, outerReferences: plan.outerReferences)
    }

    /// A name that only an enclosing query defines: an outer reference (nested fields included).
    func resolveOuterAttribute(_ n: UnresolvedName) throws(RivuletError) -> ResolvedExpr? {
        for scope in outerScopes {
            guard let r = try matchName(n, in: scope) else { continue }
            let outer = try r.expr.transformUp { x throws(RivuletError) -> Expression in
                if case .attribute(let a) = x { return .outerReference(a) }
                return x
            }
            return ResolvedExpr(expr: outer, naming: outer)
        }
        return nil
    }
}

extension LogicalPlan {
    /// The outer references anywhere in this plan (and in subqueries inside it that reach past
    /// it), each once, in order of appearance.
    public var outerReferences: [AttributeReference] {
        var out: [AttributeReference] = []
        var seen = Set<ExprId>()
        let defined = definedIds
        func visit(_ p: LogicalPlan) {
            for e in p.expressions {
                for a in e.outerReferenceAttributes where seen.insert(a.exprId).inserted { out.append(a) }
                for s in e.subqueries {
                    for a in s.outerReferences where !defined.contains(a.exprId) && seen.insert(a.exprId).inserted {
                        out.append(a)
                    }
                }
            }
            for c in p.children { visit(c) }
        }
        visit(self)
        return out
    }
}

extension Expression {
    /// The attributes of `outerReference` nodes inside.
    public var outerReferenceAttributes: [AttributeReference] {
        collect { if case .outerReference(let a) = $0 { return a } else { return nil } }
    }

    /// The subquery expressions inside (not descending into their plans).
    public var subqueries: [SubqueryExpression] {
        collect { e -> SubqueryExpression? in
            switch e {
            case .scalarSubquery(let s), .exists(let s), .inSubquery(_, let s): return s
            default: return nil
            }
        }
    }
}
