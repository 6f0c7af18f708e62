extension KafkaProducer {
    /// Gets a producer id and epoch (InitProducerId). For a transactional producer this goes to the
    /// transaction coordinator and fences any older producer with the same `transactional.id`.
    func initProducerId() async throws(KafkaError) {
        let transactionalId = configuration.transactionalId
        let request = InitProducerIdRequest(
            transactionalId: transactionalId, transactionTimeoutMs: Int32(clamping: configuration.transactionTimeoutMs))
        let response = try await client.retrying(budgetMs: configuration.deliveryTimeoutMs) { () async throws(KafkaError) in
            let connection = try await transactionalId == nil ? client.anyConnection() : coordinator()
            let r = try await connection.send(request)
            if r.errorCode != .none {
                if r.errorCode == .notCoordinator || r.errorCode == .coordinatorNotAvailable { forgetCoordinator() }
                throw retriableForTransactions(KafkaError.broker(r.errorCode, "InitProducerId\(transactionalId.map { " for transactional.id '\($0)'" } ?? "") on \(connection.address)"))
            }
            return r
        }
        state.withLock { s in
            s.producerId = response.producerId
            s.producerEpoch = response.producerEpoch
            for tp in s.queues.keys { s.queues[tp]?.nextSequence = 0 }
        }
    }

    /// Registers the producer's `transactional.id` with its coordinator (fencing older instances)
    /// and readies it for ``beginTransaction()``.
    public func initTransactions() async throws(KafkaError) {
        try checkUsable(sending: false)
        guard configuration.transactionalId != nil else {
            throw KafkaError(.invalidState, "initTransactions() needs 'transactional.id'")
        }
        try await initProducerId()
        state.withLock { $0.phase = .ready }
    }

    /// Starts a transaction: records sent until commit or abort belong to it.
    public func beginTransaction() throws(KafkaError) {
        try checkUsable(sending: false)
        try state.withLock { (s: inout ProducerState) throws(KafkaError) in
            guard s.phase == .ready else {
                throw KafkaError(.invalidState, "beginTransaction() needs a producer after initTransactions() and outside a transaction (state: \(s.phase))")
            }
            s.phase = .inTransaction
            s.transactionPartitions.removeAll()
        }
    }

    /// Flushes and commits the transaction. If a record failed, the commit is not attempted and the
    /// error is thrown: abort the transaction then.
    public func commitTransaction() async throws(KafkaError) {
        try requireInTransaction("commitTransaction()")
        try await flush()
        try await endTransaction(commit: true)
    }

    /// Aborts the transaction: records not yet sent are dropped, sent ones are marked aborted.
    public func abortTransaction() async throws(KafkaError) {
        try requireInTransaction("abortTransaction()")
        let dropped = state.withLock { s -> [ProducerBatch] in
            var out: [ProducerBatch] = []
            for (tp, var q) in s.queues {
                out += q.ready.filter { $0.attempts == 0 }
                q.ready.removeAll { $0.attempts == 0 }
                if let open = q.open { out.append(open) }
                q.open = nil
                s.queues[tp] = q
            }
            return out
        }
        let waiters = state.withLock { s in dropped.flatMap { s.complete(records: $0.recordCount, bytes: $0.accountedBytes) } }
        for w in waiters { w.resume() }
        try? await flush()
        if let fatal = state.withLock({ $0.unrecoverable }) { throw fatal }
        state.withLock { $0.deliveryError = nil }
        try await endTransaction(commit: false)
    }

    private func requireInTransaction(_ what: String) throws(KafkaError) {
        if let fatal = state.withLock({ $0.unrecoverable }) { throw fatal }
        guard state.withLock({ $0.phase == .inTransaction }) else {
            throw KafkaError(.invalidState, "\(what) needs an open transaction (call beginTransaction() first)")
        }
    }

    private func endTransaction(commit: Bool) async throws(KafkaError) {
        let (pid, epoch, partitions) = state.withLock { ($0.producerId, $0.producerEpoch, $0.transactionPartitions) }
        guard let transactionalId = configuration.transactionalId else { return }
        if !partitions.isEmpty {
            let request = EndTxnRequest(transactionalId: transactionalId, producerId: pid, producerEpoch: epoch, committed: commit)
            do {
                try await client.retrying(budgetMs: configuration.deliveryTimeoutMs) { () async throws(KafkaError) in
                    let connection = try await coordinator()
                    let r = try await connection.send(request)
                    if r.errorCode != .none {
                        if r.errorCode == .notCoordinator || r.errorCode == .coordinatorNotAvailable { forgetCoordinator() }
                        throw retriableForTransactions(KafkaError.broker(r.errorCode, "EndTxn(\(commit ? "commit" : "abort")) for transactional.id '\(transactionalId)' on \(connection.address)"))
                    }
                }
            } catch {
                if case .fenced = error.code { setFatal(error) }
                throw error
            }
        }
        state.withLock { s in
            s.phase = .ready
            s.transactionPartitions.removeAll()
        }
    }

    /// AddPartitionsToTxn for partitions about to receive their first batch in this transaction.
    func addPartitionsToTransaction(_ partitions: [TopicPartition]) async throws(KafkaError) {
        guard let transactionalId = configuration.transactionalId else { return }
        let (pid, epoch) = state.withLock { ($0.producerId, $0.producerEpoch) }
        var byTopic: [String: [Int32]] = [:]
        for tp in partitions { byTopic[tp.topic, default: []].append(tp.partition) }
        let request = AddPartitionsToTxnRequest(
            transactionalId: transactionalId, producerId: pid, producerEpoch: epoch,
            topics: byTopic.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        try await client.retrying(budgetMs: configuration.deliveryTimeoutMs) { () async throws(KafkaError) in
            let connection = try await coordinator()
            let response = try await connection.send(request)
            for (topic, results) in response.results {
                for (partition, code) in results where code != .none {
                    if code == .notCoordinator || code == .coordinatorNotAvailable { forgetCoordinator() }
                    // OPERATION_NOT_ATTEMPTED marks the partitions held back by another partition's error.
                    if code.rawValue == 55 { continue }
                    throw retriableForTransactions(KafkaError.broker(code, "AddPartitionsToTxn \(topic)-\(partition) for transactional.id '\(transactionalId)' on \(connection.address)"))
                }
            }
        }
        state.withLock { $0.transactionPartitions.formUnion(partitions) }
    }

    /// CONCURRENT_TRANSACTIONS and coordinator moves are retriable here (Kafka marks them so too).
    private func retriableForTransactions(_ error: KafkaError) -> KafkaError { error }

    /// The transaction coordinator's connection (FindCoordinator with key type 1), cached.
    func coordinator() async throws(KafkaError) -> KafkaConnection {
        if let known = coordinatorAddress.withLock({ $0 }) { return try await client.connection(to: known) }
        guard let transactionalId = configuration.transactionalId else { return try await client.anyConnection() }
        let connection = try await client.anyConnection()
        let r = try await connection.send(FindCoordinatorRequest(key: transactionalId, keyType: 1))
        guard r.errorCode == .none else {
            throw KafkaError.broker(r.errorCode, "FindCoordinator for transactional.id '\(transactionalId)' on \(connection.address)", detail: r.errorMessage)
        }
        let address = BrokerAddress(host: r.host, port: Int(r.port))
        coordinatorAddress.withLock { $0 = address }
        return try await client.connection(to: address)
    }

    func forgetCoordinator() { coordinatorAddress.withLock { $0 = nil } }
}
