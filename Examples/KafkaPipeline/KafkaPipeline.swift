import Foundation
import Rivulet

/// The seed pipeline on Kafka: JSON events in a Kafka topic → `CAST(value AS STRING)` →
/// `from_json` → counts and totals per one-minute window and action → Parquet files, with a
/// checkpoint.
///
///     scripts/peers/kafka-broker.sh start          # a local Kafka-protocol broker on 127.0.0.1:19092
///     swift run kafka-pipeline 127.0.0.1:19092 [OUTPUT_DIR]
///
/// It first writes 300 events to a new topic with Rivulet's own producer
/// (`write.format("kafka")`), then runs the streaming query with `Trigger.availableNow`: it
/// reads everything in the topic in micro-batches of at most 100 offsets, keeps the aggregation's
/// state in the checkpoint, rewrites the result table (Parquet, readable by pyarrow, DuckDB and
/// Spark) after each batch, prints it and exits. The aggregation runs in complete mode, which a
/// file sink does not take (as in Spark), so `foreachBatch` writes each batch's table.
@main
struct KafkaPipeline {
    static let actions = ["view", "click", "buy"]

    static func main() async {
        let args = Array(CommandLine.arguments.dropFirst())
        let bootstrap = args.first ?? "127.0.0.1:19092"
        let output = args.count > 1 ? args[1] : NSTemporaryDirectory() + "kafka-pipeline-\(UUID().uuidString.prefix(8))"
        let topic = "pipeline-events-\(UUID().uuidString.prefix(8).lowercased())"
        do {
            let spark = SparkSession.builder.appName("kafka-pipeline").getOrCreate()

            // 1. Produce the events: one JSON document per record, keyed by user.
            var rows: [[Value]] = []
            for i in 0..<300 {
                let ts = 1_767_225_600 + i * 2   // 2026-01-01T00:00:00Z, one event every two seconds
                let event = "{\"event_time\":\"\(isoTime(ts))\",\"user\":\"user\(i % 17)\",\"action\":\"\(actions[i * 7 % 3])\",\"amount\":\(Double(i % 50) / 2)}"
                rows.append([.string("user\(i % 17)"), .string(event)])
            }
            try spark.createDataFrame(rows, schema: "key STRING, value STRING")
                .write.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", topic).save()
            print("Produced 300 events to \(topic) at \(bootstrap)")

            // 2. The streaming query.
            let schema = "event_time TIMESTAMP, user STRING, action STRING, amount DOUBLE"
            let events = try spark.readStream.format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", 100)
                .load()
                .selectExpr("CAST(value AS STRING) AS json")
                .select(from_json(col("json"), schema).as("e"))
                .selectExpr("date_trunc('minute', e.event_time) AS window_start", "e.action AS action", "e.amount AS amount")
            let perWindow = try events.groupBy("window_start", "action")
                .agg(count("*").as("events"), round(sum(col("amount")), 2).as("total"))
            let results = output + "/windows"
            let query = try perWindow.writeStream
                .outputMode(.complete)
                .option("checkpointLocation", output + "/checkpoint")
                .trigger(.availableNow)
                .foreachBatch { batch, _ in try batch.write.mode("overwrite").parquet(results) }
                .start()
            try await query.awaitTermination()
            print("Processed \(query.recentProgress.count) micro-batches; result in \(results):")
            try spark.read.parquet(results)
                .orderBy("window_start", "action").show(30, truncate: false)
        } catch {
            FileHandle.standardError.write(Data("kafka-pipeline: \(error)\n".utf8))
            exit(1)
        }
    }

    /// `2026-01-01T00:00:00Z` for epoch seconds `s`.
    static func isoTime(_ s: Int) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(s)))
    }
}
