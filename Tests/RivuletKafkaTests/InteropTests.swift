import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

@Suite("Interop with librdkafka (confluent-kafka) through the peer broker")
struct InteropTests {
    static let codecs = ["none", "gzip", "snappy", "lz4", "zstd"]
    static let count = 300
    /// Recent timestamps: the broker's retention (7 days) would delete older records.
    static let base = (Int64(Date().timeIntervalSince1970) - 3600) * 1000

    func expected(topic: String) -> [PeerRecord] {
        (0..<Self.count).map { i in
            let r = InteropRecords.record(i, topic: topic, partitions: 4, base: Self.base)
            return PeerRecord(KafkaRecord(
                topic: topic, partition: r.partition ?? -1, offset: -1, timestamp: r.timestamp ?? 0,
                key: r.key, value: r.value, headers: r.headers))
        }
    }

    /// Compares ignoring offsets (checked separately to be dense per partition); nil when equal,
    /// else the first difference.
    func difference(_ got: [PeerRecord], _ want: [PeerRecord]) -> String? {
        func norm(_ rs: [PeerRecord]) -> [PeerRecord] {
            rs.map { var r = $0; r.offset = 0; return r }.sorted { ($0.partition, $0.timestamp) < ($1.partition, $1.timestamp) }
        }
        let a = norm(got), b = norm(want)
        if a.count != b.count { return "got \(a.count) records, expected \(b.count)" }
        for (x, y) in zip(a, b) where x != y { return "got \(x), expected \(y)" }
        return nil
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)), arguments: codecs)
    func librdkafkaProducesRivuletReads(codec: String) async throws {
        let bootstrap = try TestPeers.kafkaBootstrap()
        let client = try await KafkaClient.connect(try KafkaTestSupport.configuration())
        let topic = KafkaTestSupport.uniqueTopic("rdk2riv-\(codec)")
        try await client.createTopic(topic, partitions: 4, replicationFactor: 1)
        try TestPeers.runPython(PeerScripts.produce, arguments: [bootstrap, topic, codec, "\(Self.count)", "4", "\(Self.base)"])
        let records = try await KafkaTestSupport.readAll(client, topic: topic, partitions: 4)
        #expect(records.count == Self.count)
        #expect(difference(records.map(PeerRecord.init), expected(topic: topic)) == nil)
        for p in Int32(0)..<4 {
            #expect(records.filter { $0.partition == p }.map(\.offset) == Array(0..<Int64(Self.count / 4)))
        }
        await client.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)), arguments: codecs)
    func rivuletProducesLibrdkafkaReads(codec: String) async throws {
        let bootstrap = try TestPeers.kafkaBootstrap()
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration(["compression.type": codec, "linger.ms": "5"]))
        let topic = KafkaTestSupport.uniqueTopic("riv2rdk-\(codec)")
        try await producer.client.createTopic(topic, partitions: 4, replicationFactor: 1)
        for i in 0..<Self.count { try await producer.send(InteropRecords.record(i, topic: topic, partitions: 4, base: Self.base)) }
        try await producer.flush()
        let output = try TestPeers.runPython(PeerScripts.consume, arguments: [bootstrap, topic, "4", "\(Self.count)", "read_uncommitted"])
        let got = try PeerRecord.parseLines(output)
        #expect(got.count == Self.count)
        #expect(difference(got, expected(topic: topic)) == nil)
        // And Rivulet's own reading agrees with librdkafka's, offsets included.
        let ours = try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 4).map(PeerRecord.init)
        #expect(ours.count == got.count && ours == got)
        await producer.close()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func keyedRecordsLandWhereJavaCompatiblePartitionerPutsThem() async throws {
        let bootstrap = try TestPeers.kafkaBootstrap()
        let producer = try await KafkaProducer.connect(try KafkaTestSupport.configuration())
        let topic = KafkaTestSupport.uniqueTopic("partitioner")
        try await producer.client.createTopic(topic, partitions: 7, replicationFactor: 1)
        let keys = (0..<40).map { "user-\($0 * 7919)" }
        let output = try TestPeers.runPython(PeerScripts.partitioner, arguments: [bootstrap, topic] + keys)
        var theirs: [String: Int32] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { theirs[String(parts[0])] = Int32(parts[1]) }
        }
        #expect(theirs.count == keys.count)
        for key in keys {
            #expect(Murmur2.partition(for: Array(key.utf8), partitionCount: 7) == theirs[key], "key \(key)")
        }
        // Our producer sends them to the same partitions.
        for key in keys { try await producer.send(KafkaProducerRecord(topic: topic, key: Array(key.utf8), value: Array("r".utf8))) }
        try await producer.flush()
        let records = try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 7)
        for r in records where String(decoding: r.value ?? [], as: UTF8.self) == "r" {
            let key = String(decoding: r.key ?? [], as: UTF8.self)
            #expect(theirs[key] == r.partition, "key \(key)")
        }
        await producer.close()
    }
}
