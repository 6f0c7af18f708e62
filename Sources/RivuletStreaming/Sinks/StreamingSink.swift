import RivuletCore

/// How a streaming query's result table is written to its sink each trigger.
public enum OutputMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Only new rows, which will never change again.
    case append
    /// Only rows that changed in this trigger.
    case update
    /// The whole result table every trigger.
    case complete

    /// Parses Spark's names (`"append"`, `"Update"`, `"COMPLETE"`).
    public init?(sparkName: String) { self.init(rawValue: sparkName.lowercased()) }
    public var description: String { rawValue.capitalized }
}

/// An output of a streaming query (Spark's `Sink`).
///
/// `addBatch` is called once per micro-batch with the batch id; after a crash the last batch may be
/// delivered again with the same id and must not be applied twice (exactly-once sinks remember the
/// ids they committed; at-least-once sinks document it).
public protocol StreamingSink: Sendable {
    /// Name in progress reports, e.g. `FileSink[out/]`.
    var description: String { get }
    /// Writes the rows of micro-batch `batchId`.
    func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError)
    /// Called when the query stops.
    func stop()
}

extension StreamingSink {
    public func stop() {}
}
