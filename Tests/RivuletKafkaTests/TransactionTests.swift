import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

@Suite("Idempotent and transactional producer against the peer broker")
struct TransactionTests {
    func values(_ records: [KafkaRecord]) -> [String] {
        records.map { String(decoding: $0.value ?? [], as: UTF8.self) }
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func idempotentProducerWritesEachRecordOnceInOrder() async throws {
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration([
            "enable.idempotence": "true", "batch.size": "2000", "linger.ms": "1", "max.in.flight.requests.per.connection": "5",
        ]))
        let topic = KafkaTestSupport.uniqueTopic("idem")
        try await producer.client.createTopic(topic, partitions: 2, replicationFactor: 1)
        #expect(producer.state.withLock { $0.producerId } >= 0)
        for i in 0..<2000 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("\(i)".utf8))) }
        try await producer.flush()
        let records = try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 2)
        #expect(records.count == 2000)
        for p in Int32(0)..<2 {
            let got = values(records.filter { $0.partition == p })
            #expect(got == (0..<2000).filter { $0 % 2 == Int(p) }.map { "\($0)" })
        }
        // Sequence numbers advanced by exactly the records sent per partition.
        #expect(producer.state.withLock { $0.queues[TopicPartition(topic, 0)]?.nextSequence } == 1000)
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func committedVisibleAbortedSkippedUnderReadCommitted() async throws {
        let topic = KafkaTestSupport.uniqueTopic("txn")
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration(["transactional.id": "tx-\(topic)"]))
        try await producer.client.createTopic(topic, partitions: 2, replicationFactor: 1)
        await #expect(throws: KafkaError.self) { try await producer.send(KafkaProducerRecord(topic: topic, value: [1])) }
        try await producer.initTransactions()
        await #expect { try await producer.send(KafkaProducerRecord(topic: topic, value: [1])) } throws: { error in
            guard let e = error as? KafkaError, case .invalidState = e.code else { return false }
            return e.message.contains("beginTransaction")
        }

        try producer.beginTransaction()
        for i in 0..<10 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("c1-\(i)".utf8))) }
        try await producer.commitTransaction()

        try producer.beginTransaction()
        for i in 0..<6 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("a-\(i)".utf8))) }
        try await producer.flush()  // make sure the aborted records reach the log
        try await producer.abortTransaction()

        try producer.beginTransaction()
        for i in 0..<4 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("c2-\(i)".utf8))) }
        try await producer.commitTransaction()

        let committed = values(try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 2, isolation: .readCommitted))
        #expect(committed.sorted() == ((0..<10).map { "c1-\($0)" } + (0..<4).map { "c2-\($0)" }).sorted())
        let uncommitted = values(try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 2, isolation: .readUncommitted))
        #expect(uncommitted.sorted() == ((0..<10).map { "c1-\($0)" } + (0..<6).map { "a-\($0)" } + (0..<4).map { "c2-\($0)" }).sorted())
        // librdkafka under read_committed agrees.
        let output = try TestPeers.runPython(PeerScripts.consume, arguments: [try TestPeers.kafkaBootstrap(), topic, "2", "14", "read_committed"])
        let theirs = try PeerRecord.parseLines(output).map { String(decoding: KafkaTestSupport.bytes(hex: $0.value) ?? [], as: UTF8.self) }
        #expect(theirs.sorted() == committed.sorted())
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func openTransactionIsInvisibleUnderReadCommitted() async throws {
        let topic = KafkaTestSupport.uniqueTopic("txnopen")
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration(["transactional.id": "tx-\(topic)"]))
        try await producer.client.createTopic(topic, partitions: 1, replicationFactor: 1)
        try await producer.initTransactions()
        try producer.beginTransaction()
        for i in 0..<5 { try await producer.send(KafkaProducerRecord(topic: topic, partition: 0, value: Array("o-\(i)".utf8))) }
        try await producer.flush()
        let tp = TopicPartition(topic, 0)
        let lso = try await producer.client.listOffsets([tp: .latest], isolation: .readCommitted)
        let hw = try await producer.client.listOffsets([tp: .latest], isolation: .readUncommitted)
        #expect(lso[tp] == 0 && hw[tp] == 5)
        let fetched = try await producer.client.fetch([tp: 0], isolation: .readCommitted)
        #expect(fetched[tp]?.records.isEmpty == true)
        try await producer.commitTransaction()
        let after = try await producer.client.fetch([tp: 0], isolation: .readCommitted)
        #expect(values(after[tp]?.records ?? []) == (0..<5).map { "o-\($0)" })
        #expect(after[tp]?.nextOffset == 6)  // past the commit marker
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func secondProducerWithSameTransactionalIdFencesTheFirst() async throws {
        let topic = KafkaTestSupport.uniqueTopic("fence")
        let config = try KafkaTestSupport.configuration(["transactional.id": "tx-\(topic)", "delivery.timeout.ms": "10000"])
        let first = try await KafkaProducer.connect(config)
        try await first.client.createTopic(topic, partitions: 1, replicationFactor: 1)
        try await first.initTransactions()
        try first.beginTransaction()
        try await first.send(KafkaProducerRecord(topic: topic, partition: 0, value: Array("first".utf8)))
        try await first.flush()

        let second = try await KafkaProducer.connect(config)
        try await second.initTransactions()  // bumps the epoch: the first is fenced
        #expect(second.state.withLock { $0.producerEpoch } > first.state.withLock { $0.producerEpoch })

        let fenced: (any Error) -> Bool = { error in
            guard let e = error as? KafkaError, case .fenced = e.code else { return false }
            return true
        }
        await #expect(performing: {
            try await first.send(KafkaProducerRecord(topic: topic, partition: 0, value: Array("late".utf8)))
            try await first.commitTransaction()
        }, throws: fenced)
        // Once fenced, the first stays fenced.
        await #expect(performing: { try await first.send(KafkaProducerRecord(topic: topic, partition: 0, value: [1])) }, throws: fenced)

        try second.beginTransaction()
        try await second.send(KafkaProducerRecord(topic: topic, partition: 0, value: Array("second".utf8)))
        try await second.commitTransaction()
        let committed = values(try await KafkaTestSupport.readAll(second.client, topic: topic, partitions: 1, isolation: .readCommitted))
        #expect(committed == ["second"])
        await first.close()
        await second.close()
    }
}
