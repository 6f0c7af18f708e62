import RivuletCore

/// A readable relation supplied by a connector (files, in-memory data, later streaming sources).
///
/// SQL and Execution only see this protocol; connectors implement it, so the engine never imports
/// the layer above it.
public protocol ScanSource: Sendable {
    /// Short name for `explain()`, e.g. `text`, `csv`, `json`.
    var formatName: String { get }
    /// Extra detail for `explain()`, e.g. `Location: [data/words]`.
    var explainDetail: String { get }
    /// Whether this relation is an unbounded stream; see the extension's default.
    var isStreaming: Bool { get }
    /// The full schema of the relation.
    var schema: StructType { get }
    /// Splits the scan into independently readable partitions. `requiredColumns` (indices into
    /// ``schema``, ascending) lets a source skip columns; `nil` means all. Every batch a partition
    /// emits must have exactly the required columns, in that order.
    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition]
}

extension ScanSource {
    /// Whether this relation is an unbounded stream (a `readStream` source). A streaming relation
    /// only produces data inside a running streaming query, which swaps it for the micro-batch's
    /// bounded scan; batch actions on it fail with Spark's "must be executed with
    /// writeStream.start()" error.
    public var isStreaming: Bool { false }
}

extension LogicalPlan {
    /// True if any leaf of the plan is a streaming relation.
    public var isStreaming: Bool {
        if case .scan(let s) = self, s.source.isStreaming { return true }
        return children.contains { $0.isStreaming }
    }
}

/// One unit of parallel reading.
public protocol ScanPartition: Sendable {
    /// Reads the partition, handing each batch to `emit`.
    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError)
}

/// Looks up tables and temporary views by name for the analyzer.
public protocol Catalog: Sendable {
    /// The plan behind `name` (case-insensitive), or nil.
    func lookupRelation(_ name: [String]) -> LogicalPlan?
    /// Every known relation name (for "did you mean" suggestions).
    var relationNames: [String] { get }
}
