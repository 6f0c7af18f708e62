import RivuletCore
import RivuletStreaming

/// A handle to a running streaming query (Spark's `StreamingQuery`).
///
/// ```swift
/// let q = try counts.writeStream.format("memory").queryName("counts").outputMode(.complete).start()
/// try q.processAllAvailable()
/// print(q.lastProgress?.prettyJson ?? "")
/// q.stop()
/// ```
public final class StreamingQuery: Sendable {
    let execution: MicroBatchExecution
    let session: SparkSession

    init(execution: MicroBatchExecution, session: SparkSession) {
        self.execution = execution
        self.session = session
    }

    /// Stable across restarts from the same checkpoint.
    public var id: String { execution.queryId }
    /// New for every start.
    public var runId: String { execution.runId }
    public var name: String? { execution.name }
    public var isActive: Bool { execution.isActive }
    public var status: StreamingQueryStatus { execution.currentStatus }
    public var lastProgress: StreamingQueryProgress? { execution.lastProgress }
    public var recentProgress: [StreamingQueryProgress] { execution.recentProgress }
    /// The error that stopped the query, if any.
    public var exception: RivuletError? { execution.exception }

    /// Waits until the query stops; rethrows its failure.
    public func awaitTermination() async throws(RivuletError) {
        await execution.terminated()
        if let e = execution.exception { throw e }
    }

    /// Waits at most `timeout`; true if the query stopped in time. Rethrows its failure.
    public func awaitTermination(timeout: Duration) async throws(RivuletError) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while execution.isActive && clock.now < deadline {
            try? await Task.sleep(for: min(.milliseconds(5), deadline - clock.now))
        }
        if let e = execution.exception { throw e }
        return !execution.isActive
    }

    /// Blocks until the query stops (for programs without async code).
    public func awaitTerminationBlocking() throws(RivuletError) { try execution.awaitTermination() }

    /// Blocks until all data available in the sources now has been processed.
    public func processAllAvailable() throws(RivuletError) { try execution.processAllAvailable() }

    /// Stops the query after its current batch and waits for it.
    public func stop() {
        execution.stop()
        session.streams.unregister(self)
    }

    /// The query's plan (`extended` adds the sink).
    public func explainString(extended: Bool = false) throws(RivuletError) -> String {
        var text = "== Analyzed Logical Plan ==\n" + execution.plan.treeString(verbose: true) + "\n"
        if extended { text += "== Sink ==\n" + execution.sink.description + "\n" }
        return text
    }

    public func explain(extended: Bool = false) throws(RivuletError) { print(try explainString(extended: extended), terminator: "") }
}
