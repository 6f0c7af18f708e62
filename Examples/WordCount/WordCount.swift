import Foundation
import Rivulet

/// The main job: the Structured Streaming word count of Spark's programming guide, reading the
/// text files shipped with this example as a stream (two files per micro-batch, everything
/// available now), counting words with state kept between batches, and printing each batch's
/// complete result to the console.
///
///     swift run word-count [DIR]
@main
struct WordCount {
    static func main() {
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("word-count failed: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        let input = CommandLine.arguments.dropFirst().first
            ?? Bundle.module.resourceURL?.appendingPathComponent("data").path ?? "data"
        let spark = SparkSession.builder.appName("word-count").config("spark.sql.shuffle.partitions", 4).getOrCreate()

        let lines = try spark.readStream.option("maxFilesPerTrigger", 2).text(input)
        let words = try lines.select(explode(split(col("value"), " ")).alias("word"))
        let counts = try words.groupBy("word").count()

        let checkpoint = FileManager.default.temporaryDirectory.appendingPathComponent("word-count-\(UUID().uuidString)").path
        let query = try counts.orderBy(col("count").desc(), col("word"))
            .writeStream.format("console").outputMode(.complete).option("numRows", 8)
            .option("checkpointLocation", checkpoint).trigger(.availableNow).start()
        try query.awaitTerminationBlocking()
        if let p = query.lastProgress {
            print("Processed \(query.recentProgress.map(\.numInputRows).reduce(0, +)) lines in \(query.recentProgress.count) micro-batches; last batch \(p.batchId) took \(p.durationMs["triggerExecution"] ?? 0) ms")
        }
    }
}
