import NIOCore

extension KafkaClient {
    /// Fetches records at `positions` from each partition's leader (one request per leader, sent
    /// concurrently). Leader moves and other retriable errors are retried after a metadata refresh;
    /// `OFFSET_OUT_OF_RANGE` comes back as the partition's `error`. `maxBytes` caps the response
    /// (default `fetch.max.bytes`) and each partition (default `max.partition.fetch.bytes`).
    public func fetch(
        _ positions: [TopicPartition: Int64], isolation: KafkaIsolationLevel, maxBytes: Int? = nil
    ) async throws(KafkaError) -> [TopicPartition: KafkaFetchResult] {
        try await retryingPerLeader(positions, operation: "fetch") { (leader, partitions) async throws(KafkaError) in
            let results = try await self.fetch(from: leader, partitions, isolation: isolation, maxBytes: maxBytes)
            return results.mapValues { result in
                if let error = result.error, error.isRetriable { return .retry(error) }
                return .done(result)
            }
        }
    }

    /// One Fetch request to one leader, decoded.
    func fetch(
        from leader: Int32, _ partitions: [TopicPartition: Int64], isolation: KafkaIsolationLevel, maxBytes: Int?
    ) async throws(KafkaError) -> [TopicPartition: KafkaFetchResult] {
        let connection = try await connection(toNode: leader)
        let total = Int32(clamping: maxBytes ?? configuration.fetchMaxBytes)
        let perPartition = Int32(clamping: min(maxBytes ?? Int.max, configuration.maxPartitionFetchBytes))
        var byTopic: [String: [(Int32, Int64, Int32)]] = [:]
        for (tp, offset) in partitions.sorted(by: { $0.key < $1.key }) {
            byTopic[tp.topic, default: []].append((tp.partition, offset, perPartition))
        }
        let request = FetchRequest(
            maxWaitMs: Int32(clamping: configuration.fetchMaxWaitMs), minBytes: Int32(clamping: configuration.fetchMinBytes),
            maxBytes: total, isolationLevel: isolation.wire, topics: byTopic.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        let response = try await connection.send(request)
        if response.errorCode != .none {
            throw KafkaError.broker(response.errorCode, "Fetch from \(connection.address)")
        }
        var results: [TopicPartition: KafkaFetchResult] = [:]
        for (topic, parts) in response.topics {
            for p in parts {
                let tp = TopicPartition(topic, p.partition)
                guard let offset = partitions[tp] else { continue }
                var result = KafkaFetchResult(
                    records: [], highWatermark: p.highWatermark, lastStableOffset: p.lastStableOffset,
                    logStartOffset: p.logStartOffset, error: nil, nextOffset: offset)
                if p.errorCode != .none {
                    result.error = KafkaError.broker(p.errorCode, "Fetch of \(tp) at offset \(offset) from \(connection.address)")
                } else if let records = p.records, records.readableBytes > 0 {
                    var decoder = RecordBatchDecoder(
                        topic: topic, partition: p.partition, fetchOffset: offset, readCommitted: isolation == .readCommitted,
                        abortedTransactions: p.abortedTransactions)
                    decoder.verifyChecksums = configuration.checkCRCs
                    let decoded = try decoder.decode(records)
                    result.records = decoded.records
                    result.nextOffset = decoded.nextOffset
                }
                results[tp] = result
            }
        }
        for (tp, offset) in partitions where results[tp] == nil {
            results[tp] = KafkaFetchResult(
                records: [], highWatermark: -1, lastStableOffset: -1, logStartOffset: -1,
                error: KafkaError(.protocolError, "Fetch response from \(connection.address) has no entry for \(tp)"), nextOffset: offset)
        }
        return results
    }

    /// For each partition, the offset `spec` names: the earliest, the latest (the high watermark, or
    /// the last stable offset under read_committed), or for `.timestamp(t)` the earliest offset whose
    /// timestamp is at or after `t` (-1 if there is none).
    public func listOffsets(
        _ specs: [TopicPartition: KafkaOffsetSpec], isolation: KafkaIsolationLevel
    ) async throws(KafkaError) -> [TopicPartition: Int64] {
        try await retryingPerLeader(specs, operation: "ListOffsets") { (leader, partitions) async throws(KafkaError) in
            let connection = try await self.connection(toNode: leader)
            var byTopic: [String: [(Int32, Int64)]] = [:]
            for (tp, spec) in partitions.sorted(by: { $0.key < $1.key }) {
                byTopic[tp.topic, default: []].append((tp.partition, spec.wireTimestamp))
            }
            let response = try await connection.send(
                ListOffsetsRequest(isolationLevel: isolation.wire, topics: byTopic.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
            var outcomes: [TopicPartition: PartitionOutcome<Int64>] = [:]
            for (topic, parts) in response.topics {
                for p in parts {
                    let tp = TopicPartition(topic, p.partition)
                    guard partitions[tp] != nil else { continue }
                    if p.errorCode == .none {
                        outcomes[tp] = .done(p.offset)
                    } else {
                        let error = KafkaError.broker(p.errorCode, "ListOffsets of \(tp) on \(connection.address)")
                        guard error.isRetriable || p.errorCode == .offsetNotAvailable else { throw error }
                        outcomes[tp] = .retry(error)
                    }
                }
            }
            return outcomes
        }
    }
}

extension KafkaErrorCode {
    /// `OFFSET_NOT_AVAILABLE` (78).
    static let offsetNotAvailable = KafkaErrorCode(rawValue: 78)
}
