import NIOCore

extension KafkaClient {
    /// Fetches records at `positions` from each partition's leader (one request per leader, sent
    /// concurrently). Leader moves and other retriable errors are retried after a metadata refresh;
    /// `OFFSET_OUT_OF_RANGE` comes back as the partition's `error`. `maxBytes` caps the response
    /// (default `fetch.max.bytes`) and each partition (default `max.partition.fetch.bytes`).
    public func fetch(
        _ positions: [TopicPartition: Int64], isolation: KafkaIsolationLevel, maxBytes: Int? = nil
    ) async throws(KafkaError) -> [TopicPartition: KafkaFetchResult] {
        var results: [TopicPartition: KafkaFetchResult] = [:]
        var remaining = positions
        var backoff = Backoff(configuration: configuration, budgetMs: configuration.defaultApiTimeoutMs)
        while !remaining.isEmpty {
            var lastError: KafkaError?
            let leaders: [TopicPartition: Int32], missing: [TopicPartition: KafkaError]
            do {
                (leaders, missing) = try await self.leaders(for: remaining.keys)
            } catch {
                guard error.isRetriable, await backoff.wait() else { throw error }
                continue
            }
            for (_, error) in missing {
                if error.isRetriable { lastError = error } else { throw error }
            }
            var byLeader: [Int32: [TopicPartition: Int64]] = [:]
            for (tp, leader) in leaders { byLeader[leader, default: [:]][tp] = remaining[tp] }
            let outcomes = await withTaskGroup(of: Result<[TopicPartition: KafkaFetchResult], KafkaError>.self) { group in
                for (leader, partitions) in byLeader {
                    group.addTask {
                        do throws(KafkaError) {
                            return .success(try await self.fetch(from: leader, partitions, isolation: isolation, maxBytes: maxBytes))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                var all: [Result<[TopicPartition: KafkaFetchResult], KafkaError>] = []
                for await r in group { all.append(r) }
                return all
            }
            for outcome in outcomes {
                switch outcome {
                case .failure(let error):
                    guard error.isRetriable else { throw error }
                    lastError = error
                case .success(let partitionResults):
                    for (tp, result) in partitionResults {
                        if let error = result.error, error.isRetriable {
                            lastError = error
                            continue
                        }
                        results[tp] = result
                        remaining[tp] = nil
                    }
                }
            }
            if !remaining.isEmpty {
                invalidateMetadata(topics: Array(Set(remaining.keys.map(\.topic))))
                guard await backoff.wait() else {
                    throw lastError ?? KafkaError(.timedOut, "fetch of \(remaining.keys.sorted().map(\.description).joined(separator: ", ")) did not succeed within the retry budget")
                }
            }
        }
        return results
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
        var results: [TopicPartition: Int64] = [:]
        var remaining = specs
        var backoff = Backoff(configuration: configuration, budgetMs: configuration.defaultApiTimeoutMs)
        while !remaining.isEmpty {
            var lastError: KafkaError?
            let leaders: [TopicPartition: Int32], missing: [TopicPartition: KafkaError]
            do {
                (leaders, missing) = try await self.leaders(for: remaining.keys)
            } catch {
                guard error.isRetriable, await backoff.wait() else { throw error }
                continue
            }
            for (_, error) in missing {
                if error.isRetriable { lastError = error } else { throw error }
            }
            var byLeader: [Int32: [TopicPartition]] = [:]
            for (tp, leader) in leaders { byLeader[leader, default: []].append(tp) }
            for (leader, tps) in byLeader {
                do throws(KafkaError) {
                    let connection = try await connection(toNode: leader)
                    var byTopic: [String: [(Int32, Int64)]] = [:]
                    for tp in tps.sorted() { byTopic[tp.topic, default: []].append((tp.partition, remaining[tp]?.wireTimestamp ?? -1)) }
                    let response = try await connection.send(
                        ListOffsetsRequest(isolationLevel: isolation.wire, topics: byTopic.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
                    for (topic, parts) in response.topics {
                        for p in parts {
                            let tp = TopicPartition(topic, p.partition)
                            guard remaining[tp] != nil else { continue }
                            if p.errorCode == .none {
                                results[tp] = p.offset
                                remaining[tp] = nil
                            } else {
                                let error = KafkaError.broker(p.errorCode, "ListOffsets of \(tp) on \(connection.address)")
                                guard error.isRetriable || p.errorCode == .offsetNotAvailable else { throw error }
                                lastError = error
                            }
                        }
                    }
                } catch {
                    guard error.isRetriable else { throw error }
                    lastError = error
                }
            }
            if !remaining.isEmpty {
                invalidateMetadata(topics: Array(Set(remaining.keys.map(\.topic))))
                guard await backoff.wait() else {
                    throw lastError ?? KafkaError(.timedOut, "ListOffsets did not succeed within the retry budget")
                }
            }
        }
        return results
    }
}

extension KafkaErrorCode {
    /// `OFFSET_NOT_AVAILABLE` (78).
    static let offsetNotAvailable = KafkaErrorCode(rawValue: 78)
}
