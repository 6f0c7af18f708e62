import Foundation
import RivuletCore
import RivuletKafka

/// Finds the partitions a subscription covers and their offsets (Spark's `KafkaOffsetReaderAdmin`).
///
/// Offset requests that fail with a retriable error (a lost connection, a leader election) are
/// tried again `fetchOffset.numRetries` times, `fetchOffset.retryIntervalMs` apart, on top of the
/// client's own retries within `kafka.default.api.timeout.ms`.
final class KafkaOffsetReader: Sendable {
    let handle: KafkaClientHandle
    let subscription: KafkaSourceOptions.Subscription
    let numRetries: Int
    let retryIntervalMs: Int64

    init(handle: KafkaClientHandle, options: KafkaSourceOptions) {
        self.handle = handle
        subscription = options.subscription
        numRetries = options.fetchOffsetNumRetries
        retryIntervalMs = options.fetchOffsetRetryIntervalMs
    }

    var isolation: KafkaIsolationLevel { handle.configuration.isolationLevel }

    /// Runs `body` with retries of retriable failures.
    private func retrying<T: Sendable>(_ what: @autoclosure () -> String,
                                       _ body: @escaping @Sendable (KafkaClient) async throws(KafkaError) -> T) throws(RivuletError) -> T {
        let retries = numRetries, interval = retryIntervalMs
        let timeout = handle.callTimeout * (retries + 1) + .milliseconds(interval * Int64(retries))
        return try handle.call(what(), timeout: timeout) { (c: KafkaClient) async throws(KafkaError) -> T in
            var attempt = 0
            while true {
                do throws(KafkaError) {
                    return try await body(c)
                } catch {
                    guard error.isRetriable, attempt < retries, !Task.isCancelled else { throw error }
                    attempt += 1
                    try? await Task.sleep(for: .milliseconds(interval))
                }
            }
        }
    }

    /// The partitions the subscription covers now. Topics that do not exist (or no longer exist)
    /// contribute none; so do assigned partitions beyond a topic's partition count.
    func partitions() throws(RivuletError) -> Set<KafkaTopicPartition> {
        let sub = subscription
        let topics: [String]?
        switch sub {
        case .assign(let tps): topics = Array(Set(tps.map(\.topic))).sorted()
        case .subscribe(let names): topics = names
        case .subscribePattern: topics = nil
        }
        let meta = try retrying("to list the partitions of \(sub)") { c async throws(KafkaError) in try await c.metadata(topics: topics) }
        var out = Set<KafkaTopicPartition>()
        switch sub {
        case .assign(let tps):
            for tp in tps where meta.topics[tp.topic]?.contains(where: { $0.partition == tp.partition }) == true { out.insert(tp) }
        case .subscribe(let names):
            for name in names { for p in meta.topics[name] ?? [] { out.insert(KafkaTopicPartition(name, p.partition)) } }
        case .subscribePattern(let pattern):
            let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$")
            for (name, parts) in meta.topics where !name.hasPrefix("__") {
                let range = NSRange(name.startIndex..., in: name)
                guard regex?.firstMatch(in: name, range: range) != nil else { continue }
                for p in parts { out.insert(KafkaTopicPartition(name, p.partition)) }
            }
        }
        return out
    }

    /// The offsets `spec` names for each partition (`-1` for a timestamp no record reaches).
    func offsets(_ specs: [KafkaTopicPartition: KafkaOffsetSpec], _ what: String) throws(RivuletError) -> KafkaPartitionOffsets {
        guard !specs.isEmpty else { return [:] }
        var built: [TopicPartition: KafkaOffsetSpec] = [:]
        for (tp, s) in specs { built[tp.client] = s }
        let request = built
        let iso = isolation
        let names = specs.keys.sorted().map(\.description).joined(separator: ", ")
        let r = try retrying("to fetch the \(what) offsets of \(names)") { c async throws(KafkaError) -> [TopicPartition: Int64] in
            // A topic deleted since its partitions were listed: ask again for the ones that remain
            // (the caller treats the missing ones as deleted).
            var pending = request
            var attempt = 0
            while true {
                do throws(KafkaError) {
                    return try await c.listOffsets(pending, isolation: iso)
                } catch {
                    guard case .unknownTopicOrPartition = error.code, attempt < 3 else { throw error }
                    attempt += 1
                    let meta = try await c.metadata(topics: Array(Set(pending.keys.map(\.topic))).sorted())
                    pending = pending.filter { tp, _ in meta.topics[tp.topic]?.contains { $0.partition == tp.partition } == true }
                    if pending.isEmpty { return [:] }
                }
            }
        }
        var out: KafkaPartitionOffsets = [:]
        for (tp, off) in r { out[KafkaTopicPartition(tp)] = off }
        return out
    }

