import RivuletCore
import RivuletSQL
import RivuletStreaming
import Synchronization

/// Spark's `memory` sink: keeps the result table in memory, queryable as a temporary view named
/// after the query (the API layer registers ``asScanSource(schema:)``).
///
/// Append and update mode add each batch's rows; complete mode replaces the table. A batch id at
/// or below the last one added is ignored (re-delivery after a restart), so the table is
/// exactly-once.
///
/// ```swift
/// let sink = MemorySink(queryName: "counts")
/// try sink.addBatch(0, batches, schema: schema, outputMode: .complete)
/// sink.snapshot()   // the rows of batch 0
/// ```
public final class MemorySink: StreamingSink {
    /// The query (and view) name.
    public let queryName: String?
    private struct State {
        var batches: [(id: Int64, data: [RecordBatch])] = []
        var latestBatchId: Int64 = -1
        var schema: StructType?
    }
    private let state = Mutex(State())

    /// An empty table.
    public init(queryName: String? = nil) { self.queryName = queryName }

    public var description: String { "MemorySink" }

    public func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {
        let data = batches.filter { $0.numRows > 0 }.map { $0.withSchema(schema) }
        state.withLock { s in
            guard batchId > s.latestBatchId else { return }
            switch outputMode {
            case .append, .update: s.batches.append((batchId, data))
            case .complete: s.batches = [(batchId, data)]
            }
            s.latestBatchId = batchId
            s.schema = schema
        }
    }

    /// The rows now in the table.
    public func snapshot() -> [RecordBatch] {
        state.withLock { $0.batches.flatMap(\.data) }
    }

    /// All rows, boxed (tests).
    public func allRows() -> [[Value]] {
        snapshot().flatMap { b in b.rows.map(\.values) }
    }

    /// The last batch id added, or nil.
    public var latestBatchId: Int64? { state.withLock { $0.latestBatchId < 0 ? nil : $0.latestBatchId } }

    /// Empties the table.
    public func clear() { state.withLock { $0.batches = [] } }

    /// A scan of the table that reads the rows current at execution time; `schema` is the query's
    /// output schema (defaults to the schema of the last batch).
    public func asScanSource(schema: StructType? = nil) -> any ScanSource {
        MemorySinkScan(sink: self, fixedSchema: schema ?? state.withLock { $0.schema } ?? StructType())
    }
}

/// The temporary view over a memory sink.
struct MemorySinkScan: ScanSource {
    let sink: MemorySink
    let fixedSchema: StructType
    var formatName: String { "memory" }
    var explainDetail: String { sink.queryName.map { "MemorySink[\($0)]" } ?? "MemorySink" }
    var schema: StructType { fixedSchema }

    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        [MemorySinkPartition(sink: sink, schema: fixedSchema, required: requiredColumns)]
    }
}

/// Reads the sink's rows when executed, not when planned.
struct MemorySinkPartition: ScanPartition {
    let sink: MemorySink
    let schema: StructType
    let required: [Int]?

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        for b in sink.snapshot() where b.numRows > 0 {
            let typed = b.schema.count == schema.count ? b.withSchema(schema) : b
            try emit(required.map { typed.project($0) } ?? typed)
        }
    }
}
