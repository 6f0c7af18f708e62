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

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func minOffsetsPerTriggerWaitsUntilMaxTriggerDelay() async throws { try await kafkaOffPool {
        let topic = "min-" + UUID().uuidString.prefix(8).lowercased()
        try createTopic(topic, partitions: 1)
        try produce(topic, ["a", "b", "c"])
        let clock = ManualClock(1_000_000)
        let source = try KafkaMicroBatchSource(
            options: ["kafka.bootstrap.servers": try TestPeers.kafkaBootstrap(), "subscribe": topic, "startingOffsets": "earliest",
                      "minOffsetsPerTrigger": "5", "maxTriggerDelay": "10s"],
            clock: { clock.millis })
        defer { source.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kmin-\(UUID().uuidString)").path
        try source.start(checkpointDirectory: dir)
        // The first trigger runs: the delay counts from the last batch, and there was none.
        let (e1, rows1) = try runBatch(source, after: nil)
        #expect(rows1.count == 3)
        #expect(e1?.json == "{\"\(topic)\":{\"0\":3}}")
        try produce(topic, ["d", "e"])
        clock.advance(ms: 1000)
        // 2 new offsets < 5 and 1 s < 10 s: no batch.
        #expect(try source.latestOffset(after: e1) == e1)
        try produce(topic, ["f", "g", "h"])
        // 5 new offsets: a batch.
        let (e2, rows2) = try runBatch(source, after: e1)
        #expect(rows2.count == 5)
        try produce(topic, ["i"])
        clock.advance(ms: 9_999)
        #expect(try source.latestOffset(after: e2) == e2)
        clock.advance(ms: 1)
        let (_, rows3) = try runBatch(source, after: e2)
        #expect(rows3.map { $0[1] } == [.binary(Array("i".utf8))])
        // The initial offsets were written for a restart.
        #expect(try MetadataLog(directory: dir).get(0) == "{\"\(topic)\":{\"0\":0}}")
    } }

    @Test(.enabled(if: TestPeers.enabled(.kafka)))
    func minPartitionsSplitsTheBatch() async throws { try await kafkaOffPool {
        let topic = "minp-" + UUID().uuidString.prefix(8).lowercased()
        try createTopic(topic, partitions: 2)
        try produce(topic, (0..<40).map { "x\($0)" }, partition: 0)
        try produce(topic, ["y"], partition: 1)
        let source = try KafkaMicroBatchSource(options: ["kafka.bootstrap.servers": try TestPeers.kafkaBootstrap(), "subscribe": topic,
                                                         "startingOffsets": "earliest", "minPartitions": "5"])
        defer { source.stop() }
        try source.start(checkpointDirectory: nil)
        let end = try #require(try source.latestOffset(after: nil))
        let scan = try source.planBatch(start: nil, end: end)
        let parts = try scan.partitions(requiredColumns: [4])
        #expect(parts.count == 5)
        #expect(try readAll(scan, required: [4]).count == 41)
    } }
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
