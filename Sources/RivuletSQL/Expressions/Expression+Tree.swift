import RivuletCore

/// Generic tree traversal over ``Expression``: children, rebuilding, transforms.
extension Expression {
    public var children: [Expression] {
        switch self {
        case .unresolvedAttribute, .unresolvedStar, .star, .literal, .attribute, .scalarSubquery, .exists, .outerReference:
            return []
        case .inSubquery(let e, _): return [e]
        case .unresolvedFunction(_, let a, _, _): return a
        case .unresolvedExtract(let a, let b): return [a, b]
        case .alias(let e, _, _), .multiAlias(let e, _), .cast(let e, _), .unary(_, let e), .isNull(let e), .isNotNull(let e),
             .getStructField(let e, _, _), .sortOrder(let e, _, _):
            return [e]
        case .binary(_, let a, let b), .like(let a, let b, _), .rlike(let a, let b), .getArrayItem(let a, let b),
             .getMapValue(let a, let b):
            return [a, b]
        case .inList(let e, let list): return [e] + list
        case .caseWhen(let branches, let elseValue):
            return branches.flatMap { [$0.condition, $0.value] } + (elseValue.map { [$0] } ?? [])
        case .scalarFunction(let f): return f.arguments
        case .aggregateFunction(let f): return f.arguments
        case .generator(let g): return g.arguments
        }
    }

    /// The same node with its children replaced (same count and order as ``children``).
    public func withNewChildren(_ c: [Expression]) -> Expression {
        switch self {
        case .unresolvedAttribute, .unresolvedStar, .star, .literal, .attribute, .scalarSubquery, .exists, .outerReference:
            return self
        case .inSubquery(_, let s): return .inSubquery(c[0], s)
        case .unresolvedFunction(let n, _, let d, let p): return .unresolvedFunction(name: n, arguments: c, isDistinct: d, position: p)
        case .unresolvedExtract: return .unresolvedExtract(c[0], c[1])
        case .alias(_, let n, let id): return .alias(c[0], name: n, exprId: id)
        case .multiAlias(_, let names): return .multiAlias(c[0], names: names)
        case .cast(_, let t): return .cast(c[0], t)
        case .unary(let op, _): return .unary(op, c[0])
        case .isNull: return .isNull(c[0])
        case .isNotNull: return .isNotNull(c[0])
        case .getStructField(_, let o, let n): return .getStructField(c[0], ordinal: o, name: n)
        case .sortOrder(_, let d, let n): return .sortOrder(c[0], d, n)
        case .binary(let op, _, _): return .binary(op, c[0], c[1])
        case .like(_, _, let esc): return .like(c[0], c[1], escape: esc)
        case .rlike: return .rlike(c[0], c[1])
        case .getArrayItem: return .getArrayItem(c[0], c[1])
        case .getMapValue: return .getMapValue(c[0], c[1])
        case .inList: return .inList(c[0], Array(c.dropFirst()))
        case .caseWhen(let branches, let elseValue):
            var out: [WhenBranch] = []
            for i in branches.indices { out.append(WhenBranch(c[2 * i], c[2 * i + 1])) }
            return .caseWhen(out, elseValue: elseValue == nil ? nil : c[2 * branches.count])
        case .scalarFunction(var f): f.arguments = c; return .scalarFunction(f)
        case .aggregateFunction(var f): f.arguments = c; return .aggregateFunction(f)
        case .generator(var g): g.arguments = c; return .generator(g)
        }
    }

    /// Rewrites bottom-up: children first, then `rule` on the rebuilt node.
    public func transformUp(_ rule: (Expression) throws(RivuletError) -> Expression) throws(RivuletError) -> Expression {
        let c = children
        var node = self
        if !c.isEmpty {
            var newChildren: [Expression] = []
            newChildren.reserveCapacity(c.count)
            for x in c { newChildren.append(try x.transformUp(rule)) }
            node = withNewChildren(newChildren)
        }
        return try rule(node)
    }

    /// Rewrites top-down: `rule` on the node first, then on the children of its result.
    public func transformDown(_ rule: (Expression) throws(RivuletError) -> Expression) throws(RivuletError) -> Expression {
        let node = try rule(self)
        let c = node.children
        if c.isEmpty { return node }
        var newChildren: [Expression] = []
        for x in c { newChildren.append(try x.transformDown(rule)) }
        return node.withNewChildren(newChildren)
    }

    /// True if `predicate` holds for this node or any descendant.
    public func contains(where predicate: (Expression) -> Bool) -> Bool {
        if predicate(self) { return true }
        return children.contains { $0.contains(where: predicate) }
    }

    /// Every node, pre-order.
    public func collect<T>(_ f: (Expression) -> T?) -> [T] {
        var out: [T] = []
        func walk(_ e: Expression) {
            if let x = f(e) { out.append(x) }
            for c in e.children { walk(c) }
        }
        walk(self)
        return out
    }

    /// Attributes this expression reads.
    public var references: [AttributeReference] {
        collect { if case .attribute(let a) = $0 { return a } else { return nil } }
    }

    public var isResolved: Bool {
        !contains { e in
            switch e {
            case .unresolvedAttribute, .unresolvedStar, .unresolvedFunction, .unresolvedExtract, .star: return true
            default: return false
            }
        }
    }

    public var containsAggregate: Bool { contains { if case .aggregateFunction = $0 { return true } else { return false } } }
    /// True when a scalar, `EXISTS` or `IN` subquery occurs inside.
    public var containsSubquery: Bool {
        contains { e in
            switch e {
            case .scalarSubquery, .exists, .inSubquery: return true
            default: return false
            }
        }
    }
    public var containsGenerator: Bool { contains { if case .generator = $0 { return true } else { return false } } }

    /// Deterministic and free of attributes: can be evaluated once at planning time.
    public var isFoldable: Bool {
        switch self {
        case .literal: return true
        case .attribute, .aggregateFunction, .generator, .unresolvedAttribute, .unresolvedStar, .unresolvedFunction,
             .unresolvedExtract, .star, .sortOrder, .multiAlias, .scalarSubquery, .exists, .inSubquery, .outerReference:
            return false
        case .scalarFunction(let f): return f.deterministic && f.arguments.allSatisfy(\.isFoldable)
        default: return children.allSatisfy(\.isFoldable)
        }
    }

    /// Strips a top-level alias.
    public var unaliased: Expression { if case .alias(let e, _, _) = self { return e } else { return self } }
}
