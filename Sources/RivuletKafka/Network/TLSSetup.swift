import NIOCore

/// Builds the TLS client handler for a connection when `security.protocol` is SSL or SASL_SSL.
struct TLSSetup: Sendable {
    static func make(_ configuration: KafkaConfiguration, host: String) throws(KafkaError) -> TLSSetup? {
        guard configuration.securityProtocol.usesTLS else { return nil }
        throw KafkaError(.tlsFailed, "TLS is not available in this build (security.protocol \(configuration.securityProtocol.rawValue))")
    }

    func addHandler(to channel: any Channel) throws {}
}
