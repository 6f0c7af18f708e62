/// SCRAM-SHA-256/512 client (RFC 5802 / RFC 7677). Placeholder until swift-crypto is wired in.
struct ScramClient {
    let mechanism: KafkaConfiguration.SaslMechanism
    let username: String
    let password: String

    mutating func clientFirstMessage() -> [UInt8] { [] }
    mutating func clientFinalMessage(serverFirst: [UInt8]) throws(KafkaError) -> [UInt8] {
        throw KafkaError(.authenticationFailed, "\(mechanism.rawValue) is not available in this build")
    }
    func verifyServerFinal(_ message: [UInt8]) throws(KafkaError) {}
}
