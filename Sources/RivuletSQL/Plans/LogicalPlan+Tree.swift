import RivuletCore

/// Tree traversal over ``LogicalPlan``: children, output attributes, transforms.
extension LogicalPlan {
    public var children: [LogicalPlan] {
        switch self {
        case .unresolvedRelation, .localRelation, .range, .scan, .oneRow, .unresolvedInlineTable: return []
        case .project(_, let c), .filter(_, let c), .unresolvedHaving(_, let c), .aggregate(_, _, let c), .sort(_, _, let c), .limit(_, let c),
             .offset(_, let c), .distinct(let c), .deduplicate(_, let c), .subqueryAlias(_, let c),
             .renameColumns(_, let c):
            return [c]
        case .with(let ctes, let c): return ctes.map(\.plan) + [c]
        case .generate(let g): return [g.child]
        case .join(let j): return [j.left, j.right]
        case .union(let cs, _, _): return cs
        case .intersect(let a, let b, _), .except(let a, let b, _): return [a, b]
        }
    }

    public func withNewChildren(_ c: [LogicalPlan]) -> LogicalPlan {
        switch self {
        case .unresolvedRelation, .localRelation, .range, .scan, .oneRow, .unresolvedInlineTable: return self
        case .unresolvedHaving(let e, _): return .unresolvedHaving(e, c[0])
        case .project(let e, _): return .project(e, c[0])
        case .filter(let e, _): return .filter(e, c[0])
        case .aggregate(let g, let a, _): return .aggregate(groupings: g, aggregates: a, c[0])
        case .sort(let o, let g, _): return .sort(o, global: g, c[0])
        case .limit(let n, _): return .limit(n, c[0])
        case .offset(let n, _): return .offset(n, c[0])
        case .distinct: return .distinct(c[0])
        case .deduplicate(let k, _): return .deduplicate(keys: k, c[0])
        case .subqueryAlias(let n, _): return .subqueryAlias(n, c[0])
        case .renameColumns(let n, _): return .renameColumns(n, c[0])
        case .with(let ctes, _):
            var out = ctes
            for i in out.indices { out[i].plan = c[i] }
            return .with(out, c[ctes.count])
        case .generate(var g): g.child = c[0]; return .generate(g)
        case .join(var j): j.left = c[0]; j.right = c[1]; return .join(j)
        case .union(_, let b, let m): return .union(c, byName: b, allowMissingColumns: m)
        case .intersect(_, _, let all): return .intersect(c[0], c[1], all: all)
        case .except(_, _, let all): return .except(c[0], c[1], all: all)
        }
    }

    /// The expressions held directly by this node (not its children).
    public var expressions: [Expression] {
        switch self {
        case .project(let e, _): return e
        case .filter(let e, _), .unresolvedHaving(let e, _): return [e]
        case .unresolvedInlineTable(let rows, _): return rows.flatMap { $0 }
        case .aggregate(let g, let a, _): return g + a
        case .sort(let o, _, _): return o
        case .deduplicate(let k, _): return k
        case .generate(let g): return [.generator(g.generator)]
        case .join(let j): return j.condition.map { [$0] } ?? []
        default: return []
        }
    }

    /// Applies `rule` to every expression held directly by this node.
    public func mapExpressions(_ rule: (Expression) throws(RivuletError) -> Expression) throws(RivuletError) -> LogicalPlan {
        func all(_ es: [Expression]) throws(RivuletError) -> [Expression] {
            var out: [Expression] = []
            for e in es { out.append(try rule(e)) }
            return out
        }
        switch self {
        case .project(let e, let c): return .project(try all(e), c)
        case .filter(let e, let c): return .filter(try rule(e), c)
        case .unresolvedHaving(let e, let c): return .unresolvedHaving(try rule(e), c)
        case .aggregate(let g, let a, let c): return .aggregate(groupings: try all(g), aggregates: try all(a), c)
        case .sort(let o, let g, let c): return .sort(try all(o), global: g, c)
        case .deduplicate(let k, let c): return .deduplicate(keys: try all(k), c)
        case .generate(var g):
            if case .generator(let call) = try rule(.generator(g.generator)) { g.generator = call }
            return .generate(g)
        case .join(var j):
            if let cond = j.condition { j.condition = try rule(cond) }
            return .join(j)
        default: return self
        }
    }

    /// Rewrites bottom-up.
    public func transformUp(_ rule: (LogicalPlan) throws(RivuletError) -> LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let c = children
        var node = self
        if !c.isEmpty {
            var newChildren: [LogicalPlan] = []
            for x in c { newChildren.append(try x.transformUp(rule)) }
            node = withNewChildren(newChildren)
        }
        return try rule(node)
    }

    /// Rewrites top-down.
    public func transformDown(_ rule: (LogicalPlan) throws(RivuletError) -> LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let node = try rule(self)
        let c = node.children
        if c.isEmpty { return node }
        var newChildren: [LogicalPlan] = []
        for x in c { newChildren.append(try x.transformDown(rule)) }
        return node.withNewChildren(newChildren)
    }

    /// The columns this (resolved) node produces, in order.
    public var output: [AttributeReference] {
        switch self {
        case .unresolvedRelation, .oneRow, .unresolvedInlineTable: return []
        case .localRelation(let r): return r.output
        case .range(let r): return [r.output]
        case .scan(let s): return s.output
        case .project(let exprs, _), .aggregate(_, let exprs, _):
            return exprs.compactMap(\.toAttribute)
        case .filter(_, let c), .unresolvedHaving(_, let c), .sort(_, _, let c), .limit(_, let c), .offset(_, let c), .distinct(let c),
             .deduplicate(_, let c), .with(_, let c):
            return c.output
        case .subqueryAlias(let name, let c): return c.output.map { $0.withQualifier([name]) }
        case .renameColumns(let names, let c):
            return zip(c.output, names).map { a, n in var a = a; a.name = n; return a }
        case .generate(let g): return g.requiredChildOutput + g.generatorOutput
        case .join(let j):
            let l = j.left.output, r = j.right.output
            switch j.joinType {
            case .inner, .cross: return l + r
            case .leftOuter: return l + r.map { $0.withNullability(true) }
            case .rightOuter: return l.map { $0.withNullability(true) } + r
            case .fullOuter: return (l + r).map { $0.withNullability(true) }
            case .leftSemi, .leftAnti: return l
            }
        case .union(let cs, _, _):
            guard let first = cs.first else { return [] }
            // Nullable if any child's column is nullable.
            return first.output.enumerated().map { i, a in
                a.withNullability(cs.contains { i < $0.output.count && $0.output[i].nullable })
            }
        case .intersect(let a, _, _), .except(let a, _, _): return a.output
        }
    }

    /// The output as a ``StructType``.
    public var schema: StructType { StructType(output.map(\.field)) }

    /// True when every node and expression is resolved.
    public var isResolved: Bool {
        switch self {
        case .unresolvedRelation, .unresolvedInlineTable, .unresolvedHaving: return false
        default: break
        }
        return expressions.allSatisfy(\.isResolved) && children.allSatisfy(\.isResolved)
    }
}

extension Expression {
    /// The attribute a named output expression produces (alias or attribute), else nil.
    public var toAttribute: AttributeReference? {
        switch self {
        case .attribute(let a): return a
        case .alias(let e, let name, let id):
            return AttributeReference(name: name, dataType: e.dataType, nullable: e.nullable, exprId: id)
        default: return nil
        }
    }
}
