/// The client's cached view of the cluster.
struct MetadataSnapshot: Sendable {
    var brokers: [Int32: KafkaBroker] = [:]
    var controllerId: Int32 = -1
    var clusterId: String?
    var topics: [String: TopicState] = [:]

    struct TopicState: Sendable {
        var error: KafkaErrorCode
        var partitions: [KafkaPartitionMetadata]
        var refreshedAt: ContinuousClock.Instant
        var stale = false
    }

    func leader(of tp: TopicPartition) -> Int32? {
        guard let topic = topics[tp.topic], !topic.stale, tp.partition >= 0, Int(tp.partition) < topic.partitions.count
        else { return nil }
        let p = topic.partitions[Int(tp.partition)]
        guard p.partition == tp.partition, p.leader >= 0, brokers[p.leader] != nil else { return nil }
        return p.leader
    }
}

extension KafkaClient {
    /// The brokers and the partitions of `topics` (nil = every topic). Topics that do not exist are
    /// absent from the result.
    public func metadata(topics: [String]?) async throws(KafkaError) -> KafkaClusterMetadata {
        let response = try await retrying { () async throws(KafkaError) in try await refreshMetadata(topics: topics) }
        var result = KafkaClusterMetadata(brokers: [:], controllerId: response.controllerId, clusterId: response.clusterId, topics: [:])
        for b in response.brokers { result.brokers[b.nodeId] = KafkaBroker(nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack) }
        for t in response.topics where t.errorCode != .unknownTopicOrPartition && t.errorCode != .invalidTopicException {
            result.topics[t.name] = Self.partitions(of: t)
        }
        return result
    }

    /// Sends a Metadata request (on `connection` or any live one) and merges the answer into the cache.
    @discardableResult
    func refreshMetadata(
        topics: [String]?, allowAutoCreate: Bool = false, using connection: KafkaConnection? = nil
    ) async throws(KafkaError) -> MetadataRequest.Response {
        let conn: KafkaConnection
        if let connection { conn = connection } else { conn = try await anyConnection() }
        let response = try await conn.send(MetadataRequest(topics: topics, allowAutoTopicCreation: allowAutoCreate))
        let now = ContinuousClock.now
        state.withLock { s in
            if !response.brokers.isEmpty {
                s.metadata.brokers = Dictionary(
                    response.brokers.map { ($0.nodeId, KafkaBroker(nodeId: $0.nodeId, host: $0.host, port: $0.port, rack: $0.rack)) },
                    uniquingKeysWith: { a, _ in a })
            }
            s.metadata.controllerId = response.controllerId
            s.metadata.clusterId = response.clusterId
            if topics == nil { s.metadata.topics.removeAll() }
            for t in response.topics {
                if t.errorCode == .unknownTopicOrPartition {
                    s.metadata.topics[t.name] = nil
                } else {
                    s.metadata.topics[t.name] = MetadataSnapshot.TopicState(error: t.errorCode, partitions: Self.partitions(of: t), refreshedAt: now)
                }
            }
        }
        return response
    }

    static func partitions(of topic: MetadataRequest.Topic) -> [KafkaPartitionMetadata] {
        topic.partitions.map {
            KafkaPartitionMetadata(
                partition: $0.partition, leader: $0.leader, leaderEpoch: $0.leaderEpoch, replicas: $0.replicas, isr: $0.isr,
                error: $0.errorCode == .none ? nil : $0.errorCode)
        }.sorted { $0.partition < $1.partition }
    }

    /// Marks cached topic metadata stale so the next lookup refreshes it.
    func invalidateMetadata(topics: [String]? = nil) {
        state.withLock { s in
            for name in topics ?? Array(s.metadata.topics.keys) { s.metadata.topics[name]?.stale = true }
        }
    }

    /// Leaders of `partitions`, refreshing the metadata of topics whose entry is missing, stale or old.
    /// Partitions without a live leader after the refresh are returned in `missing` with the reason.
    func leaders(
        for partitions: some Collection<TopicPartition>, allowAutoCreate: Bool = false
    ) async throws(KafkaError) -> (leaders: [TopicPartition: Int32], missing: [TopicPartition: KafkaError]) {
        let maxAge = Duration.milliseconds(configuration.metadataMaxAgeMs)
        let now = ContinuousClock.now
        let needed = state.withLock { s -> Set<String> in
            var needed = Set<String>()
            for tp in partitions {
                guard let t = s.metadata.topics[tp.topic], !t.stale, now - t.refreshedAt < maxAge,
                    s.metadata.leader(of: tp) != nil
                else { needed.insert(tp.topic); continue }
            }
            return needed
        }
        if !needed.isEmpty { try await refreshMetadata(topics: needed.sorted(), allowAutoCreate: allowAutoCreate) }
        return state.withLock { s in
            var leaders: [TopicPartition: Int32] = [:]
            var missing: [TopicPartition: KafkaError] = [:]
            for tp in partitions {
                if let leader = s.metadata.leader(of: tp) {
                    leaders[tp] = leader
                } else if let t = s.metadata.topics[tp.topic] {
                    if t.error != .none {
                        missing[tp] = KafkaError.broker(t.error, "metadata for topic '\(tp.topic)'")
                    } else if Int(tp.partition) >= t.partitions.count || tp.partition < 0 {
                        // Not retriable: the topic exists with fewer partitions.
                        missing[tp] = KafkaError(
                            .unknownTopicOrPartition, "partition \(tp) does not exist (topic '\(tp.topic)' has \(t.partitions.count) partitions)")
                    } else {
                        let code = t.partitions[Int(tp.partition)].error ?? .leaderNotAvailable
                        missing[tp] = KafkaError.broker(code == .none ? .leaderNotAvailable : code, "no leader for \(tp)")
                    }
                } else {
                    missing[tp] = KafkaError(.unknownTopicOrPartition, "topic '\(tp.topic)' does not exist (partition \(tp))")
                }
            }
            return (leaders, missing)
        }
    }

    /// The cached partition count of `topic`, without any I/O.
    func cachedPartitionCount(_ topic: String) -> Int? {
        state.withLock { s in
            guard let t = s.metadata.topics[topic], t.error == .none, !t.partitions.isEmpty else { return nil }
            return t.partitions.count
        }
    }

    /// The number of partitions of `topic` from the cache or a refresh; nil if it does not exist.
    func partitionCount(_ topic: String, allowAutoCreate: Bool = false) async throws(KafkaError) -> Int? {
        let cached = state.withLock { s -> Int? in
            guard let t = s.metadata.topics[topic], t.error == .none, !t.partitions.isEmpty else { return nil }
            return t.partitions.count
        }
        if let cached { return cached }
        let response = try await refreshMetadata(topics: [topic], allowAutoCreate: allowAutoCreate)
        guard let t = response.topics.first(where: { $0.name == topic }) else { return nil }
        if t.errorCode == .none && !t.partitions.isEmpty { return t.partitions.count }
        if t.errorCode == .unknownTopicOrPartition { return nil }
        throw KafkaError.broker(t.errorCode == .none ? .leaderNotAvailable : t.errorCode, "metadata for topic '\(topic)'")
    }
}

extension KafkaErrorCode {
    /// `INVALID_TOPIC_EXCEPTION` (17).
    static let invalidTopicException = KafkaErrorCode(rawValue: 17)
}
