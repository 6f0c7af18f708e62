import RivuletCore
import RivuletStreaming

/// Custom per-row output for `writeStream.foreach(...)` (Spark's `ForeachWriter`).
///
/// For every partition of every micro-batch the sink calls `open(partitionId:epochId:)`; when it
/// returns true, `process` for each row; then always `close(error:)` with the error that stopped
/// the partition, or nil. Returning false from `open` skips the partition (e.g. because this
/// epoch was already written: the sink is at-least-once, deduplicate with `epochId`). User code
/// may throw any error; it fails the batch.
///
/// ```swift
/// final class Printer: ForeachWriter {
///     func open(partitionId: Int64, epochId: Int64) throws -> Bool { true }
///     func process(_ row: Row) throws { print(row) }
///     func close(error: (any Error)?) {}
/// }
/// ```
public protocol ForeachWriter: Sendable {
    /// Prepares to write one partition of epoch (batch) `epochId`; false skips it.
    func open(partitionId: Int64, epochId: Int64) throws -> Bool
    /// Writes one row.
    func process(_ row: Row) throws
    /// Ends the partition; `error` is what stopped it, if anything.
    func close(error: (any Error)?)
}

/// Drives a ``ForeachWriter``: each input `RecordBatch` of a micro-batch is one partition (an
/// empty micro-batch still opens and closes partition 0, as Spark runs its tasks).
public struct ForeachSink: StreamingSink {
    /// The user's writer.
    public let writer: any ForeachWriter

    /// A sink driving `writer`.
    public init(writer: any ForeachWriter) { self.writer = writer }

    public var description: String { "ForeachSink" }

    public func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {
        let parts = batches.isEmpty ? [RecordBatch.empty(schema)] : batches
        for (p, batch) in parts.enumerated() {
            do {
                guard try writer.open(partitionId: Int64(p), epochId: batchId) else {
                    writer.close(error: nil)
                    continue
                }
                for r in 0..<batch.numRows {
                    try writer.process(Row(values: batch.columns.map { $0.value(at: r) }, schema: schema))
                }
                writer.close(error: nil)
            } catch {
                writer.close(error: error)
                if let e = error as? RivuletError { throw e }
                throw RivuletError(.execution, "ForeachWriter failed in partition \(p) of batch \(batchId): \(error)", cause: error)
            }
        }
    }
}
