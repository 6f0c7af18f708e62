import RivuletCore

/// Removes operators that do nothing: a Project that outputs exactly its child's columns,
/// `Limit n (Limit m x)` → `Limit min(n,m) x`, `Filter true`, `Distinct (Distinct x)`, a Sort
/// directly below another Sort; `Filter false/null` becomes an empty `LocalRelation`.
public struct RemoveNoopOperators: OptimizerRule {
    public init() {}
    public var name: String { "RemoveNoopOperators" }
    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformUp { p throws(RivuletError) -> LogicalPlan in
            switch p {
            case .project(let list, let c):
                let out = c.output
                if list.count == out.count, zip(list, out).allSatisfy({ item, a in
                    if case .attribute(let b) = item { return b.exprId == a.exprId && b.name == a.name } else { return false }
                }) { return c }
            case .limit(let n, .limit(let m, let c)):
                return .limit(min(n, m), c)
            case .filter(.literal(.boolean(true), _), let c):
                return c
            case .filter(.literal(let v, _), let c) where v == .boolean(false) || v.isNull:
                return .localRelation(LocalRelation(output: c.output, batches: []))
            case .distinct(.distinct(let c)):
                return .distinct(c)
            case .sort(let o, true, .sort(let inner, _, let c)) where inner.allSatisfy(\.isDeterministic):
                return .sort(o, global: true, c)
            default:
                break
            }
            return p
        }
    }
}
