import RivuletCore

/// Merges `Project a (Project b x)` into one Project by substituting b's aliases into a, unless
/// that would duplicate a nondeterministic expression.
public struct CollapseProject: OptimizerRule {
    public init() {}
    public var name: String { "CollapseProject" }
    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformUp { p throws(RivuletError) -> LogicalPlan in
            guard case .project(let upper, .project(let lower, let c)) = p else { return p }
            var map: [ExprId: Expression] = [:]
            for item in lower { if case .alias(let x, _, let id) = item { map[id] = x } }
            // Count uses of each alias: a nondeterministic one may be used at most once.
            var uses: [ExprId: Int] = [:]
            for item in upper { for a in item.references { uses[a.exprId, default: 0] += 1 } }
            for (id, x) in map where !x.isDeterministic && uses[id, default: 0] > 1 { return p }
            let merged = upper.map { item -> Expression in
                switch item {
                case .attribute(let a):
                    if let x = map[a.exprId] { return .alias(x, name: a.name, exprId: a.exprId) }
                    return item
                case .alias(let x, let n, let id):
                    return .alias(x.substituting(map), name: n, exprId: id)
                default:
                    return item.substituting(map)
                }
            }
            return .project(merged, c)
        }
    }
}
