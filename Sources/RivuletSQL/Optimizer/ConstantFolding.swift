import RivuletCore

/// Replaces foldable expressions (literals combined by casts, arithmetic, comparisons, boolean
/// logic, null tests, IN, CASE, `||`) by their value, using ``ConstantEvaluator``. Function calls
/// are left alone, and so is anything whose evaluation would raise an ANSI error (that error is
/// reported at run time instead).
public struct ConstantFolding: OptimizerRule {
    public init() {}
    public var name: String { "ConstantFolding" }
    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformUp { p throws(RivuletError) -> LogicalPlan in
            try p.mapExpressions { e throws(RivuletError) in try e.transformUp(Self.fold) }
        }
    }

    static func fold(_ e: Expression) throws(RivuletError) -> Expression {
        switch e {
        case .literal, .alias, .sortOrder, .attribute: return e
        default: break
        }
        guard e.isFoldable, let v = ConstantEvaluator.evaluate(e) else { return e }
        return .literal(v, e.dataType)
    }
}
