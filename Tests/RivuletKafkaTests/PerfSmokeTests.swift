import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

/// Throughput smoke test, run only with RIVULET_KAFKA_PERF=<records> (prints rates; the release
/// benchmark compares with librdkafka).
@Suite struct PerfSmokeTests {
    static var count: Int? { ProcessInfo.processInfo.environment["RIVULET_KAFKA_PERF"].flatMap(Int.init) }

    @Test(.enabled(if: count != nil && TestPeers.enabled(.kafka)))
    func produceThenConsume() async throws {
        let n = Self.count ?? 0
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration(["linger.ms": "5", "batch.size": "262144", "compression.type": ProcessInfo.processInfo.environment["RIVULET_KAFKA_PERF_CODEC"] ?? "none"]))
        let topic = KafkaTestSupport.uniqueTopic("perf")
        try await producer.client.createTopic(topic, partitions: 4, replicationFactor: 1)
        let value = [UInt8](repeating: 0x61, count: 100)
        var start = ContinuousClock.now
        for i in 0..<n { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i & 3), value: value)) }
        try await producer.flush()
        var elapsed = ContinuousClock.now - start
        print("PERF produce \(n) in \(elapsed): \(Double(n) / (Double(elapsed.milliseconds) / 1000)) rec/s")
        start = ContinuousClock.now
        let reader = KafkaPartitionReader(client: producer.client, ranges: Dictionary(uniqueKeysWithValues: (0..<4).map { (TopicPartition(topic, $0), Int64(0)..<Int64(n / 4)) }))
        var got = 0
        while let batch = try await reader.next() { got += batch.count }
        elapsed = ContinuousClock.now - start
        print("PERF consume \(got) in \(elapsed): \(Double(got) / (Double(elapsed.milliseconds) / 1000)) rec/s")
        #expect(got == n)
        await producer.close()
    }
}
