import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

/// The client's protocol tests against a second broker implementation: librdkafka's mock cluster
/// with 3 brokers (auto-created topics have 4 partitions spread over the brokers).
@Suite("Kafka client against librdkafka's mock cluster")
struct MockClusterTests {
    func configuration(_ mock: MockCluster, _ extra: [String: String] = [:]) throws -> KafkaConfiguration {
        try KafkaTestSupport.configuration(extra, bootstrap: mock.bootstrap)
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func metadataProduceFetchAndListOffsetsAcrossThreeBrokers() async throws {
        let mock = try MockCluster(brokers: 3)
        defer { mock.stop() }
        let producer = try await KafkaProducer.connect(try configuration(mock, ["linger.ms": "1", "compression.type": "lz4"]))
        let client = producer.client
        let topic = KafkaTestSupport.uniqueTopic("mock")
        // The mock auto-creates topics on first use.
        for i in 0..<200 { try await producer.send(KafkaProducerRecord(topic: topic, partition: nil, key: Array("k\(i)".utf8), value: Array("v\(i)".utf8))) }
        try await producer.flush()
        let metadata = try await client.metadata(topics: [topic])
        #expect(metadata.brokers.count == 3)
        let partitions = try #require(metadata.topics[topic])
        #expect(partitions.count >= 2)
        #expect(Set(partitions.map(\.leader)).count > 1, "leaders spread over brokers: \(partitions.map(\.leader))")
        let count = Int32(partitions.count)
        let records = try await KafkaTestSupport.readAll(client, topic: topic, partitions: count)
        #expect(records.count == 200)
        for r in records {
            let key = try #require(r.key)
            #expect(r.partition == Murmur2.partition(for: key, partitionCount: Int(count)))
            #expect(String(decoding: r.value ?? [], as: UTF8.self) == "v" + String(decoding: key.dropFirst(), as: UTF8.self))
        }
        let tps = (0..<count).map { TopicPartition(topic, $0) }
        let latest = try await client.listOffsets(Dictionary(uniqueKeysWithValues: tps.map { ($0, KafkaOffsetSpec.latest) }), isolation: .readUncommitted)
        let earliest = try await client.listOffsets(Dictionary(uniqueKeysWithValues: tps.map { ($0, KafkaOffsetSpec.earliest) }), isolation: .readUncommitted)
        #expect(latest.values.reduce(0, +) == 200)
        #expect(earliest.values.allSatisfy { $0 == 0 })
        for tp in tps { #expect(latest[tp] == Int64(records.filter { $0.partition == tp.partition }.count)) }
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func idempotentAndTransactionalProducerOnTheMock() async throws {
        let mock = try MockCluster(brokers: 3)
        defer { mock.stop() }
        let topic = KafkaTestSupport.uniqueTopic("mocktxn")
        let producer = try await KafkaProducer.connect(try configuration(mock, ["transactional.id": "tx-\(topic)"]))
        try await producer.initTransactions()
        try producer.beginTransaction()
        for i in 0..<20 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("c\(i)".utf8))) }
        try await producer.commitTransaction()
        try producer.beginTransaction()
        for i in 0..<10 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("a\(i)".utf8))) }
        try await producer.flush()
        try await producer.abortTransaction()
        // The mock keeps no aborted-transaction index (its Fetch responses list none, so librdkafka's
        // own read_committed consumer sees the aborted records too): check that the committed ones
        // are all there under read_committed; skipping aborted records is tested against noida.
        let committed = try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 2, isolation: .readCommitted)
        let values = Set(committed.map { String(decoding: $0.value ?? [], as: UTF8.self) })
        #expect(values.isSuperset(of: (0..<20).map { "c\($0)" }))
        let all = try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 2, isolation: .readUncommitted)
        #expect(all.count == 30)
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func partitionReaderReadsARangeAndBacksOffWhenIdle() async throws {
        let mock = try MockCluster(brokers: 3)
        defer { mock.stop() }
        let producer = try await KafkaProducer.connect(try configuration(mock))
        let topic = KafkaTestSupport.uniqueTopic("mockreader")
        for i in 0..<100 { try await producer.send(KafkaProducerRecord(topic: topic, partition: 0, value: Array("\(i)".utf8))) }
        try await producer.flush()
        let tp = TopicPartition(topic, 0)
        let reader = KafkaPartitionReader(client: producer.client, ranges: [tp: 10..<60])
        var got: [Int64] = []
        while let batch = try await reader.next() { got += batch.map(\.offset) }
        #expect(got == Array(10..<60))
        // An idle unbounded reader waits with growing pauses instead of spinning.
        let idle = KafkaPartitionReader(client: producer.client, ranges: [tp: 100..<Int64.max], maxBackoff: .milliseconds(50))
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .milliseconds(400) { _ = try await idle.next() }
        let fetches = await idle.fetchCount
        #expect(fetches < 40, "an idle reader made \(fetches) fetches in 400 ms")
        #expect(await idle.emptyFetchCount == fetches)
        await idle.close()
        await producer.close()
    }
}

