import Rivulet
import RivuletCore

/// The word count through Rivulet's DataFrame API, the same plan the Spark script runs:
/// `spark.read.text(dir).select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count()`.
enum RivuletWordCount {
    /// Runs the query once with `shufflePartitions` and collects the (word, count) rows.
    static func run(directory: String, shufflePartitions: Int) throws(RivuletError) -> WordCounts {
        // Filled in when the DataFrame API (SparkSession, read.text, explode, split, groupBy) lands on main.
        throw RivuletError.unsupported(
            "rivulet-bench wordcount: the Rivulet DataFrame API is not available in this build yet (input '\(directory)', \(shufflePartitions) shuffle partitions)")
    }
}