    func earliest(_ tps: some Collection<KafkaTopicPartition>) throws(RivuletError) -> KafkaPartitionOffsets {
        try offsets(Dictionary(uniqueKeysWithValues: tps.map { ($0, KafkaOffsetSpec.earliest) }), "earliest")
    }

    func latest(_ tps: some Collection<KafkaTopicPartition>) throws(RivuletError) -> KafkaPartitionOffsets {
        try offsets(Dictionary(uniqueKeysWithValues: tps.map { ($0, KafkaOffsetSpec.latest) }), "latest")
    }

    /// Turns a starting or ending position into offsets for the partitions now covered.
    func resolve(_ limit: KafkaSourceOptions.OffsetLimit, starting: Bool) throws(RivuletError) -> KafkaPartitionOffsets {
        let parts = try partitions()
        switch limit {
        case .earliest: return try earliest(parts)
        case .latest: return try latest(parts)
        case .specific(let given):
            guard Set(given.keys) == parts else {
                throw RivuletError(.connector, "Partitions specified for Kafka start offsets don't match what are assigned. Maybe topic partitions are created or deleted while the query is running. Use -1 for latest, -2 for earliest. Specified: \(KafkaOffsetJSON.list(given.keys)) Assigned: \(KafkaOffsetJSON.list(parts))",
                                   errorClass: "KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED")
            }
            let early = try earliest(given.filter { $0.value == KafkaSourceOptions.earliestOffset }.keys)
            let late = try latest(given.filter { $0.value == KafkaSourceOptions.latestOffset }.keys)
            return given.mapValues { $0 }.merging(early) { $1 }.merging(late) { $1 }
        case .specificTimestamp(let given, let strategy):
            guard Set(given.keys) == parts else {
                throw RivuletError(.connector, "Partitions specified for Kafka timestamp based \(starting ? "starting" : "ending") offsets don't match what are assigned. Maybe topic partitions are created or deleted while the query is running, or you didn't specify all the partitions. Specified: \(KafkaOffsetJSON.list(given.keys)) Assigned: \(KafkaOffsetJSON.list(parts))",
                                   errorClass: "KAFKA_TIMESTAMP_OFFSET_DOES_NOT_MATCH_ASSIGNED")
            }
            return try byTimestamp(given, strategy: strategy, starting: starting)
        case .globalTimestamp(let ts, let strategy):
            return try byTimestamp(Dictionary(uniqueKeysWithValues: parts.map { ($0, ts) }), strategy: strategy, starting: starting)
        }
    }

    /// The earliest offset at or after each partition's timestamp; where none exists, an error for
    /// starting offsets with strategy `error`, else the latest offset.
    private func byTimestamp(_ timestamps: KafkaPartitionOffsets, strategy: KafkaSourceOptions.NoMatchStrategy,
                             starting: Bool) throws(RivuletError) -> KafkaPartitionOffsets {
        var found = try offsets(timestamps.mapValues { KafkaOffsetSpec.timestamp($0) }, "timestamp-based")
        let missing = found.filter { $0.value < 0 }.keys.sorted()
        if starting, strategy == .error, let tp = missing.first {
            throw RivuletError(.connector, "No offset matched from request of topic-partition \(tp) and timestamp \(timestamps[tp] ?? 0).",
                               errorClass: "KAFKA_NO_OFFSET_FOR_TIMESTAMP")
        }
        if !missing.isEmpty { found.merge(try latest(missing)) { $1 } }
        return found
    }
}
