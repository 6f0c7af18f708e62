import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// The Kafka source's streaming behaviour: new partitions and topics, rate limits, data loss,
/// timestamps, bad options and unreachable brokers.
@Suite(.timeLimit(.minutes(1)))
struct KafkaSourceBehaviourTests {
    /// A memory-sink query over `topic` (or a pattern), returning the query and its table name.
    func start(_ spark: SparkSession, _ options: [String: String], ckpt: URL? = nil, trigger: Trigger = .default) throws -> (StreamingQuery, String) {
        let table = "k_" + UUID().uuidString.prefix(8).lowercased()
        var reader = spark.readStream.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap())
        for (k, v) in options { reader = reader.option(k, v) }
        let q = try reader.load().selectExpr("topic", "partition", "offset", "CAST(value AS STRING) AS v")
            .writeStream.format("memory").queryName(table).trigger(trigger)
            .option("checkpointLocation", (ckpt ?? (try makeTempDir())).path).start()
        return (q, table)
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch let e as RivuletError { return e.description } catch { return "\(error)" }
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func addedPartitionsAndMatchingTopicsArePickedUp() async throws {
        let prefix = KafkaKit.topic("pat")
        let t1 = prefix + "-a"
        try KafkaKit.create(t1, partitions: 1)
        try KafkaKit.produce(t1, [["value": "a0"]])
        let spark = makeSession()
        let (q, table) = try start(spark, ["subscribePattern": prefix + "-.*", "startingOffsets": "earliest"])
        defer { q.stop() }
        try await q.processAllAvailableOff()
        #expect(try spark.table(table).count() == 1)
        // A partition added to the topic, and a new topic matching the pattern.
        try KafkaKit.addPartitions(t1, total: 3)
        try KafkaKit.produce(t1, [["value": "a1", "partition": 1], ["value": "a2", "partition": 2]])
        let t2 = prefix + "-b"
        try KafkaKit.create(t2, partitions: 2)
        try KafkaKit.produce(t2, [["value": "b0", "partition": 0], ["value": "b1", "partition": 1]])
        try KafkaKit.produce(prefix + "x", [["value": "not matched"]])
        try await q.processAllAvailableOff()
        let rows = rendered(try spark.table(table).orderBy("v").select("v", "partition").collect())
        #expect(rows == [["a0", "0"], ["a1", "1"], ["a2", "2"], ["b0", "0"], ["b1", "1"]])
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func maxOffsetsPerTriggerSplitsByBacklog() async throws {
        let topic = KafkaKit.topic("rate")
        try KafkaKit.create(topic, partitions: 2)
        try KafkaKit.produce(topic, (0..<30).map { ["value": "x\($0)", "partition": $0 < 24 ? 0 : 1] })
        let spark = makeSession()
        let (q, table) = try start(spark, ["subscribe": topic, "startingOffsets": "earliest", "maxOffsetsPerTrigger": "10"], trigger: .availableNow)
        try await q.awaitTerminationOff()
        #expect(try spark.table(table).count() == 30)
        // Backlogs 24 and 6: the first batch takes 8 and 2.
        let first = try #require(q.recentProgress.first)
        #expect(first.numInputRows == 10)
        #expect(first.sources.first?.endOffset == "{\"\(topic)\":{\"0\":8,\"1\":2}}")
        #expect(q.recentProgress.map(\.numInputRows) == [10, 10, 10])
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func startingOffsetsByTimestamp() async throws {
        let topic = KafkaKit.topic("ts")
        try KafkaKit.create(topic, partitions: 1)
        // Recent timestamps: the broker drops records older than its retention at once.
        let base = Int(Date().timeIntervalSince1970 * 1000) - 100_000
        try KafkaKit.produce(topic, (0..<5).map { ["value": "t\($0)", "timestamp": base + $0 * 1000] })
        let spark = makeSession()
        let (q, table) = try start(spark, ["subscribe": topic, "startingTimestamp": String(base + 2000)], trigger: .availableNow)
        try await q.awaitTerminationOff()
        #expect(rendered(try spark.table(table).orderBy("offset").select("v").collect()) == [["t2"], ["t3"], ["t4"]])
        // No record at or after the timestamp: Spark's error by default, the latest offset with "latest".
        let future = base + 86_400_000
        let (q2, _) = try start(spark, ["subscribe": topic, "startingOffsetsByTimestamp": "{\"\(topic)\":{\"0\":\(future)}}"], trigger: .availableNow)
        #expect(await failureOff { try q2.awaitTerminationBlocking() }.contains("No offset matched from request of topic-partition \(topic)-0 and timestamp \(future)."))
        let (q3, t3) = try start(spark, ["subscribe": topic, "startingTimestamp": String(future), "startingOffsetsByTimestampStrategy": "latest"], trigger: .availableNow)
        try await q3.awaitTerminationOff()
        #expect(try spark.table(t3).count() == 0)
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func deletedTopicFailsOrIsSkippedByFailOnDataLoss() async throws {
        for failOnDataLoss in [true, false] {
            let gone = KafkaKit.topic("gone"), kept = KafkaKit.topic("kept")
            try KafkaKit.create(gone)
            try KafkaKit.create(kept)
            try KafkaKit.produce(gone, [["value": "g0"]])
            try KafkaKit.produce(kept, [["value": "k0"]])
            let spark = makeSession()
            let (q, table) = try start(spark, ["subscribe": "\(gone),\(kept)", "startingOffsets": "earliest", "failOnDataLoss": "\(failOnDataLoss)"])
            defer { q.stop() }
            try await q.processAllAvailableOff()
            #expect(try spark.table(table).count() == 2)
            try KafkaKit.delete(gone)
            try KafkaKit.produce(kept, [["value": "k1"]])
            if failOnDataLoss {
                let m = await failureOff { try q.processAllAvailable() }
                #expect(m.contains("[KAFKA_DATA_LOSS.PARTITIONS_DELETED] Some data may have been lost because they are not available in Kafka any more"))
                #expect(m.contains("Reason: Partitions Set(\(gone)-0) have been deleted."))
                #expect(!q.isActive)
            } else {
                try await q.processAllAvailableOff()
                #expect(rendered(try spark.table(table).orderBy("v").select("v").collect()) == [["g0"], ["k0"], ["k1"]])
                #expect(q.isActive)
            }
        }
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func offsetsBeyondTheLogAreDataLoss() async throws {
        let topic = KafkaKit.topic("oor")
        try KafkaKit.create(topic)
        try KafkaKit.produce(topic, (0..<3).map { ["value": "o\($0)"] })
        let spark = makeSession()
        let (q, _) = try start(spark, ["subscribe": topic, "startingOffsets": "{\"\(topic)\":{\"0\":10}}"])
        let m = await failureOff { try q.processAllAvailable() }
        #expect(m.contains("[KAFKA_DATA_LOSS.PARTITION_OFFSET_CHANGED]"))
        #expect(m.contains("Partition \(topic)-0 offset was changed from 10 to 3."))
        // With failOnDataLoss=false the range is skipped and reading goes on from the log's end.
        let (q2, t2) = try start(spark, ["subscribe": topic, "startingOffsets": "{\"\(topic)\":{\"0\":10}}", "failOnDataLoss": "false"])
        defer { q2.stop() }
        try await q2.processAllAvailableOff()
        try KafkaKit.produce(topic, [["value": "o3"]])
        try await q2.processAllAvailableOff()
        #expect(rendered(try spark.table(t2).select("v").collect()) == [["o3"]])
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func badOptionsFailAtLoadNamingTheOption() throws {
        let spark = makeSession()
        let bs = try KafkaKit.bootstrap()
        func load(_ options: [String: String]) -> String {
            message { _ = try spark.readStream.format("kafka").options(options).load() }
        }
        #expect(load(["subscribe": "t"]).contains("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer"))
        #expect(load(["kafka.bootstrap.servers": bs]).contains("One of the following options must be specified for Kafka source"))
        #expect(load(["kafka.bootstrap.servers": bs, "subscribe": "t", "maxOffsetsPerTriger": "5"]).contains("Unknown option 'maxoffsetspertriger'"))
        #expect(load(["kafka.bootstrap.servers": bs, "subscribe": "t", "kafka.fetch.max.bytes": "lots"]).contains("Invalid Kafka option 'kafka.fetch.max.bytes'"))
        #expect(load(["kafka.bootstrap.servers": bs, "subscribe": "t", "kafka.no.such.property": "1"]).contains("'kafka.no.such.property'"))
        #expect(load(["kafka.bootstrap.servers": "host:port", "subscribe": "t"]).contains("kafka.bootstrap.servers"))
        #expect(message { _ = try spark.readStream.format("kafka").schema("a INT").option("kafka.bootstrap.servers", bs).option("subscribe", "t").load() }
                .contains("Kafka source has a fixed schema and cannot be set with a custom one"))
        // Java-client properties without meaning here are accepted, as Spark passes them through.
        #expect(load(["kafka.bootstrap.servers": bs, "subscribe": "t", "kafka.session.timeout.ms": "6000", "kafka.group.id": "g"]) == "no error")
        #expect(message { _ = try spark.read.format("kafka").option("kafka.bootstrap.servers", bs).option("subscribe", "t").option("startingOffsets", "latest").load() }
                .contains("starting offset can't be latest for batch queries on Kafka"))
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func unreachableBrokerFailsWithTheAddressInBoundedTime() async throws {
        let spark = makeSession()
        let t0 = ContinuousClock.now
        let q = try spark.readStream.format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:1").option("subscribe", "t")
            .option("kafka.socket.connection.setup.timeout.ms", "1500").load()
            .writeStream.format("noop").start()
        let m = await failureOff { try q.awaitTerminationBlocking() }
        #expect(ContinuousClock.now - t0 < .seconds(15))
        #expect(m.contains("[KAFKA_CONNECTION_FAILED] Cannot connect to Kafka (kafka.bootstrap.servers=127.0.0.1:1)"))
        #expect(m.contains("127.0.0.1:1:"), "the cause per address: \(m)")
        let batch = await failureOff { _ = try spark.read.format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:1").option("subscribe", "t")
            .option("kafka.socket.connection.setup.timeout.ms", "500").load().count() }
        #expect(batch.contains("Cannot connect to Kafka (kafka.bootstrap.servers=127.0.0.1:1)"))
    }
}
