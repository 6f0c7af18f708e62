import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// The Kafka sink against a real broker, read back with confluent-kafka.
@Suite(.timeLimit(.minutes(1)))
struct KafkaSinkTests {
    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func batchWriteWithColumnsAndTopicOption() async throws {
        let a = KafkaKit.topic("sink-a"), b = KafkaKit.topic("sink-b")
        try KafkaKit.create(a, partitions: 2)
        try KafkaKit.create(b, partitions: 1)
        let spark = makeSession()
        let df = try spark.createDataFrame(
            [[.string(a), .string("k1"), .string("one"), .int(1)], [.string(b), .null, .string("two"), .null],
             [.string(a), .string("k3"), .null, .int(0)]],
            schema: "topic STRING, key STRING, value STRING, partition INT")
        let bs = try KafkaKit.bootstrap()
        try await offPool { try df.write.format("kafka").option("kafka.bootstrap.servers", bs).save() }
        let gotA = try KafkaKit.consume(a).sorted { ($0.partition, $0.offset) < ($1.partition, $1.offset) }
        #expect(gotA == [KafkaKit.Consumed(partition: 0, offset: 0, key: "k3", value: nil), KafkaKit.Consumed(partition: 1, offset: 0, key: "k1", value: "one")])
        #expect(try KafkaKit.consume(b) == [KafkaKit.Consumed(partition: 0, offset: 0, key: nil, value: "two")])
        // The topic option overrides the column; headers and binary values pass through.
        let c = KafkaKit.topic("sink-c")
        try KafkaKit.create(c)
        let withHeaders = try spark.sql("SELECT 'ignored' AS topic, CAST('v' AS BINARY) AS value, array(named_struct('key', 'h', 'value', CAST('x' AS BINARY))) AS headers")
        try await offPool { try withHeaders.write.format("kafka").option("kafka.bootstrap.servers", bs).option("topic", c).mode("append").save() }
        let back = try await spark.read.format("kafka").option("kafka.bootstrap.servers", bs).option("subscribe", c)
            .option("includeHeaders", true).load().selectExpr("CAST(value AS STRING)", "headers[0].key", "CAST(headers[0].value AS STRING)").collectOff()
        #expect(rendered(back) == [["v", "h", "x"]])
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func sinkErrorsAreSparks() throws {
        let spark = makeSession()
        let df = try spark.createDataFrame([[.int(1)]], schema: "value INT")
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch let e as RivuletError { return e.message } catch { return "\(error)" }
        }
        let bs = try KafkaKit.bootstrap()
        #expect(message { try df.write.format("kafka").option("kafka.bootstrap.servers", bs).save() }
                == "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.")
        #expect(message { try df.write.format("kafka").option("kafka.bootstrap.servers", bs).option("topic", "t").save() }
                == "value attribute unsupported type int. value must be a(n) string or binary")
        #expect(message { try df.write.format("kafka").option("topic", "t").save() }
                == "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka producer")
        #expect(message { try df.write.format("kafka").mode("overwrite").option("topic", "t").save() }
                == "Save mode Overwrite not allowed for Kafka. Allowed save modes are Append and ErrorIfExists (default).")
        #expect(message { try df.write.format("kafka").option("kafka.bootstrap.servers", bs).option("kafka.value.serializer", "x").save() }
                == "Kafka option 'value.serializer' is not supported as value are serialized with ByteArraySerializer.")
        #expect(message { try df.write.format("kafka").option("kafka.bootstrap.servers", bs).option("topics", "t").save() }
                .hasPrefix("Unknown option 'topics' for the Kafka sink (did you mean 'topic'?)"))
        // Streaming: the columns are checked at start(), before any data.
        let stream = MemoryStream(schema: try StructType.fromDDL("key STRING"))
        #expect(message {
            _ = try stream.toDF(spark).writeStream.format("kafka").option("kafka.bootstrap.servers", bs).option("topic", "t")
                .option("checkpointLocation", try makeTempDir().path).start()
        } == "Required attribute 'value' not found")
        #expect(message {
            _ = try stream.toDF(spark).selectExpr("key AS value").writeStream.format("kafka").option("kafka.bootstrap.servers", bs)
                .option("topic", "t").option("kafka.lingerms", "5").option("checkpointLocation", try makeTempDir().path).start()
        }.contains("kafka.lingerms"))
    }

    /// Kafka -> Kafka in several batches; then the last batch is replayed (its commit-log entry is
    /// removed, as after a crash between the sink and the commit). The exactly-once sink skips it;
    /// the default at-least-once sink writes it again.
    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func exactlyOnceSinkSkipsAReplayedBatch() async throws {
        let input = KafkaKit.topic("eo-in")
        try KafkaKit.create(input, partitions: 2)
        try KafkaKit.produce(input, (0..<40).map { ["value": "e\($0)", "partition": $0 % 2] })
        for exactlyOnce in [true, false] {
            let output = KafkaKit.topic(exactlyOnce ? "eo-out" : "alo-out")
            try KafkaKit.create(output, partitions: 1)
            let ckpt = try makeTempDir().appendingPathComponent("ckpt")
            func run() async throws {
                let spark = makeSession()
                let q = try spark.readStream.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap())
                    .option("subscribe", input).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 10).load()
                    .selectExpr("CAST(value AS STRING) AS value")
                    .writeStream.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap()).option("topic", output)
                    .option("rivulet.exactlyOnce", exactlyOnce).option("checkpointLocation", ckpt.path)
                    .trigger(.availableNow).start()
                try await q.awaitTerminationOff()
            }
            try await run()
            let commits = ckpt.appendingPathComponent("commits")
            let last = try #require(try FileManager.default.contentsOfDirectory(atPath: commits.path).compactMap(Int.init).max())
            #expect(last == 3)
            try FileManager.default.removeItem(at: commits.appendingPathComponent(String(last)))
            try await run()
            let values = try KafkaKit.consume(output, isolation: "read_committed").compactMap(\.value)
            if exactlyOnce {
                #expect(values.sorted() == (0..<40).map { "e\($0)" }.sorted())
            } else {
                #expect(values.count == 50, "at-least-once: the replayed batch is written twice")
            }
        }
    }

    /// A run that crashed inside its transaction left it open; the next run with the same
    /// transactional id aborts it, so read_committed consumers never see those records.
    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func openTransactionOfACrashedRunIsAborted() async throws {
        let input = KafkaKit.topic("eo2-in"), output = KafkaKit.topic("eo2-out")
        try KafkaKit.create(input)
        try KafkaKit.create(output)
        try KafkaKit.produce(input, (0..<5).map { ["value": "r\($0)"] })
        let txid = "rivulet-test-" + output
        try KafkaKit.dangle(output, txid: txid, values: ["ghost1", "ghost2"])
        let spark = makeSession()
        let q = try spark.readStream.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap())
            .option("subscribe", input).option("startingOffsets", "earliest").load().select("value")
            .writeStream.format("kafka").option("kafka.bootstrap.servers", try KafkaKit.bootstrap()).option("topic", output)
            .option("kafka.transactional.id", txid).option("checkpointLocation", try makeTempDir().path)
            .trigger(.availableNow).start()
        try await q.awaitTerminationOff()
        #expect(try KafkaKit.consume(output, isolation: "read_committed").compactMap(\.value) == (0..<5).map { "r\($0)" })
        #expect(try KafkaKit.consume(output).compactMap(\.value).contains("ghost1"), "read_uncommitted still sees the aborted records")
    }
}
