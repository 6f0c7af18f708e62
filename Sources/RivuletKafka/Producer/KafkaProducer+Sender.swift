import NIOCore

extension KafkaProducer {
    /// Wakes the sender after `delay`.
    func wake(after delay: Duration) {
        let wakeups = self.wakeups
        Task {
            try? await Task.sleep(for: delay)
            wakeups.yield()
        }
    }

    var retryDelay: Duration { .milliseconds(configuration.retryBackoffMs) }

    func backoffDelay(attempt: Int) -> Duration {
        let ms = min(Double(configuration.retryBackoffMs) * Double(1 << min(max(attempt - 1, 0), 20)), Double(max(configuration.retryBackoffMaxMs, configuration.retryBackoffMs)))
        return .milliseconds(Int64(ms * Double.random(in: 0.8...1.2)))
    }

    /// One round of the sender: sends every batch that is due, as far as the in-flight limits allow.
    /// Runs on the single sender task, so batches of a partition are written in order.
    func senderPass() async {
        while true {
            let now = ContinuousClock.now
            let batchSize = configuration.batchSize
            let candidates = state.withLock { s -> [TopicPartition] in
                s.queues.compactMap { tp, q in s.hasSendable(q, now: now, linger: linger, batchSize: batchSize) ? tp : nil }
            }
            if candidates.isEmpty {
                armLingerTimer()
                return
            }
            let leaders: [TopicPartition: Int32]
            do {
                let found = try await client.leaders(for: candidates, allowAutoCreate: true)
                leaders = found.leaders
                for (tp, error) in found.missing where !error.isRetriable { failQueue(tp, error) }
                if !found.missing.isEmpty {
                    expireBatches(cause: found.missing.values.first)
                    wake(after: retryDelay)
                }
            } catch {
                expireBatches(cause: error)
                wake(after: retryDelay)
                return
            }
            if state.withLock({ $0.phase == .inTransaction }) {
                let added = state.withLock { $0.transactionPartitions }
                let new = leaders.keys.filter { !added.contains($0) }.sorted()
                if !new.isEmpty {
                    do {
                        try await addPartitionsToTransaction(new)
                    } catch {
                        if case .fenced = error.code {
                            setFatal(error)
                        } else if error.isRetriable {
                            wake(after: retryDelay)
                        } else {
                            for tp in new { failQueue(tp, error) }
                        }
                        return
                    }
                }
            }
            let requests = drain(leaders: leaders, now: .now)
            if requests.isEmpty {
                armLingerTimer()
                return
            }
            for (node, batches) in requests { await sendProduce(to: node, batches) }
        }
    }

