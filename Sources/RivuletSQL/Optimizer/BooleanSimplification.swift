import RivuletCore

/// Simplifies boolean logic: `true AND x` → `x`, `false AND x` → `false`, `x OR true` → `true`,
/// `NOT NOT x` → `x`, `x AND x` → `x` (deterministic `x`).
public struct BooleanSimplification: OptimizerRule {
    public init() {}
    public var name: String { "BooleanSimplification" }
    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformUp { p throws(RivuletError) -> LogicalPlan in
            try p.mapExpressions { e throws(RivuletError) in try e.transformUp(Self.simplify) }
        }
    }

    static func simplify(_ e: Expression) throws(RivuletError) -> Expression {
        let t = Expression.literal(.boolean(true), .boolean), f = Expression.literal(.boolean(false), .boolean)
        switch e {
        case .binary(.and, let l, let r):
            if l == t { return r }
            if r == t { return l }
            if l == f || r == f { return f }
            if l == r && l.isDeterministic { return l }
        case .binary(.or, let l, let r):
            if l == f { return r }
            if r == f { return l }
            if l == t || r == t { return t }
            if l == r && l.isDeterministic { return l }
        case .unary(.not, let x):
            if x == t { return f }
            if x == f { return t }
            if case .unary(.not, let y) = x { return y }
        default:
            break
        }
        return e
    }
}
