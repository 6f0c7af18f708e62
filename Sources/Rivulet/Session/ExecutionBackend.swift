import RivuletCore
import RivuletExecution
import RivuletSQL

/// The one seam between the DataFrame API and whatever runs plans.
///
/// The embedded engine is the default; a Spark Connect backend can translate the same analyzed
/// logical plan into Spark Connect relations instead.
public protocol ExecutionBackend: Sendable {
    /// Optimizes and runs an analyzed plan, returning its rows as batches in output order.
    func execute(_ analyzed: LogicalPlan, config: ExecutionConfig) throws(RivuletError) -> [RecordBatch]
    /// The optimized logical plan (for explain).
    func optimize(_ analyzed: LogicalPlan) throws(RivuletError) -> LogicalPlan
    /// The physical plan tree of an optimized plan (for explain).
    func explainPhysical(_ optimized: LogicalPlan, config: ExecutionConfig) throws(RivuletError) -> String
}

/// Runs plans in-process on Rivulet's parallel columnar engine.
public struct EmbeddedBackend: ExecutionBackend {
    private let optimizer: Optimizer

    public init(optimizer: Optimizer = Optimizer()) { self.optimizer = optimizer }

    public func optimize(_ analyzed: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try optimizer.optimize(analyzed)
    }

    public func execute(_ analyzed: LogicalPlan, config: ExecutionConfig) throws(RivuletError) -> [RecordBatch] {
        try QueryEngine(config: config).execute(try optimize(analyzed))
    }

    public func explainPhysical(_ optimized: LogicalPlan, config: ExecutionConfig) throws(RivuletError) -> String {
        try QueryEngine(config: config).explainPhysical(optimized)
    }
}
