import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

@Suite("Kafka client against the peer broker (noida)")
struct BrokerTests {
    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func metadataCreateAndDeleteTopic() async throws {
        let client = try await KafkaClient.connect(try KafkaTestSupport.configuration())
        defer { Task { await client.close() } }
        let topic = KafkaTestSupport.uniqueTopic("meta")
        try await client.createTopic(topic, partitions: 4, replicationFactor: 1)
        let metadata = try await client.metadata(topics: [topic])
        #expect(!metadata.brokers.isEmpty)
        let partitions = try #require(metadata.topics[topic])
        #expect(partitions.map(\.partition) == [0, 1, 2, 3])
        #expect(partitions.allSatisfy { metadata.brokers[$0.leader] != nil })
        let all = try await client.metadata(topics: nil)
        #expect(all.topics[topic]?.count == 4)
        await #expect { try await client.createTopic(topic, partitions: 4, replicationFactor: 1) } throws: { error in
            (error as? KafkaError)?.kafkaCode == .topicAlreadyExists
        }
        try await client.deleteTopic(topic)
        let after = try await client.metadata(topics: [topic])
        #expect(after.topics[topic] == nil)
        await #expect { try await client.deleteTopic(topic) } throws: { error in
            guard let e = error as? KafkaError, case .unknownTopicOrPartition = e.code else { return false }
            return e.message.contains(topic)
        }
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)), arguments: ["0", "1", "all"])
    func produceAndFetchBack(acks: String) async throws {
        let config = try KafkaTestSupport.configuration(["acks": acks, "linger.ms": "2"])
        let producer = try await KafkaProducer.connect(config)
        let client = producer.client
        let topic = KafkaTestSupport.uniqueTopic("acks\(acks)")
        try await client.createTopic(topic, partitions: 4, replicationFactor: 1)
        let base = (Int64(Date().timeIntervalSince1970) - 3600) * 1000  // recent: retention deletes old records
        let sent = (0..<400).map { InteropRecords.record($0, topic: topic, partitions: 4, base: base) }
        for r in sent { try await producer.send(r) }
        try await producer.flush()
        // acks=0 gives no acknowledgement: wait until the broker has everything.
        var records: [KafkaRecord] = []
        for _ in 0..<50 {
            records = try await KafkaTestSupport.readAll(client, topic: topic, partitions: 4)
            if records.count >= sent.count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(records.count == sent.count)
        let byKey = Dictionary(grouping: records) { $0.timestamp }
        for r in sent {
            let got = try #require(byKey[r.timestamp ?? 0]?.first)
            #expect(got.partition == r.partition && got.key == r.key && got.value == r.value && got.headers == r.headers)
            #expect(got.timestampType == 0)
        }
        // Offsets within each partition are dense from 0.
        for p in Int32(0)..<4 {
            let offsets = records.filter { $0.partition == p }.map(\.offset)
            #expect(offsets == Array(0..<Int64(offsets.count)))
        }
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func listOffsetsEarliestLatestAndByTimestamp() async throws {
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration())
        let client = producer.client
        let topic = KafkaTestSupport.uniqueTopic("offsets")
        try await client.createTopic(topic, partitions: 2, replicationFactor: 1)
        let t0 = (Int64(Date().timeIntervalSince1970) - 600) * 1000  // recent: retention deletes old records
        for i in 0..<10 {
            try await producer.send(KafkaProducerRecord(topic: topic, partition: 0, value: [UInt8(i)], timestamp: t0 + Int64(i) * 10))
        }
        try await producer.flush()
        let tp0 = TopicPartition(topic, 0), tp1 = TopicPartition(topic, 1)
        let offsets = try await client.listOffsets([tp0: .earliest, tp1: .latest], isolation: .readUncommitted)
        #expect(offsets == [tp0: 0, tp1: 0])
        #expect(try await client.listOffsets([tp0: .latest], isolation: .readCommitted) == [tp0: 10])
        #expect(try await client.listOffsets([tp0: .timestamp(t0)], isolation: .readUncommitted) == [tp0: 0])
        #expect(try await client.listOffsets([tp0: .timestamp(t0 + 35)], isolation: .readUncommitted) == [tp0: 4])
        #expect(try await client.listOffsets([tp0: .timestamp(t0 + 90)], isolation: .readUncommitted) == [tp0: 9])
        #expect(try await client.listOffsets([tp0: .timestamp(t0 + 5000)], isolation: .readUncommitted) == [tp0: -1])
        // Fetching past the end is an offset-out-of-range result for that partition.
        let past = try await client.fetch([tp0: 50], isolation: .readUncommitted)
        if case .offsetOutOfRange? = past[tp0]?.error?.code {} else { Issue.record("expected offsetOutOfRange, got \(String(describing: past[tp0]?.error))") }
        // Fetching at the end is empty.
        let atEnd = try await client.fetch([tp0: 10], isolation: .readUncommitted)
        #expect(atEnd[tp0]?.records.isEmpty == true && atEnd[tp0]?.highWatermark == 10 && atEnd[tp0]?.nextOffset == 10)
        await #expect { try await client.listOffsets([TopicPartition(topic, 7): .latest], isolation: .readUncommitted) } throws: { error in
            (error as? KafkaError)?.message.contains("\(topic)-7") ?? false
        }
        await producer.close()
    }

    @Test func unreachableBootstrapFailsWithAddressAndCauseInBoundedTime() async throws {
        // A port nobody listens on: bind, note the port, close.
        let port = try closedPort()
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(port)", "socket.connection.setup.timeout.ms": "1000",
            "retry.backoff.ms": "50", "retry.backoff.max.ms": "200",
        ])
        let start = ContinuousClock.now
        await #expect { _ = try await KafkaClient.connect(config) } throws: { error in
            guard let e = error as? KafkaError, case .connectionFailed = e.code else { return false }
            return e.message.contains("127.0.0.1:\(port)") && e.message.contains("connection refused")
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(10))  // the default budgets (30 s setup, 60 s API) would take far longer
        #expect(elapsed >= .milliseconds(500))
    }
}

