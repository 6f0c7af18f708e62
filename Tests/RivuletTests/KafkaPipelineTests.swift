import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// The seed pipeline end to end (what `swift run kafka-pipeline` does): JSON events produced with
/// Rivulet's producer → Kafka source → `from_json` → counts and totals per minute and action,
/// rewritten as JSON files after every micro-batch, with a checkpoint; a second run with the same
/// checkpoint and new events continues from the saved state.
@Suite(.timeLimit(.minutes(1)))
struct KafkaPipelineTests {
    func produce(_ spark: SparkSession, _ topic: String, _ range: Range<Int>) throws {
        let rows: [[Value]] = range.map { i in
            let minute = i / 30
            let json = "{\"event_time\":\"2026-01-01T00:\(minute < 10 ? "0" : "")\(minute):\(String(format: "%02d", i % 30 * 2))Z\",\"action\":\"\(["view", "click", "buy"][i % 3])\",\"amount\":\(i % 5)}"
            return [.string(json)]
        }
        try spark.createDataFrame(rows, schema: "value STRING").write.format("kafka")
            .option("kafka.bootstrap.servers", try KafkaKit.bootstrap()).option("topic", topic).save()
    }

    func run(_ spark: SparkSession, _ topic: String, _ out: URL) throws -> [[String]] {
        let query = try spark.readStream.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap())
            .option("subscribe", topic).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 40).load()
            .selectExpr("CAST(value AS STRING) AS json")
            .select(from_json(col("json"), "event_time TIMESTAMP, action STRING, amount INT").as("e"))
            .selectExpr("date_trunc('minute', e.event_time) AS minute", "e.action AS action", "e.amount AS amount")
            .groupBy("minute", "action").agg(count("*").as("events"), sum(col("amount")).as("total"))
            .writeStream.outputMode(.complete).option("checkpointLocation", out.appendingPathComponent("ckpt").path)
            .trigger(.availableNow)
            .foreachBatch { batch, _ in try batch.write.mode("overwrite").parquet(out.appendingPathComponent("result").path) }
            .start()
        try query.awaitTerminationBlocking()
        return rendered(try spark.read.parquet(out.appendingPathComponent("result").path)
            .orderBy("minute", "action").collect())
    }

    func expected(_ n: Int) -> [[String]] {
        var groups: [String: (Int, Int)] = [:]
        for i in 0..<n {
            let key = "2026-01-01 00:\(String(format: "%02d", i / 30)):00|\(["view", "click", "buy"][i % 3])"
            groups[key, default: (0, 0)].0 += 1
            groups[key, default: (0, 0)].1 += i % 5
        }
        return groups.keys.sorted().map { k in
            let parts = k.split(separator: "|").map(String.init)
            return [parts[0], parts[1], String(groups[k]?.0 ?? 0), String(groups[k]?.1 ?? 0)]
        }
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func seedPipelineWithRestart() async throws {
        let topic = KafkaKit.topic("pipeline")
        let spark = makeSession()
        let out = try makeTempDir()
        try await offPool { try produce(spark, topic, 0..<150) }
        #expect(try await offPool { try run(spark, topic, out) } == expected(150))
        try await offPool { try produce(spark, topic, 150..<300) }
        #expect(try await offPool { try run(spark, topic, out) } == expected(300))
        let commits = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("ckpt/commits").path).count
        #expect(commits == 8, "150 events in batches of at most 40, twice")
    }
}
