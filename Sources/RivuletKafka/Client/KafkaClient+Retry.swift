/// What one leader said about one partition: a result, or a retriable error to try again after a
/// metadata refresh (a leader move, a partition not yet available, ...).
enum PartitionOutcome<Result: Sendable>: Sendable {
    case done(Result)
    case retry(KafkaError)
}

extension KafkaClient {
    /// Sends a per-partition request to each partition's leader (concurrently, one call per
    /// leader) until every partition has a result. Retriable errors — a failed call, a partition
    /// without a leader, a `.retry` outcome — refresh the metadata of the affected topics and are
    /// tried again with backoff within `default.api.timeout.ms`; anything else is thrown at once.
    func retryingPerLeader<Input: Sendable, Output: Sendable>(
        _ input: [TopicPartition: Input], operation: String,
        _ perLeader: @escaping @Sendable (Int32, [TopicPartition: Input]) async throws(KafkaError) -> [TopicPartition: PartitionOutcome<Output>]
    ) async throws(KafkaError) -> [TopicPartition: Output] {
        var results: [TopicPartition: Output] = [:]
        var remaining = input
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
            var byLeader: [Int32: [TopicPartition: Input]] = [:]
            for (tp, leader) in leaders { byLeader[leader, default: [:]][tp] = remaining[tp] }
            let calls = await withTaskGroup(of: Result<[TopicPartition: PartitionOutcome<Output>], KafkaError>.self) { group in
                for (leader, partitions) in byLeader {
                    group.addTask {
                        do throws(KafkaError) { return .success(try await perLeader(leader, partitions)) } catch { return .failure(error) }
                    }
                }
                var all: [Result<[TopicPartition: PartitionOutcome<Output>], KafkaError>] = []
                for await call in group { all.append(call) }
                return all
            }
            for call in calls {
                switch call {
                case .failure(let error):
                    guard error.isRetriable else { throw error }
                    lastError = error
                case .success(let outcomes):
                    for (tp, outcome) in outcomes {
                        switch outcome {
                        case .done(let value):
                            results[tp] = value
                            remaining[tp] = nil
                        case .retry(let error):
                            lastError = error
                        }
                    }
                }
            }
            if !remaining.isEmpty {
                invalidateMetadata(topics: Array(Set(remaining.keys.map(\.topic))))
                guard await backoff.wait() else {
                    let names = remaining.keys.sorted().map(\.description).joined(separator: ", ")
                    throw lastError ?? KafkaError(.timedOut, "\(operation) of \(names) did not succeed within the retry budget")
                }
            }
        }
        return results
    }
}
