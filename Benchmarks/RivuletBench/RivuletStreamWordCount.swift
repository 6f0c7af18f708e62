import Foundation
import Rivulet

/// The Structured Streaming word count: the same query as the batch benchmark over a file stream
/// (`readStream.text`), complete mode into the memory sink, `availableNow` — as Spark's
/// `readStream.text` run in `scripts/bench/spark_stream_wordcount.py`.
struct RivuletStreamWordCount {
    let spark: SparkSession

    init(shufflePartitions: Int) {
        spark = SparkSession.builder.appName("rivulet-bench-stream-wordcount")
            .config("spark.sql.shuffle.partitions", shufflePartitions).getOrCreate()
    }

    /// Runs the query to completion; returns the counts and the number of micro-batches.
    func run(directory: String, maxFilesPerTrigger: Int, run: Int) throws -> (WordCounts, batches: Int) {
        var reader = spark.readStream
        if maxFilesPerTrigger > 0 { reader = reader.option("maxFilesPerTrigger", maxFilesPerTrigger) }
        let counts = try reader.text(directory).select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count()
        let checkpoint = NSTemporaryDirectory() + "rivulet-bench-stream-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: checkpoint) }
        let name = "wc_\(run)"
        let query = try counts.writeStream.format("memory").queryName(name).outputMode(.complete)
            .option("checkpointLocation", checkpoint).trigger(.availableNow).start()
        try query.awaitTerminationBlocking()
        let rows = try spark.table(name).collect()
        var pairs: [(word: [UInt8], count: Int)] = []
        for row in rows {
            guard let n = row.getLong(1) else { throw RivuletError.internal("unexpected row \(row.values)") }
            pairs.append((Array((row.getString(0) ?? "None").utf8), Int(n)))
        }
        return (WordCounts(pairs: pairs), query.recentProgress.count)
    }
}
