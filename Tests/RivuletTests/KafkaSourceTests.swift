import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// The Kafka source against a real broker, with confluent-kafka as the producer.
@Suite(.timeLimit(.minutes(1)))
struct KafkaSourceTests {
    func reader(_ spark: SparkSession, _ topic: String) throws -> DataFrameReader {
        spark.read.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap()).option("subscribe", topic)
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func batchReadOfAllPartitions() async throws {
        let topic = KafkaKit.topic("src-batch")
        try KafkaKit.create(topic, partitions: 3)
        // Recent timestamps: the broker drops records older than its retention at once.
        let base = Int(Date().timeIntervalSince1970 * 1000) - 60_000
        var records: [[String: Any]] = []
        for i in 0..<30 {
            var r: [String: Any] = ["value": "v\(i)", "partition": i % 3, "timestamp": base + i]
            if i % 2 == 0 { r["key"] = "k\(i)" }
            if i == 4 { r["headers"] = [["h", "x"], ["n", NSNull()]] }
            records.append(r)
        }
        try KafkaKit.produce(topic, records)
        let spark = makeSession()
        let df = try reader(spark, topic).option("includeHeaders", true).load()
        #expect(df.schema.ddl == "key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT, timestamp TIMESTAMP, timestampType INT, headers ARRAY<STRUCT<key: STRING, value: BINARY>>")
        let rows = try await df.selectExpr("CAST(key AS STRING) k", "CAST(value AS STRING) v", "topic", "partition", "offset",
                                           "unix_millis(timestamp) ts", "timestampType", "size(headers) h")
            .orderBy("partition", "offset").collectOff()
        #expect(rows.count == 30)
        let r4 = try #require(rows.first { $0.getString(1) == "v4" })
        #expect(rendered([r4]) == [["k4", "v4", topic, "1", "1", String(base + 4), "0", "2"]])
        let r1 = try #require(rows.first { $0.getString(1) == "v1" })
        #expect(r1.values[0].isNull)
        #expect(rendered(try await df.where("partition = 2").selectExpr("max(offset)", "count(*)").collectOff()) == [["9", "10"]])
        // Headers keep order and null values.
        let h = try await df.where("CAST(value AS STRING) = 'v4'").selectExpr("headers[0].key", "CAST(headers[0].value AS STRING)", "headers[1].value IS NULL").collectOff()
        #expect(rendered(h) == [["h", "x", "true"]])
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func batchReadBetweenOffsets() async throws {
        let topic = KafkaKit.topic("src-range")
        try KafkaKit.create(topic, partitions: 2)
        try KafkaKit.produce(topic, (0..<20).map { ["value": "\($0)", "partition": $0 % 2] })
        let spark = makeSession()
        let df = try reader(spark, topic)
            .option("startingOffsets", "{\"\(topic)\":{\"0\":2,\"1\":-2}}")
            .option("endingOffsets", "{\"\(topic)\":{\"0\":5,\"1\":-1}}")
            .option("minPartitions", 4)
            .load()
        let got = try await df.selectExpr("partition", "offset").orderBy("partition", "offset").collectOff()
        #expect(rendered(got) == [["0", "2"], ["0", "3"], ["0", "4"]] + (0..<10).map { ["1", "\($0)"] })
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func streamReadsFromEarliestAndKeepsUp() async throws {
        let topic = KafkaKit.topic("src-stream")
        try KafkaKit.create(topic, partitions: 2)
        try KafkaKit.produce(topic, (0..<6).map { ["value": "a\($0)", "partition": $0 % 2] })
        let spark = makeSession()
        let dir = try makeTempDir()
        let df = try spark.readStream.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap())
            .option("subscribe", topic).option("startingOffsets", "earliest").load()
        let q = try df.selectExpr("CAST(value AS STRING) AS v", "partition", "offset").writeStream.format("memory")
            .queryName("ksrc_\(topic.replacingOccurrences(of: "-", with: "_"))")
            .option("checkpointLocation", dir.appendingPathComponent("ckpt").path).start()
        defer { q.stop() }
        try await q.processAllAvailableOff()
        let table = "ksrc_\(topic.replacingOccurrences(of: "-", with: "_"))"
        #expect(try spark.table(table).count() == 6)
        try KafkaKit.produce(topic, (6..<10).map { ["value": "a\($0)", "partition": $0 % 2] })
        try await q.processAllAvailableOff()
        #expect(rendered(try spark.table(table).orderBy("v").select("v").collect()).flatMap { $0 } == (0..<10).map { "a\($0)" })
        // The checkpoint holds Spark's offsets JSON.
        let log = dir.appendingPathComponent("ckpt/offsets")
        let last = try FileManager.default.contentsOfDirectory(atPath: log.path).compactMap(Int.init).max() ?? -1
        let offsets = try String(contentsOf: log.appendingPathComponent(String(last)), encoding: .utf8)
        #expect(offsets.hasSuffix("{\"\(topic)\":{\"0\":5,\"1\":5}}"))
        let initial = try String(contentsOf: dir.appendingPathComponent("ckpt/sources/0/0"), encoding: .utf8)
        #expect(initial == "v1\n{\"\(topic)\":{\"0\":0,\"1\":0}}")
        #expect(q.lastProgress?.sources.first?.description == "KafkaV2[Subscribe[\(topic)]]")
    }
}
