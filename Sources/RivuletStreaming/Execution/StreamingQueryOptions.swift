import RivuletExecution

/// How a streaming query runs: everything `writeStream` collected besides the plan and the sink.
public struct StreamingQueryOptions: Sendable {
    public var name: String?
    public var outputMode: OutputMode
    public var trigger: Trigger
    /// The checkpoint folder (offsets, commits, state).
    public var checkpointLocation: String
    /// Delete the checkpoint when the query stops (for the temporary checkpoints Spark creates for
    /// console and memory sinks when none is given).
    public var deleteCheckpointOnStop: Bool
    public var executionConfig: ExecutionConfig
    /// `spark.sql.streaming.minBatchesToRetain` (100).
    public var minBatchesToRetain: Int
    /// How long an idle query waits before polling its sources again
    /// (`spark.sql.streaming.pollingDelay`, 10 ms); sources that push data wake it at once.
    public var pollingDelay: Duration

    public init(
        name: String? = nil, outputMode: OutputMode = .append, trigger: Trigger = .default, checkpointLocation: String,
        deleteCheckpointOnStop: Bool = false, executionConfig: ExecutionConfig = ExecutionConfig(),
        minBatchesToRetain: Int = 100, pollingDelay: Duration = .milliseconds(10)
    ) {
        self.name = name
        self.outputMode = outputMode
        self.trigger = trigger
        self.checkpointLocation = checkpointLocation
        self.deleteCheckpointOnStop = deleteCheckpointOnStop
        self.executionConfig = executionConfig
        self.minBatchesToRetain = max(1, minBatchesToRetain)
        self.pollingDelay = pollingDelay
    }
}

/// What a query is doing right now (Spark's `StreamingQueryStatus`).
public struct StreamingQueryStatus: Sendable, CustomStringConvertible {
    public var message: String
    public var isDataAvailable: Bool
    public var isTriggerActive: Bool

    public var json: String {
        "{\"message\":\"\(message)\",\"isDataAvailable\":\(isDataAvailable),\"isTriggerActive\":\(isTriggerActive)}"
    }
    public var description: String {
        "{\n  \"message\" : \"\(message)\",\n  \"isDataAvailable\" : \(isDataAvailable),\n  \"isTriggerActive\" : \(isTriggerActive)\n}"
    }
}

/// A source that can tell the engine new data arrived, so an idle query wakes at once instead of
/// at its next poll (socket and memory sources).
public protocol NotifyingStreamingSource: StreamingSource {
    func setNewDataHandler(_ handler: @escaping @Sendable () -> Void)
}
