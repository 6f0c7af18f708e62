import Foundation
import Rivulet

/// The JSON pipeline of the seed documents, with a file source standing in for Kafka: each line
/// of the input files is a JSON event; it is cast to a string column, parsed with `from_json`
/// against a schema, flattened and written as JSON files with exactly-once commits.
///
///     swift run json-pipeline [INPUT_DIR] [OUTPUT_DIR] [--once]
///
/// Without `--once` it keeps watching INPUT_DIR, triggering every minute, until Ctrl-C.
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
                .select("data.event_time", "data.user.name", "data.action", "data.amount")
            let writer = events.writeStream.format("json")
                .option("checkpointLocation", output + "/_checkpoint")
                .trigger(once ? .availableNow : try .processingTime("1 minute"))
            let query = try writer.start(output + "/events")
            try await query.awaitTermination()
            print("Wrote \(try spark.read.json(output + "/events").count()) events to \(output)/events")
        } catch {
            FileHandle.standardError.write(Data("json-pipeline: \(error)\n".utf8))
            exit(1)
        }
    }
}
