import Foundation
import Rivulet

/// The main job: the Spark documentation's word count over the text files shipped with this
/// example, as a batch query, then the same question asked in SQL.
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
        let args = CommandLine.arguments.dropFirst()
        let input = args.first ?? Bundle.module.resourceURL?.appendingPathComponent("data").path ?? "data"
        let spark = SparkSession.builder.appName("word-count").config("spark.sql.shuffle.partitions", 4).getOrCreate()

        let lines = try spark.read.text(input)
        let words = try lines.select(explode(split(col("value"), " ")).alias("word"))
        let counts = try words.groupBy("word").count()
        print("Top words in \(input):")
        try counts.orderBy(col("count").desc(), col("word").asc()).show(10)

        try lines.createOrReplaceTempView("lines")
        let longest = try spark.sql("""
            SELECT word, length(word) AS len, count(*) AS n
            FROM (SELECT explode(split(value, ' ')) AS word FROM lines)
            GROUP BY word
            ORDER BY len DESC, word
            LIMIT 5
            """)
        print("Longest words:")
        try longest.show()
    }
}
