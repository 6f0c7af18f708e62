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
        let root = try PhysicalPlanner(config: config).plan(plan)
        try root.prepare(ctx)
        let parts = try ctx.pool.map(root.partitionCount()) { p throws(RivuletError) in try root.collect(partition: p, ctx) }
        let schema = plan.schema
        var out: [RecordBatch] = []
        for part in parts { for b in part where b.numRows > 0 { out.append(b.withSchema(schema)) } }
        return out
    }

    /// The physical plan as Spark's `explain()` prints it under `== Physical Plan ==` (the
    /// header itself is left to the caller). Lists no files and reads no data.
    public func explainPhysical(_ plan: LogicalPlan) throws(RivuletError) -> String {
        try PhysicalPlanner(config: config).plan(plan).treeString()
    }

    /// The physical operator tree (for the streaming layer and tests).
    public func physicalPlan(_ plan: LogicalPlan) throws(RivuletError) -> any PhysicalOperator {
        try PhysicalPlanner(config: config).plan(plan)
    }
}
