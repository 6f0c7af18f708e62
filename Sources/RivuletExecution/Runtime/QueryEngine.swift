import RivuletCore
import RivuletSQL

/// The embedded execution engine: plans a resolved, optimized ``LogicalPlan`` into physical
/// operators and runs them on a worker pool sized by ``ExecutionConfig/parallelism``.
///
/// ```swift
/// let engine = QueryEngine(config: ExecutionConfig(shufflePartitions: 8))
/// let batches = try engine.execute(plan)          // rows in output order
/// print(try engine.explainPhysical(plan))          // Spark-style physical plan tree
/// ```
public final class QueryEngine: Sendable {
    /// The settings every query runs with.
    public let config: ExecutionConfig

    /// An engine with `config`.
    public init(config: ExecutionConfig) { self.config = config }

    /// Runs a resolved, optimized plan to completion; batches in output order (sorted plans keep
    /// their order). Every batch carries the plan's schema (its output names).
    public func execute(_ plan: LogicalPlan) throws(RivuletError) -> [RecordBatch] {
        let ctx = ExecutionContext(config: config)
        let root = try PhysicalPlanner(config: config).plan(try evaluatingScalarSubqueries(plan, run: true))
        try root.prepare(ctx)
        let parts = try ctx.pool.map(root.partitionCount()) { p throws(RivuletError) in try root.collect(partition: p, ctx) }
        let schema = plan.schema
        var out: [RecordBatch] = []
        for part in parts { for b in part where b.numRows > 0 { out.append(b.withSchema(schema)) } }
        return out
    }

    /// The physical plan as Spark's `explain()` prints it under `== Physical Plan ==` (the
    /// header itself is left to the caller). Lists no files and reads no data.
    /// Scalar subqueries show as null literals (they are not run).
    public func explainPhysical(_ plan: LogicalPlan) throws(RivuletError) -> String {
        try PhysicalPlanner(config: config).plan(try evaluatingScalarSubqueries(plan, run: false)).treeString()
    }

    /// The physical operator tree (for the streaming layer and tests); scalar subqueries are run
    /// now and their values fixed in the tree.
    public func physicalPlan(_ plan: LogicalPlan) throws(RivuletError) -> any PhysicalOperator {
        try PhysicalPlanner(config: config).plan(try evaluatingScalarSubqueries(plan, run: true))
    }

    /// Replaces every (uncorrelated) scalar subquery by a literal holding its value: the
    /// subquery runs once, before the query (`run` false puts typed nulls instead, for explain).
    /// No row gives null; more than one row is Spark's `SCALAR_SUBQUERY_TOO_MANY_ROWS`.
    func evaluatingScalarSubqueries(_ plan: LogicalPlan, run: Bool) throws(RivuletError) -> LogicalPlan {
        try plan.transformUp { node throws(RivuletError) -> LogicalPlan in
            guard node.expressions.contains(where: \.containsSubquery) else { return node }
            return try node.mapExpressions { e throws(RivuletError) -> Expression in
                try e.transformUp { x throws(RivuletError) -> Expression in
                    guard case .scalarSubquery(let s) = x else { return x }
                    guard !s.isCorrelated else {
                        throw RivuletError(.unsupportedOperation,
                                           "Correlated scalar subqueries are only supported in SELECT lists and WHERE / HAVING conditions.",
                                           errorClass: "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
                    }
                    let t = x.dataType
                    guard run else { return .literal(.null, t) }
                    let batches = try execute(s.plan)
                    let rows = batches.reduce(0) { $0 + $1.numRows }
                    if rows > 1 {
                        throw .execution("More than one row returned by a subquery used as an expression.",
                                         errorClass: "SCALAR_SUBQUERY_TOO_MANY_ROWS")
                    }
                    guard let b = batches.first(where: { $0.numRows > 0 }), let col = b.columns.first else { return .literal(.null, t) }
                    return .literal(col.value(at: 0), t)
                }
            }
        }
    }
}
