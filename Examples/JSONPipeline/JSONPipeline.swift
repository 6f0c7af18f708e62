import Foundation
import Rivulet

/// The seed JSON pipeline, with a file source standing in for Kafka: each line of the input files
/// is a JSON event; it is cast to a string column, parsed with `from_json` against a schema into
/// one struct column `data`, and written as Parquet (`part-…-c000.snappy.parquet`) with
/// exactly-once commits through the sink's `_spark_metadata` manifest:
///
/// ```swift
/// spark.readStream.text(input)
///     .selectExpr("cast(value as string) as json")
///     .select(from_json(col("json"), schema).as("data"))
///     .writeStream.format("parquet").trigger(processingTime: "1 minute")
///     .option("checkpointLocation", ...).start(output)
/// ```
///
///     swift run json-pipeline [INPUT_DIR] [OUTPUT_DIR] [--once]
///
/// Without `--once` it keeps watching INPUT_DIR, triggering every minute, until Ctrl-C. The
/// output folder `OUTPUT_DIR/events` is readable by `spark.read.parquet`, pyarrow
/// (`pyarrow.dataset.dataset(dir)`) and DuckDB (`read_parquet('dir/*.parquet')`), as
/// `Tests/RivuletCLITests/ParquetCrashRestartTests.swift` checks on this program's output.
@main
struct JSONPipeline {
    static func main() async {
        var args = Array(CommandLine.arguments.dropFirst())
        let once = args.contains("--once")
        args.removeAll { $0 == "--once" }
        let input = args.first ?? Bundle.module.resourceURL?.appendingPathComponent("data").path ?? "data"
        let output = args.count > 1 ? args[1] : "json-pipeline-out"
        do {
            let spark = SparkSession.builder.appName("json-pipeline").getOrCreate()
            let schema = try StructType.fromDDL("event_time TIMESTAMP, user STRUCT<id: INT, name: STRING>, action STRING, amount DOUBLE")
            let events = try spark.readStream.text(input)
                .selectExpr("cast(value as string) as json")
                .select(from_json(col("json"), schema).as("data"))
            let writer = events.writeStream.format("parquet")
                .option("checkpointLocation", output + "/_checkpoint")
            let query = try (once ? writer.trigger(.availableNow) : writer.trigger(processingTime: "1 minute")).start(output + "/events")
            try await query.awaitTermination()
            let written = try spark.read.parquet(output + "/events")
            print("Wrote \(try written.count()) events to \(output)/events as Parquet")
            try written.select("data.event_time", "data.user.name", "data.action", "data.amount").orderBy("event_time").show(truncate: false)
        } catch {
            FileHandle.standardError.write(Data("json-pipeline: \(error)\n".utf8))
            exit(1)
        }
    }
}
