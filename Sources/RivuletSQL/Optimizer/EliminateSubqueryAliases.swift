import RivuletCore

/// Drops `SubqueryAlias` nodes: after analysis qualifiers are no longer needed.
public struct EliminateSubqueryAliases: OptimizerRule {
    public init() {}
    public var name: String { "EliminateSubqueryAliases" }
    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformUp { p throws(RivuletError) -> LogicalPlan in
            if case .subqueryAlias(_, let c) = p { return c }
            return p
        }
    }
}
