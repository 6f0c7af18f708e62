import RivuletCore

/// What every operator needs while running one query: the config and the worker pool.
public final class ExecutionContext: Sendable {
    /// The settings the query runs with.
    public let config: ExecutionConfig
    /// The pool partitions run on.
    public let pool: WorkerPool

    /// A context for one query run.
    public init(config: ExecutionConfig) {
        self.config = config
        self.pool = WorkerPool(parallelism: config.parallelism)
    }
}

/// Receives the batches an operator produces for one partition.
public typealias BatchSink = (RecordBatch) throws(RivuletError) -> Void
