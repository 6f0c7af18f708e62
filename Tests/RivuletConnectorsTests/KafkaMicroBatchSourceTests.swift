import Foundation
import Testing
@testable import RivuletConnectors
import RivuletCore
import RivuletKafka
import RivuletStreaming
import RivuletTestPeers

/// The micro-batch source driven by hand, the way the engine calls it, with a manual clock.
@Suite(.timeLimit(.minutes(1)))
struct KafkaMicroBatchSourceTests {
    func produce(_ topic: String, _ values: [String], partition: Int32? = nil) throws {
        let schema = StructType([StructField("value", .string), StructField("partition", .integer)])
        let batch = try RecordBatch(schema: schema, columns: [
            ColumnVector(strings: values.map { Optional($0) }),
            ColumnVector(values: values.map { _ in partition.map { Value.int($0) } ?? .null }, type: .integer),
        ])
        try KafkaBatchWriter.write(batches: [batch], schema: schema, mode: "append",
                                   options: ["kafka.bootstrap.servers": try TestPeers.kafkaBootstrap(), "topic": topic])
    }

    func createTopic(_ topic: String, partitions: Int32) throws {
        let handle = KafkaClientHandle(configuration: try KafkaClientHandle.configuration(["bootstrap.servers": try TestPeers.kafkaBootstrap()]))
        try handle.call("to create \(topic)") { c async throws(KafkaError) in
            try await c.createTopic(topic, partitions: partitions, replicationFactor: 1)
        }
        handle.close()
    }

    /// Waits until the topic's partitions end at `total` offsets in all (the broker may lag a
    /// moment behind its produce acknowledgements under load).
    func waitForEnd(_ topic: String, total: Int64) throws {
        let handle = KafkaClientHandle(configuration: try KafkaClientHandle.configuration(["bootstrap.servers": try TestPeers.kafkaBootstrap()]))
        defer { handle.close() }
        let reader = KafkaOffsetReader(handle: handle, options: try KafkaSourceOptions(
            ["kafka.bootstrap.servers": try TestPeers.kafkaBootstrap(), "subscribe": topic], batch: true))
        let deadline = ContinuousClock.now + .seconds(10)
        while try reader.latest(try reader.partitions()).values.reduce(0, +) < total, ContinuousClock.now < deadline {
            usleep(20_000)
        }
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func minOffsetsPerTriggerWaitsUntilMaxTriggerDelay() async throws {
        let topic = "min-" + UUID().uuidString.prefix(8).lowercased()
        try await kafkaOffPool {
            try createTopic(topic, partitions: 1)
            try produce(topic, ["a", "b", "c"])
            try waitForEnd(topic, total: 3)
        }
        let clock = ManualClock(1_000_000)
        let source = try KafkaMicroBatchSource(
            options: ["kafka.bootstrap.servers": try TestPeers.kafkaBootstrap(), "subscribe": topic, "startingOffsets": "earliest",
                      "minOffsetsPerTrigger": "5", "maxTriggerDelay": "10s"],
            clock: { clock.millis })
        defer { source.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kmin-\(UUID().uuidString)").path
        try await kafkaOffPool { try source.start(checkpointDirectory: dir) }
        // The first trigger runs: the delay counts from the last batch, and there was none.
        let (e1, rows1) = try await kafkaOffPool { try runBatch(source, after: nil) }
        #expect(rows1.count == 3)
        #expect(e1?.json == "{\"\(topic)\":{\"0\":3}}")
        try await kafkaOffPool { try produce(topic, ["d", "e"]); try waitForEnd(topic, total: 5) }
        clock.advance(ms: 1000)
        // 2 new offsets < 5 and 1 s < 10 s: no batch.
        #expect(try await kafkaOffPool { try source.latestOffset(after: e1) } == e1)
        try await kafkaOffPool { try produce(topic, ["f", "g", "h"]); try waitForEnd(topic, total: 8) }
        // 5 new offsets: a batch.
        let (e2, rows2) = try await kafkaOffPool { try runBatch(source, after: e1) }
        #expect(rows2.count == 5)
        try await kafkaOffPool { try produce(topic, ["i"]); try waitForEnd(topic, total: 9) }
        clock.advance(ms: 9_999)
        #expect(try await kafkaOffPool { try source.latestOffset(after: e2) } == e2)
        clock.advance(ms: 1)
        let (_, rows3) = try await kafkaOffPool { try runBatch(source, after: e2) }
        #expect(rows3.map { $0[1] } == [.binary(Array("i".utf8))])
        // The initial offsets were written for a restart.
        #expect(try MetadataLog(directory: dir).get(0) == "{\"\(topic)\":{\"0\":0}}")
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func minPartitionsSplitsTheBatch() async throws {
        let topic = "minp-" + UUID().uuidString.prefix(8).lowercased()
        try await kafkaOffPool {
            try createTopic(topic, partitions: 2)
            try produce(topic, (0..<40).map { "x\($0)" }, partition: 0)
            try produce(topic, ["y"], partition: 1)
            try waitForEnd(topic, total: 41)
        }
        let source = try KafkaMicroBatchSource(options: ["kafka.bootstrap.servers": try TestPeers.kafkaBootstrap(), "subscribe": topic,
                                                         "startingOffsets": "earliest", "minPartitions": "5"])
        defer { source.stop() }
        let (parts, rows) = try await kafkaOffPool { () throws -> (Int, Int) in
            try source.start(checkpointDirectory: nil)
            guard let end = try source.latestOffset(after: nil) else { return (0, 0) }
            let scan = try source.planBatch(start: nil, end: end)
            return (try scan.partitions(requiredColumns: [4]).count, try readAll(scan, required: [4]).count)
        }
        #expect(parts == 5)
        #expect(rows == 41)
    }
}

/// Runs blocking test code on a thread of its own instead of a cooperative thread (the Kafka
/// client needs Swift's cooperative pool to open connections).
func kafkaOffPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        let t = Thread { c.resume(with: Result { try body() }) }
        t.stackSize = 8 << 20
        t.start()
    }
}
