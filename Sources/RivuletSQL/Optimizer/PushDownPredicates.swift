import RivuletCore

/// Moves filters toward the data: through Projects (aliases substituted), into the sides of a
/// join that a conjunct only reads (both sides of inner joins, the preserved side of outer
/// joins; join-condition conjuncts likewise), below an Aggregate when a conjunct only reads
/// grouping columns, into every Union child, below a Generate when it does not read generated
/// columns, and below Distinct. Only deterministic conjuncts move.
public struct PushDownPredicates: OptimizerRule {
    public init() {}
    public var name: String { "PushDownPredicates" }

    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformDown { p throws(RivuletError) -> LogicalPlan in
            switch p {
            case .filter(let cond, let child): return Self.push(cond, child) ?? p
            case .join(let j): return Self.pushJoinCondition(j) ?? p
            default: return p
            }
        }
    }

    /// The plan with `cond` pushed into `child`, or nil when nothing moves.
    static func push(_ cond: Expression, _ child: LogicalPlan) -> LogicalPlan? {
        let parts = cond.conjuncts
        let movable = parts.filter(\.isDeterministic), fixed = parts.filter { !$0.isDeterministic }
        if movable.isEmpty { return nil }
        func wrap(_ kept: [Expression], _ p: LogicalPlan) -> LogicalPlan {
            guard let c = Expression.and(kept) else { return p }
            return .filter(c, p)
        }
        switch child {
        case .project(let list, let grand):
            if !fixed.isEmpty || list.contains(where: { !$0.isDeterministic }) { return nil }
            var map: [ExprId: Expression] = [:]
            for item in list { if case .alias(let x, _, let id) = item { map[id] = x } }
            return .project(list, .filter(cond.substituting(map), grand))
        case .join(var j):
            let lo = j.left.outputIds, ro = j.right.outputIds
            var toLeft: [Expression] = [], toRight: [Expression] = [], toJoin: [Expression] = [], kept: [Expression] = fixed
            let leftOK: Bool, rightOK: Bool
            switch j.joinType {
            case .inner, .cross: (leftOK, rightOK) = (true, true)
            case .leftOuter, .leftSemi, .leftAnti: (leftOK, rightOK) = (true, false)
            case .rightOuter: (leftOK, rightOK) = (false, true)
            case .fullOuter: (leftOK, rightOK) = (false, false)
            }
            for c in movable {
                let refs = c.referenceIds
                if leftOK && refs.isSubset(of: lo) { toLeft.append(c) }
                else if rightOK && refs.isSubset(of: ro) { toRight.append(c) }
                else if (j.joinType == .inner || j.joinType == .cross) { toJoin.append(c) }
                else { kept.append(c) }
            }
            if toLeft.isEmpty && toRight.isEmpty && toJoin.isEmpty { return nil }
            j.left = wrap(toLeft, j.left)
            j.right = wrap(toRight, j.right)
            if !toJoin.isEmpty {
                j.condition = Expression.and((j.condition.map { [$0] } ?? []) + toJoin)
                if j.joinType == .cross { j.joinType = .inner }
            }
            return wrap(kept, .join(j))
        case .aggregate(let groups, let aggs, let grand):
            if groups.isEmpty { return nil }
            // Output columns that are grouping expressions can be replaced by them.
            var map: [ExprId: Expression] = [:]
            for item in aggs {
                let inner = item.unaliased
                guard !inner.containsAggregate, inner.isDeterministic, let a = item.toAttribute else { continue }
                if case .attribute(let x) = inner, x.exprId == a.exprId { continue }
                map[a.exprId] = inner
            }
            let aggIds = Set(aggs.compactMap { item -> ExprId? in
                if case .alias(let x, _, let id) = item, x.containsAggregate { return id } else { return nil }
            })
            let grandIds = grand.outputIds
            var down: [Expression] = [], kept: [Expression] = fixed
            for c in movable {
                let refs = c.referenceIds
                let r = c.substituting(map)
                if refs.isDisjoint(with: aggIds), r.referenceIds.isSubset(of: grandIds) { down.append(r) } else { kept.append(c) }
            }
            if down.isEmpty { return nil }
            return wrap(kept, .aggregate(groupings: groups, aggregates: aggs, wrap(down, grand)))
        case .union(let cs, let b, let m):
            guard fixed.isEmpty, let first = cs.first else { return nil }
            let firstOut = first.output
            let children = cs.map { c -> LogicalPlan in
                let out = c.output
                var map: [ExprId: Expression] = [:]
                for (a, x) in zip(firstOut, out) where a.exprId != x.exprId { map[a.exprId] = .attribute(x) }
                return .filter(cond.substituting(map), c)
            }
            return .union(children, byName: b, allowMissingColumns: m)
        case .generate(var g):
            let gen = Set(g.generatorOutput.map(\.exprId))
            var down: [Expression] = [], kept: [Expression] = fixed
            for c in movable { if c.referenceIds.isDisjoint(with: gen) { down.append(c) } else { kept.append(c) } }
            if down.isEmpty { return nil }
            g.child = wrap(down, g.child)
            return wrap(kept, .generate(g))
        case .distinct(let c):
            if !fixed.isEmpty { return nil }
            return .distinct(.filter(cond, c))
        default:
            return nil
        }
    }

    /// Pushes single-side conjuncts of a join condition into that side where the join type allows.
    static func pushJoinCondition(_ node: JoinNode) -> LogicalPlan? {
        guard let cond = node.condition else { return nil }
        var j = node
        let lo = j.left.outputIds, ro = j.right.outputIds
        let leftOK: Bool, rightOK: Bool
        switch j.joinType {
        case .inner, .cross, .leftSemi: (leftOK, rightOK) = (true, true)
        case .leftOuter, .leftAnti: (leftOK, rightOK) = (false, true)
        case .rightOuter: (leftOK, rightOK) = (true, false)
        case .fullOuter: (leftOK, rightOK) = (false, false)
        }
        var toLeft: [Expression] = [], toRight: [Expression] = [], kept: [Expression] = []
        for c in cond.conjuncts {
            let refs = c.referenceIds
            if c.isDeterministic && !refs.isEmpty && leftOK && refs.isSubset(of: lo) { toLeft.append(c) }
            else if c.isDeterministic && !refs.isEmpty && rightOK && refs.isSubset(of: ro) { toRight.append(c) }
            else { kept.append(c) }
        }
        if toLeft.isEmpty && toRight.isEmpty { return nil }
        if let l = Expression.and(toLeft) { j.left = .filter(l, j.left) }
        if let r = Expression.and(toRight) { j.right = .filter(r, j.right) }
        j.condition = Expression.and(kept)
        return .join(j)
    }
}
