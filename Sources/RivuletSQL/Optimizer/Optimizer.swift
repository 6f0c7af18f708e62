import RivuletCore

/// One rewrite of a resolved plan that never changes its result.
public protocol OptimizerRule: Sendable {
    /// Spark's rule name (`ConstantFolding`, `PushDownPredicates`, ...).
    var name: String { get }
    func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan
}

/// Runs rules over an analyzed plan until nothing changes (at most ``maxIterations`` rounds).
///
/// ```swift
/// let optimized = try Optimizer().optimize(analyzedPlan)
/// ```
public struct Optimizer: Sendable {
    /// Rules in the order one round applies them.
    public static let defaultRules: [any OptimizerRule] = [
        RewriteSubqueries(),
        EliminateSubqueryAliases(),
        ConstantFolding(),
        BooleanSimplification(),
        CombineFilters(),
        PushDownPredicates(),
        CollapseProject(),
        ColumnPruning(),
        PushFiltersIntoScan(),
        RemoveNoopOperators(),
    ]

    /// Bound on rounds, like Spark's `spark.sql.optimizer.maxIterations` (100).
    public static let maxIterations = 100

    public let rules: [any OptimizerRule]

    public init(rules: [any OptimizerRule] = Optimizer.defaultRules) { self.rules = rules }

    /// Applies every rule in turn, round after round, until a round leaves the plan unchanged.
    public func optimize(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        var current = plan
        var before = current.treeString()
        for _ in 0..<Self.maxIterations {
            for r in rules { current = try r.apply(current) }
            let after = current.treeString()
            if after == before { break }
            before = after
        }
        return current
    }
}

extension Expression {
    /// False when some function inside is nondeterministic (`rand()`, ...): such expressions are
    /// never duplicated, reordered across filters or folded.
    var isDeterministic: Bool {
        !contains { if case .scalarFunction(let f) = $0 { return !f.deterministic } else { return false } }
    }

    /// `a AND b AND c` as `[a, b, c]`.
    var conjuncts: [Expression] {
        if case .binary(.and, let l, let r) = self { return l.conjuncts + r.conjuncts }
        return [self]
    }

    /// The conjunction of `es` (nil when empty).
    static func and(_ es: [Expression]) -> Expression? {
        guard let first = es.first else { return nil }
        return es.dropFirst().reduce(first) { .binary(.and, $0, $1) }
    }

    /// Replaces attributes by the expressions `map` gives for their ids.
    func substituting(_ map: [ExprId: Expression]) -> Expression {
        (try? transformUp { e throws(RivuletError) -> Expression in
            if case .attribute(let a) = e, let x = map[a.exprId] { return x }
            return e
        }) ?? self
    }

    var referenceIds: Set<ExprId> { Set(references.map(\.exprId)) }
}

extension LogicalPlan {
    /// Ids of the output attributes.
    var outputIds: Set<ExprId> { Set(output.map(\.exprId)) }
}
