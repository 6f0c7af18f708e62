import RivuletCore
import RivuletSQL
import RivuletStreaming

/// Hands each micro-batch to a Swift closure as a DataFrame (Spark's `foreachBatch`). Runs only in
/// the embedded engine: Spark Connect clients cannot ship a Swift closure to a cluster.
struct ForeachBatchSink: StreamingSink {
    let session: SparkSession
    let function: @Sendable (DataFrame, Int64) throws -> Void

    var description: String { "ForeachBatchSink" }

    func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {
        let output = schema.fields.map { AttributeReference(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) }
        let df = DataFrame(session: session, analyzed: .localRelation(LocalRelation(output: output, batches: batches)))
        do {
            try function(df, batchId)
        } catch let e as RivuletError {
            throw e
        } catch {
            throw RivuletError(.execution, "foreachBatch function failed in batch \(batchId): \(error)", cause: error)
        }
    }
}
