import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

/// Helpers shared by the broker tests.
enum KafkaTestSupport {
    /// A topic name no other test uses.
    static func uniqueTopic(_ prefix: String) -> String {
        "\(prefix)-\(UInt32.random(in: 0...UInt32.max))-\(UInt16.random(in: 0...UInt16.max))"
    }

    /// A configuration for the peer broker plus `extra` properties.
    static func configuration(_ extra: [String: String] = [:], bootstrap: String? = nil) throws -> KafkaConfiguration {
        var p = ["bootstrap.servers": try bootstrap ?? TestPeers.kafkaBootstrap(), "request.timeout.ms": "10000", "default.api.timeout.ms": "20000"]
        for (k, v) in extra { p[k] = v }
        return try KafkaConfiguration(p)
    }

    /// Every record of `topic`'s `partitions` from offset 0 to the current end, by partition then offset.
    static func readAll(
        _ client: KafkaClient, topic: String, partitions: Int32, isolation: KafkaIsolationLevel = .readUncommitted
    ) async throws -> [KafkaRecord] {
        let tps = (0..<partitions).map { TopicPartition(topic, $0) }
        let ends = try await client.listOffsets(Dictionary(uniqueKeysWithValues: tps.map { ($0, KafkaOffsetSpec.latest) }), isolation: isolation)
        var positions = Dictionary(uniqueKeysWithValues: tps.map { ($0, Int64(0)) })
        var records: [KafkaRecord] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while positions.contains(where: { $0.value < (ends[$0.key] ?? 0) }) {
            guard ContinuousClock.now < deadline else { throw KafkaError(.timedOut, "readAll of \(topic) did not reach \(ends)") }
            let wanted = positions.filter { $0.value < (ends[$0.key] ?? 0) }
            let results = try await client.fetch(wanted, isolation: isolation)
            for (tp, result) in results {
                if let error = result.error { throw error }
                records += result.records.filter { $0.offset < (ends[tp] ?? 0) }
                positions[tp] = result.nextOffset
            }
        }
        return records.sorted { ($0.partition, $0.offset) < ($1.partition, $1.offset) }
    }

    static func hex(_ bytes: [UInt8]?) -> String? {
        bytes.map { $0.map { String(format: "%02x", $0) }.joined() }
    }

    static func bytes(hex: String?) -> [UInt8]? {
        guard let hex else { return nil }
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex, let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex) {
            out.append(UInt8(hex[i..<j], radix: 16) ?? 0)
            i = j
        }
        return out
    }
}

/// One record as the Python peer scripts print it (JSON lines).
struct PeerRecord: Codable, Equatable, Comparable {
    var partition: Int32
    var offset: Int64
    var timestamp: Int64
    var key: String?
    var value: String?
    var headers: [[String?]]

    init(_ r: KafkaRecord) {
        partition = r.partition
        offset = r.offset
        timestamp = r.timestamp
        key = KafkaTestSupport.hex(r.key)
        value = KafkaTestSupport.hex(r.value)
        headers = r.headers.map { [$0.key, KafkaTestSupport.hex($0.value)] }
    }

    static func < (a: PeerRecord, b: PeerRecord) -> Bool { (a.partition, a.offset) < (b.partition, b.offset) }

    static func parseLines(_ text: String) throws -> [PeerRecord] {
        try text.split(separator: "\n").map { try JSONDecoder().decode(PeerRecord.self, from: Data($0.utf8)) }.sorted()
    }
}
