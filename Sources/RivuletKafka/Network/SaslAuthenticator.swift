/// Runs the SASL exchange on a new connection: SaslHandshake (v1) then SaslAuthenticate rounds.
struct SaslAuthenticator {
    let settings: KafkaConfiguration.SaslSettings

    init(_ settings: KafkaConfiguration.SaslSettings) { self.settings = settings }

    func authenticate(_ connection: KafkaConnection) async throws(KafkaError) {
        let address = connection.address
        let handshake = try await connection.send(SaslHandshakeRequest(mechanism: settings.mechanism.rawValue))
        guard handshake.errorCode == .none else {
            throw KafkaError(
                .authenticationFailed,
                "SASL mechanism \(settings.mechanism.rawValue) is not enabled on \(address) (enabled: \(handshake.mechanisms.joined(separator: ", "))): \(handshake.errorCode)",
                kafkaCode: handshake.errorCode)
        }
        switch settings.mechanism {
        case .plain:
            _ = try await round(connection, SaslPlain.initialMessage(username: settings.username, password: settings.password))
        case .scramSHA256, .scramSHA512:
            var client = ScramClient(mechanism: settings.mechanism, username: settings.username, password: settings.password)
            let serverFirst = try await round(connection, client.clientFirstMessage())
            let clientFinal = try client.clientFinalMessage(serverFirst: serverFirst)
            let serverFinal = try await round(connection, clientFinal)
            try client.verifyServerFinal(serverFinal)
        }
    }

    private func round(_ connection: KafkaConnection, _ bytes: [UInt8]) async throws(KafkaError) -> [UInt8] {
        let response = try await connection.send(SaslAuthenticateRequest(authBytes: bytes))
        guard response.errorCode == .none else {
            throw KafkaError(
                .authenticationFailed,
                "SASL \(settings.mechanism.rawValue) authentication of '\(settings.username)' on \(connection.address) failed: \(response.errorCode)\(response.errorMessage.map { ": \($0)" } ?? "")",
                kafkaCode: response.errorCode)
        }
        return response.authBytes
    }
}

/// RFC 4616 PLAIN: `authzid NUL authcid NUL passwd` with an empty authzid.
enum SaslPlain {
    static func initialMessage(username: String, password: String) -> [UInt8] {
        [0] + Array(username.utf8) + [0] + Array(password.utf8)
    }
}
