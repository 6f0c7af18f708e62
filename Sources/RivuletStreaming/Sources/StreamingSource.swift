import RivuletCore
import RivuletSQL

/// A source's position, kept as the JSON text Spark writes into `offsets/<batchId>`
/// (`{"logOffset":3}` for files, `{"topic":{"0":23}}` for Kafka, `42` for rate).
public struct SourceOffset: Sendable, Hashable, CustomStringConvertible {
    public var json: String
    public init(json: String) { self.json = json }
    public var description: String { json }
}

/// An unbounded input of a streaming query, read in micro-batches (Spark's `MicroBatchStream`).
///
/// The engine asks for the latest offset, logs the batch's range in the write-ahead log, then asks
/// for exactly that range. The same range must always yield the same rows (replay after a crash).
///
/// Call order: `start` once, then per trigger `latestOffset` → `planBatch` → (after the batch is
/// committed) `commit`; `stop` at the end.
public protocol StreamingSource: AnyObject, Sendable {
    /// Name in progress reports, e.g. `FileStreamSource[file:/data/in]`.
    var description: String { get }
    /// The rows' schema.
    var schema: StructType { get }
    /// Prepares the source; `checkpointDirectory` (`<checkpoint>/sources/<index>`) is where a source
    /// that needs its own log (the file source's seen-files log) keeps it.
    func start(checkpointDirectory: String?) throws(RivuletError)
    /// The end offset of the next batch given the previous batch's end (`nil` before the first
    /// batch), after applying the source's rate limits (`maxFilesPerTrigger`, ...). Returning `start`
    /// (or nil) means no new data.
    func latestOffset(after start: SourceOffset?) throws(RivuletError) -> SourceOffset?
    /// For `Trigger.availableNow`: fixes the end of the data available now; later
    /// `latestOffset` calls never go past it.
    func prepareForTriggerAvailableNow() throws(RivuletError)
    /// The rows in `(start, end]` as a bounded scan.
    func planBatch(start: SourceOffset?, end: SourceOffset) throws(RivuletError) -> any ScanSource
    /// Everything up to `end` is committed: the source may now discard, delete or archive it.
    func commit(_ end: SourceOffset) throws(RivuletError)
    /// Releases connections and files.
    func stop()
}

extension StreamingSource {
    public func prepareForTriggerAvailableNow() throws(RivuletError) {}
    public func commit(_ end: SourceOffset) throws(RivuletError) {}
    public func stop() {}
}

/// The placeholder a streaming DataFrame's plan holds for its source: a `ScanSource` that is
/// streaming, so analysis and optimization treat it like any relation, and that refuses batch
/// execution. The micro-batch engine replaces it with ``StreamingSource/planBatch(start:end:)``.
public final class StreamingScan: ScanSource, @unchecked Sendable {
    // @unchecked: both stored properties are immutable and Sendable (`any StreamingSource` is
    // Sendable through its protocol), the checker just cannot see through the existential class.
    public let source: any StreamingSource
    public let sourceName: String

    public init(source: any StreamingSource, sourceName: String) {
        self.source = source
        self.sourceName = sourceName
    }

    public var formatName: String { sourceName }
    public var explainDetail: String { source.description }
    public var schema: StructType { source.schema }
    public var isStreaming: Bool { true }

    public func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        throw RivuletError(.unsupportedOperation, "Queries with streaming sources must be executed with writeStream.start(); source: \(source.description)", errorClass: "UNSUPPORTED_FEATURE.QUERIES_WITH_STREAMING_SOURCES")
    }
}
