import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// The broker goes away in the middle of a query (its own broker on port 19103, stopped and
/// restarted with its data, as a broker restart does).
@Suite(.serialized, .timeLimit(.minutes(1)))
struct KafkaBrokerRestartTests {
    static let broker = OwnBroker(port: 19103)

    func query(_ spark: SparkSession, _ topic: String, table: String, ckpt: URL, extra: [String: String] = [:]) throws -> StreamingQuery {
        var reader = spark.readStream.format("kafka").option("kafka.bootstrap.servers", Self.broker.bootstrap)
            .option("subscribe", topic).option("startingOffsets", "earliest")
        for (k, v) in extra { reader = reader.option(k, v) }
        return try reader.load().selectExpr("partition", "offset", "CAST(value AS STRING) AS v")
            .writeStream.format("memory").queryName(table).option("checkpointLocation", ckpt.path).start()
    }

    func records(_ range: Range<Int>) -> [[String: Any]] { range.map { ["value": "r\($0)", "partition": $0 % 2] } }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func queryRidesOutABrokerRestart() async throws {
        let broker = Self.broker
        try broker.start()
        defer { try? broker.stop() }
        let topic = KafkaKit.topic("restart")
        try KafkaKit.create(topic, partitions: 2, bootstrap: broker.bootstrap)
        try KafkaKit.produce(topic, records(0..<50), bootstrap: broker.bootstrap)
        let spark = makeSession()
        let q = try query(spark, topic, table: "restart_a", ckpt: try makeTempDir(), extra: ["kafka.default.api.timeout.ms": "20000"])
        defer { q.stop() }
        try await q.processAllAvailableOff()
        #expect(try spark.table("restart_a").count() == 50)
        try broker.stop()
        usleep(800_000)   // the query polls a dead broker meanwhile
        try broker.start(keepData: true)
        try KafkaKit.produce(topic, records(50..<100), bootstrap: broker.bootstrap)
        try await q.processAllAvailableOff()
        #expect(q.isActive)
        let rows = try spark.table("restart_a").select("v").collect().compactMap { $0.getString(0) }
        #expect(rows.sorted() == (0..<100).map { "r\($0)" }.sorted(), "no record lost or read twice")
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func retryBudgetRunsOutThenTheCheckpointResumes() async throws {
        let broker = Self.broker
        try broker.start()
        defer { try? broker.stop() }
        let topic = KafkaKit.topic("budget")
        try KafkaKit.create(topic, partitions: 2, bootstrap: broker.bootstrap)
        try KafkaKit.produce(topic, records(0..<20), bootstrap: broker.bootstrap)
        let spark = makeSession()
        let ckpt = try makeTempDir()
        let budget = ["kafka.default.api.timeout.ms": "1000", "fetchOffset.numRetries": "1", "fetchOffset.retryIntervalMs": "100"]
        let q = try query(spark, topic, table: "budget_a", ckpt: ckpt, extra: budget)
        do { try await q.processAllAvailableOff() } catch {
            Issue.record("\(error); broker log: \((try? String(contentsOfFile: "/tmp/rivulet-kafka-19103/broker.log", encoding: .utf8)) ?? "-")")
            return
        }
        #expect(try spark.table("budget_a").count() == 20)
        try broker.stop()
        let t0 = ContinuousClock.now
        let failure = await failureOff { try q.awaitTerminationBlocking() }
        #expect(ContinuousClock.now - t0 < .seconds(20))
        #expect(failure.contains("[connector]"))
        #expect(failure.contains("kafka.bootstrap.servers=\(broker.bootstrap)"), "names the broker: \(failure)")
        // Back up: a new run from the same checkpoint continues where the failed one stopped.
        try broker.start(keepData: true)
        try KafkaKit.produce(topic, records(20..<30), bootstrap: broker.bootstrap)
        let q2 = try query(spark, topic, table: "budget_b", ckpt: ckpt)
        defer { q2.stop() }
        try await q2.processAllAvailableOff()
        let rows = try spark.table("budget_b").select("v").collect().compactMap { $0.getString(0) }
        #expect(rows.sorted() == (20..<30).map { "r\($0)" }.sorted())
    }
}
