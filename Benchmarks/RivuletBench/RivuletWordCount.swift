import Rivulet

/// The word count through Rivulet's DataFrame API, the same plan the Spark script runs:
/// `spark.read.text(dir).select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count()`.
struct RivuletWordCount {
    /// The session, built once per process outside the timed section (as the Spark JVM is).
    let spark: SparkSession

    init(shufflePartitions: Int) {
        spark = SparkSession.builder.appName("rivulet-bench-wordcount")
            .config("spark.sql.shuffle.partitions", shufflePartitions).getOrCreate()
    }

    /// Runs the query once and collects the (word, count) rows.
    func run(directory: String) throws(RivuletError) -> WordCounts {
        let lines = try spark.read.text(directory)
        let counts = try lines.select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count()
        let rows = try counts.collect()
        var pairs: [(word: [UInt8], count: Int)] = []
        pairs.reserveCapacity(rows.count)
        for row in rows {
            guard row.values.count == 2, let n = row.getLong(1) else {
                throw RivuletError.internal("word count returned an unexpected row \(row.values)")
            }
            // A null word cannot come out of split(); keep it visible in the digest if it ever does.
            let word = row.getString(0).map { Array($0.utf8) } ?? Array("None".utf8)
            pairs.append((word, Int(n)))
        }
        return WordCounts(pairs: pairs)
    }
}
