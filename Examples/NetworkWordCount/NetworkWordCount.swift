import Foundation
import Rivulet

/// Spark's structured network word count: run `nc -lk 9999` in another terminal, then
///
///     swift run network-word-count [host] [port]
///
/// and type lines into nc; every micro-batch prints the running counts. Ctrl-C stops it.
@main
struct NetworkWordCount {
    static func main() async {
        let args = Array(CommandLine.arguments.dropFirst())
        let host = args.first ?? "localhost"
        let port = args.count > 1 ? args[1] : "9999"
        do {
            let spark = SparkSession.builder.appName("StructuredNetworkWordCount").getOrCreate()
            let lines = try spark.readStream.format("socket").option("host", host).option("port", port).load()
            let words = try lines.select(expr("explode(split(value, ' ')) as word"))
            let wordCounts = try words.groupBy("word").count()
            let query = try wordCounts.writeStream.outputMode(.complete).format("console")
                .option("checkpointLocation", ".checkpoint").start()
            try await query.awaitTermination()
        } catch {
            FileHandle.standardError.write(Data("network-word-count: \(error)\n".utf8))
            exit(1)
        }
    }
}