/// A TCP port with no listener (bound then released).
func closedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw KafkaError(.connectionFailed, "socket() failed") }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &addr) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
    }
    guard ok else { throw KafkaError(.connectionFailed, "bind() failed") }
    return Int(UInt16(bigEndian: addr.sin_port))
}

@Suite("Producer batching and partition reader against the peer broker")
struct BatchingTests {
    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func lingerHoldsASmallBatchUntilItExpires() async throws {
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration(["linger.ms": "400", "batch.size": "100000"]))
        let topic = KafkaTestSupport.uniqueTopic("linger")
        try await producer.client.createTopic(topic, partitions: 1, replicationFactor: 1)
        let tp = TopicPartition(topic, 0)
        let start = ContinuousClock.now
        try await producer.send(KafkaProducerRecord(topic: topic, partition: 0, value: [1]))
        let early = try await producer.client.listOffsets([tp: .latest], isolation: .readUncommitted)
        if ContinuousClock.now - start < .milliseconds(300) { #expect(early[tp] == 0) }
        var end: Int64 = 0
        while end == 0 && ContinuousClock.now - start < .seconds(5) {
            try await Task.sleep(for: .milliseconds(50))
            end = try await producer.client.listOffsets([tp: .latest], isolation: .readUncommitted)[tp] ?? 0
        }
        #expect(end == 1)  // sent by linger expiry, without a flush
        #expect(ContinuousClock.now - start >= .milliseconds(350))
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func fullBatchesGoWithoutWaitingForLinger() async throws {
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration(["linger.ms": "60000", "batch.size": "1000"]))
        let topic = KafkaTestSupport.uniqueTopic("batchsize")
        try await producer.client.createTopic(topic, partitions: 1, replicationFactor: 1)
        let tp = TopicPartition(topic, 0)
        for i in 0..<100 { try await producer.send(KafkaProducerRecord(topic: topic, partition: 0, value: [UInt8](repeating: UInt8(i), count: 90))) }
        var end: Int64 = 0
        let start = ContinuousClock.now
        while end < 80 && ContinuousClock.now - start < .seconds(5) {
            try await Task.sleep(for: .milliseconds(50))
            end = try await producer.client.listOffsets([tp: .latest], isolation: .readUncommitted)[tp] ?? 0
        }
        #expect(end >= 80)  // the full ~1000-byte batches went out long before linger.ms
        try await producer.flush()
        #expect(try await producer.client.listOffsets([tp: .latest], isolation: .readUncommitted)[tp] == 100)
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func createPartitionsGrowsATopic() async throws {
        let client = try await KafkaClient.connect(try KafkaTestSupport.configuration())
        let topic = KafkaTestSupport.uniqueTopic("grow")
        try await client.createTopic(topic, partitions: 2, replicationFactor: 1)
        try await client.createPartitions(topic, totalCount: 5)
        #expect(try await client.metadata(topics: [topic]).topics[topic]?.count == 5)
        await client.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func partitionReaderOnNoidaReadsRangesAndBacksOffWhenIdle() async throws {
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration())
        let topic = KafkaTestSupport.uniqueTopic("reader")
        try await producer.client.createTopic(topic, partitions: 2, replicationFactor: 1)
        for i in 0..<300 {
            try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("\(i)".utf8)))
            if i % 20 == 19 { try await producer.flush() }  // many small batches
        }
        let ranges = [TopicPartition(topic, 0): Int64(5)..<Int64(150), TopicPartition(topic, 1): 0..<20]
        let reader = KafkaPartitionReader(client: producer.client, ranges: ranges, maxBytes: 1000)
        var got: [TopicPartition: [Int64]] = [:]
        while let batch = try await reader.next() {
            for r in batch { got[TopicPartition(r.topic, r.partition), default: []].append(r.offset) }
        }
        #expect(got[TopicPartition(topic, 0)] == Array(5..<150))
        #expect(got[TopicPartition(topic, 1)] == Array(0..<20))
        // (noida ignores the fetch size limits, so how many fetches that took is not checked here.)
        // noida answers an empty fetch at once: the reader must pause, not spin.
        let idle = KafkaPartitionReader(client: producer.client, ranges: [TopicPartition(topic, 0): 150..<Int64.max])
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .milliseconds(500) { _ = try await idle.next() }
        let fetches = await idle.fetchCount
        #expect(fetches < 30, "idle reader made \(fetches) fetches in 500 ms")
        await idle.close()
        // Reading past the end of the log is an error naming the partition and offset.
        let beyond = KafkaPartitionReader(client: producer.client, ranges: [TopicPartition(topic, 1): 1000..<1010])
        await #expect { _ = try await beyond.next() } throws: { error in
            guard let e = error as? KafkaError, case .offsetOutOfRange = e.code else { return false }
            return e.message.contains("\(topic)-1") && e.message.contains("1000")
        }
        await producer.close()
    }
}