    /// Takes at most one due batch per partition, grouped by leader, within the in-flight limits.
    private func drain(leaders: [TopicPartition: Int32], now: ContinuousClock.Instant) -> [(Int32, [ProducerBatch])] {
        let maxInFlight = configuration.maxInFlightRequestsPerConnection
        let maxRequest = configuration.maxRequestSize
        let idempotent = configuration.enableIdempotence
        let batchSize = configuration.batchSize
        return state.withLock { s -> [(Int32, [ProducerBatch])] in
            var perNode: [Int32: [ProducerBatch]] = [:]
            var sizes: [Int32: Int] = [:]
            for (tp, leader) in leaders.sorted(by: { $0.key < $1.key }) {
                guard (s.inFlightByNode[leader] ?? 0) < maxInFlight, var q = s.queues[tp] else { continue }
                guard s.hasSendable(q, now: now, linger: linger, batchSize: batchSize), q.inFlight < maxInFlight else { continue }
                var batch: ProducerBatch
                if let first = q.ready.first {
                    // A retried batch waits until the partition's in-flight batches have settled.
                    if first.attempts > 0 && q.inFlight > 0 { continue }
                    batch = q.ready.removeFirst()
                } else if let open = q.open {
                    batch = open
                    q.open = nil
                } else {
                    continue
                }
                let size = batch.encoded?.readableBytes ?? batch.size
                if let current = sizes[leader], current + size > maxRequest {
                    q.ready.insert(batch, at: 0)
                    s.queues[tp] = q
                    continue
                }
                if idempotent && batch.baseSequence < 0 {
                    batch.baseSequence = q.nextSequence
                    q.nextSequence = q.nextSequence &+ Int32(batch.recordCount)
                    if q.nextSequence < 0 { q.nextSequence = q.nextSequence &- Int32.min }  // wraps to 0...
                }
                batch.attempts += 1
                q.inFlight += 1
                s.queues[tp] = q
                perNode[leader, default: []].append(batch)
                sizes[leader, default: 0] += size
            }
            for node in perNode.keys { s.inFlightByNode[node, default: 0] += 1 }
            return perNode.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    /// Encodes the batches, writes one Produce request to `node` and handles its response when it comes.
    private func sendProduce(to node: Int32, _ input: [ProducerBatch]) async {
        let (pid, epoch, transactional) = state.withLock { ($0.producerId, $0.producerEpoch, $0.phase == .inTransaction) }
        var batches: [ProducerBatch] = []
        for var b in input {
            if b.encoded == nil {
                do {
                    b.encoded = try b.builder.build(
                        compression: configuration.compression,
                        producer: .init(producerId: pid, producerEpoch: epoch, baseSequence: b.baseSequence, transactional: transactional))
                } catch {
                    settle(b, node: nil, result: .failure(error))
                    continue
                }
            }
            batches.append(b)
        }
        guard !batches.isEmpty else {
            releaseNode(node)
            return
        }
        let connection: KafkaConnection
        let version: Int16
        do {
            connection = try await client.connection(toNode: node)
            version = try connection.version(for: .produce)
        } catch {
            for b in batches { settle(b, node: nil, result: .failure(error)) }
            releaseNode(node)
            return
        }
        var byTopic: [String: [(Int32, ByteBuffer)]] = [:]
        for b in batches { byTopic[b.partition.topic, default: []].append((b.partition.partition, b.encoded ?? ByteBuffer())) }
        let request = ProduceRequest(
            transactionalId: configuration.transactionalId, acks: configuration.acks,
            timeoutMs: Int32(clamping: configuration.requestTimeoutMs),
            topics: byTopic.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        let acks = configuration.acks
        let sent = batches
        connection.enqueue(request, version: version).whenComplete { [self] result in
            let batches = sent
            var outcomes: [TopicPartition: Result<Void, KafkaError>] = [:]
            switch result {
            case .failure(let error):
                let e = (error as? KafkaError) ?? KafkaError(.connectionFailed, "Produce to \(connection.address): \(describeNetworkError(error))")
                for b in batches { outcomes[b.partition] = .failure(e) }
            case .success(let body):
                if acks == 0 {
                    for b in batches { outcomes[b.partition] = .success(()) }
                } else {
                    do throws(KafkaError) {
                        let response = try connection.decode(body, for: ProduceRequest.self, version: version)
                        for (topic, parts) in response.topics {
                            for p in parts {
                                let tp = TopicPartition(topic, p.partition)
                                if p.errorCode == .none || p.errorCode == .duplicateSequenceNumber {
                                    outcomes[tp] = .success(())
                                } else {
                                    outcomes[tp] = .failure(KafkaError.broker(p.errorCode, "Produce to \(tp) on \(connection.address)", detail: p.errorMessage))
                                }
                            }
                        }
                    } catch {
                        for b in batches { outcomes[b.partition] = .failure(error) }
                    }
                }
            }
            for b in batches {
                settle(b, node: nil, result: outcomes[b.partition] ?? .failure(KafkaError(.protocolError, "Produce response from \(connection.address) has no entry for \(b.partition)")))
            }
            releaseNode(node)
        }
    }

    private func releaseNode(_ node: Int32) {
        state.withLock { s in s.inFlightByNode[node, default: 1] -= 1 }
        wakeups.yield()
    }

    /// Completes, retries or fails one sent batch.
    private func settle(_ input: ProducerBatch, node: Int32?, result: Result<Void, KafkaError>) {
        var batch = input
        let tp = batch.partition
        let now = ContinuousClock.now
        let idempotent = configuration.enableIdempotence
        let deliveryTimeout = Duration.milliseconds(configuration.deliveryTimeoutMs)
        var retryAfter: Duration?
        var refresh = false
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            var q = s.queues[tp] ?? PartitionQueue()
            q.inFlight = max(q.inFlight - 1, 0)
            defer { s.queues[tp] = q }
            switch result {
            case .success:
                return s.complete(records: batch.recordCount, bytes: batch.accountedBytes)
            case .failure(let error):
                let earlierRetry = q.ready.contains { $0.attempts > 0 && $0.baseSequence < batch.baseSequence }
                let outOfOrderAfterRetry = error.kafkaCode == .outOfOrderSequenceNumber && earlierRetry
                let retriable = (error.isRetriable || outOfOrderAfterRetry) && s.unrecoverable == nil && !s.closed
                if retriable && now - batch.createdAt < deliveryTimeout && batch.attempts <= configuration.retries {
                    let delay = backoffDelay(attempt: batch.attempts)
                    batch.retryNotBefore = now + delay
                    let index = idempotent
                        ? (q.ready.firstIndex { $0.baseSequence < 0 || $0.baseSequence > batch.baseSequence } ?? q.ready.count)
                        : (q.ready.firstIndex { $0.attempts == 0 } ?? q.ready.count)
                    q.ready.insert(batch, at: index)
                    retryAfter = delay
                    refresh = error.kafkaCode?.needsMetadataRefresh ?? true
                    return []
                }
                var failure = error
                if retriable {
                    failure = KafkaError(.timedOut, "delivery of \(batch.recordCount) record(s) to \(tp) failed within delivery.timeout.ms \(configuration.deliveryTimeoutMs): \(error.message)", kafkaCode: error.kafkaCode)
                }
                s.recordFailure(failure)
                if case .fenced = failure.code, s.unrecoverable == nil { s.unrecoverable = failure }
                if idempotent, failure.kafkaCode == .outOfOrderSequenceNumber || failure.kafkaCode == .unknownProducerId,
                    s.unrecoverable == nil
                {
                    s.unrecoverable = failure
                }
                return s.complete(records: batch.recordCount, bytes: batch.accountedBytes)
            }
        }
        for w in waiters { w.resume() }
        if refresh { client.invalidateMetadata(topics: [tp.topic]) }
        if let retryAfter { wake(after: retryAfter) }
    }

    /// Fails every queued (not in-flight) batch of `tp`.
    func failQueue(_ tp: TopicPartition, _ error: KafkaError) {
        let batches = state.withLock { s -> [ProducerBatch] in
            guard var q = s.queues[tp] else { return [] }
            var out = q.ready
            if let open = q.open { out.append(open) }
            q.ready.removeAll()
            q.open = nil
            s.queues[tp] = q
            return out
        }
        if !batches.isEmpty { fail(batches, error) }
    }

    /// Fails queued batches older than `delivery.timeout.ms`.
    func expireBatches(cause: KafkaError?) {
        let now = ContinuousClock.now
        let limit = Duration.milliseconds(configuration.deliveryTimeoutMs)
        let expired = state.withLock { s -> [ProducerBatch] in
            var out: [ProducerBatch] = []
            for (tp, var q) in s.queues {
                let old = q.ready.filter { now - $0.createdAt >= limit }
                if old.isEmpty && !(q.open.map { now - $0.createdAt >= limit } ?? false) { continue }
                out += old
                q.ready.removeAll { now - $0.createdAt >= limit }
                if let open = q.open, now - open.createdAt >= limit {
                    out.append(open)
                    q.open = nil
                }
                s.queues[tp] = q
            }
            return out
        }
        guard !expired.isEmpty else { return }
        fail(expired, KafkaError(
            .timedOut,
            "\(expired.reduce(0) { $0 + $1.recordCount }) record(s) expired after delivery.timeout.ms \(configuration.deliveryTimeoutMs)\(cause.map { ": \($0.message)" } ?? "")",
            kafkaCode: cause?.kafkaCode))
    }

    func setFatal(_ error: KafkaError) {
        let all = state.withLock { s -> [ProducerBatch] in
            if s.unrecoverable == nil { s.unrecoverable = error }
            var out: [ProducerBatch] = []
            for (tp, var q) in s.queues {
                out += q.ready
                if let open = q.open { out.append(open) }
                q.ready.removeAll()
                q.open = nil
                s.queues[tp] = q
            }
            return out
        }
        fail(all, error, fatal: true)
    }

    /// Makes sure the sender wakes when the oldest open batch has lingered long enough.
    private func armLingerTimer() {
        let linger = self.linger
        let deadline = state.withLock { s -> ContinuousClock.Instant? in
            var earliest: ContinuousClock.Instant?
            for q in s.queues.values {
                guard let open = q.open, q.ready.isEmpty else { continue }
                let due = open.createdAt + linger
                if earliest.map({ due < $0 }) ?? true { earliest = due }
            }
            guard let earliest else { return nil }
            if let armed = s.lingerDeadline, armed <= earliest, armed > .now { return nil }
            s.lingerDeadline = earliest
            return earliest
        }
        guard let deadline else { return }
        let wakeups = self.wakeups
        Task { [self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            self.state.withLock { s in if s.lingerDeadline == deadline { s.lingerDeadline = nil } }
            wakeups.yield()
        }
    }
}
