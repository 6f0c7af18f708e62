import RivuletCore

/// Merges adjacent filters: `Filter a (Filter b x)` → `Filter (b AND a) x` (both deterministic).
public struct CombineFilters: OptimizerRule {
    public init() {}
    public var name: String { "CombineFilters" }
    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformDown { p throws(RivuletError) -> LogicalPlan in
            var node = p
            while case .filter(let outer, .filter(let inner, let c)) = node, outer.isDeterministic, inner.isDeterministic {
                node = .filter(.binary(.and, inner, outer), c)
            }
            return node
        }
    }
}
