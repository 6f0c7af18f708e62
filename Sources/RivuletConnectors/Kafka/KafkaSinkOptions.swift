import Foundation
import RivuletCore
import RivuletKafka

/// The validated options of the Kafka sink (`writeStream.format("kafka")`, `write.format("kafka")`).
///
/// - `topic`: the topic of every row (overrides a `topic` column);
/// - `kafka.*`: producer properties (`kafka.bootstrap.servers` is required; `acks`, `linger.ms`,
///   `batch.size`, `compression.type`, `enable.idempotence`, `security.protocol`, `sasl.*`,
///   `ssl.*`, ...); `kafka.key.serializer` / `kafka.value.serializer` are refused as in Spark;
/// - `rivulet.exactlyOnce` (default false; beyond Spark): write each micro-batch in one Kafka
///   transaction tied to its batch id, so read_committed consumers see a replayed batch once.
///   Setting `kafka.transactional.id` also turns it on. The transactional id is
///   `kafka.transactional.id`, or `rivulet-sink-<hash of the checkpoint location>`;
/// - `rivulet.commitTopic` (default `__rivulet_sink_commits`): where the exactly-once sink records
///   the batch ids it committed, inside the same transactions.
public struct KafkaSinkOptions: Sendable {
    /// The `topic` option, trimmed.
    public var topic: String?
    /// Producer properties (the `kafka.` options without the prefix), with `transactional.id` set
    /// in exactly-once mode.
    public var kafkaParams: [String: String]
    /// Whether batches are written in transactions.
    public var exactlyOnce: Bool
    /// The producer's transactional id in exactly-once mode.
    public var transactionalId: String?
    /// The topic of the committed-batch markers.
    public var commitTopic: String

    static let names: Set<String> = ["topic", "checkpointlocation", "path", "partitionby", "queryname", "rivulet.exactlyonce", "rivulet.committopic"]

    /// Validates `options`; `streaming` allows exactly-once mode.
    public init(_ options: [String: String], streaming: Bool) throws(RivuletError) {
        var o: [String: String] = [:]
        for (k, v) in options { o[k.lowercased()] = v }
        for k in o.keys.sorted() where !k.hasPrefix("kafka.") && !k.hasPrefix("spark.") && !Self.names.contains(k) {
            throw KafkaOptionError.unknown(k, known: Self.names, kind: "sink")
        }
        if o["kafka.key.serializer"] != nil {
            throw KafkaOptionError.invalid("Kafka option 'key.serializer' is not supported as keys are serialized with ByteArraySerializer.")
        }
        if o["kafka.value.serializer"] != nil {
            throw KafkaOptionError.invalid("Kafka option 'value.serializer' is not supported as value are serialized with ByteArraySerializer.")
        }
        guard let servers = o["kafka.bootstrap.servers"], !servers.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw KafkaOptionError.invalid("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka producer")
        }
        topic = o["topic"].map { $0.trimmingCharacters(in: .whitespaces) }
        var params: [String: String] = [:]
        for (k, v) in o where k.hasPrefix("kafka.") { params[String(k.dropFirst(6))] = v }
        let explicitId = params["transactional.id"].flatMap { $0.isEmpty ? nil : $0 }
        exactlyOnce = try KafkaSourceOptions.bool(o, "rivulet.exactlyOnce", default: false) || explicitId != nil
        commitTopic = o["rivulet.committopic"].map { $0.trimmingCharacters(in: .whitespaces) } ?? "__rivulet_sink_commits"
        if commitTopic.isEmpty { throw KafkaOptionError.invalid("Option 'rivulet.commitTopic' must not be empty") }
        if exactlyOnce {
            guard streaming else {
                throw KafkaOptionError.invalid("Option 'rivulet.exactlyOnce' (and 'kafka.transactional.id') applies to streaming writes only: a batch write has no batch id to tie a transaction to")
            }
            if let explicitId {
                transactionalId = explicitId
            } else if let ckpt = o["checkpointlocation"], !ckpt.isEmpty {
                let path = ckpt.hasPrefix("/") ? ckpt : FileManager.default.currentDirectoryPath + "/" + ckpt
                transactionalId = "rivulet-sink-" + Self.fnv1a(path)
            } else {
                throw KafkaOptionError.invalid("The exactly-once Kafka sink needs a transactional id that stays the same across restarts: set option 'kafka.transactional.id' or 'checkpointLocation'")
            }
            params["transactional.id"] = transactionalId
        } else {
            transactionalId = nil
        }
        kafkaParams = params
    }

    /// 64-bit FNV-1a of `s` as 16 hex digits (stable across runs, unlike `hashValue`).
    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
