extension KafkaClient {
    /// Creates a topic (sent to the controller). Fails with `TOPIC_ALREADY_EXISTS` if it exists.
    /// Waits until the new topic's partitions have leaders.
    public func createTopic(
        _ name: String, partitions: Int32, replicationFactor: Int16, configs: [String: String] = [:]
    ) async throws(KafkaError) {
        let timeout = Int32(clamping: configuration.requestTimeoutMs)
        let request = CreateTopicsRequest(
            topics: [(name: name, partitions: partitions, replicationFactor: replicationFactor, configs: configs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })],
            timeoutMs: timeout)
        let response = try await retrying { () async throws(KafkaError) in try await controllerConnection().send(request) }
        for (topic, code, message) in response.results where topic == name && code != .none {
            throw KafkaError.broker(code, "CreateTopics '\(name)'", detail: message)
        }
        try await waitForLeaders(name, partitions: partitions)
    }

    /// Grows `topic` to `totalCount` partitions (CreatePartitions).
    public func createPartitions(_ topic: String, totalCount: Int32) async throws(KafkaError) {
        let request = CreatePartitionsRequest(topics: [(topic, totalCount)], timeoutMs: Int32(clamping: configuration.requestTimeoutMs))
        let response = try await retrying { () async throws(KafkaError) in try await controllerConnection().send(request) }
        for (name, code, message) in response.results where name == topic && code != .none {
            throw KafkaError.broker(code, "CreatePartitions '\(topic)' to \(totalCount)", detail: message)
        }
        invalidateMetadata(topics: [topic])
        try await waitForLeaders(topic, partitions: totalCount)
    }

    /// Deletes a topic. Fails with `unknownTopicOrPartition` if it does not exist.
    public func deleteTopic(_ name: String) async throws(KafkaError) {
        let request = DeleteTopicsRequest(names: [name], timeoutMs: Int32(clamping: configuration.requestTimeoutMs))
        let response = try await retrying { () async throws(KafkaError) in try await controllerConnection().send(request) }
        for (topic, code) in response.results where topic == name && code != .none {
            throw KafkaError.broker(code, "DeleteTopics '\(name)'")
        }
        state.withLock { $0.metadata.topics[name] = nil }
    }

    /// The controller's connection (admin requests must go there).
    func controllerConnection() async throws(KafkaError) -> KafkaConnection {
        var controller = state.withLock { $0.metadata.controllerId }
        if controller < 0 {
            try await refreshMetadata(topics: [])
            controller = state.withLock { $0.metadata.controllerId }
        }
        if controller >= 0, brokerAddress(controller) != nil { return try await connection(toNode: controller) }
        return try await anyConnection()
    }

    /// Polls metadata until all `partitions` of `topic` have a leader (bounded by the API timeout).
    func waitForLeaders(_ topic: String, partitions: Int32) async throws(KafkaError) {
        var backoff = Backoff(configuration: configuration, budgetMs: configuration.defaultApiTimeoutMs)
        while true {
            let response = try await refreshMetadata(topics: [topic])
            if let t = response.topics.first(where: { $0.name == topic }), t.errorCode == .none,
                t.partitions.count >= Int(partitions), t.partitions.allSatisfy({ $0.leader >= 0 })
            {
                return
            }
            guard await backoff.wait() else {
                throw KafkaError(.timedOut, "topic '\(topic)' has no leader for all \(partitions) partitions yet")
            }
        }
    }
}
