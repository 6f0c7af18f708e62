import NIOCore
import NIOSSL

/// Builds the TLS client handler for a connection when `security.protocol` is SSL or SASL_SSL:
/// trust roots from `ssl.ca.location` (else the system's), an optional client certificate and key,
/// and host name verification unless `ssl.endpoint.identification.algorithm` is `none`.
struct TLSSetup: Sendable {
    let context: NIOSSLContext
    let serverHostname: String?

    static func make(_ configuration: KafkaConfiguration, host: String) throws(KafkaError) -> TLSSetup? {
        guard configuration.securityProtocol.usesTLS else { return nil }
        let settings = configuration.tls
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let ca = settings.caLocation {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
            }
            if let certificate = settings.certificateLocation, let key = settings.keyLocation {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
                if let password = settings.keyPassword {
                    let bytes = Array(password.utf8)
                    tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem) { setter in setter(bytes) })
                } else {
                    tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
                }
            }
        } catch {
            throw KafkaError(.tlsFailed, "cannot load TLS files (ssl.ca.location / ssl.certificate.location / ssl.key.location): \(error)")
        }
        if !settings.verifyHostname { tls.certificateVerification = .noHostnameVerification }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw KafkaError(.tlsFailed, "invalid TLS configuration: \(error)")
        }
        // SNI and name checks use the host name; an IP literal is checked against the certificate's IP SANs.
        let isIP = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return TLSSetup(context: context, serverHostname: isIP ? nil : host)
    }

    func addHandler(to channel: any Channel) throws {
        let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
        try channel.pipeline.syncOperations.addHandler(handler)
    }
}

/// A readable cause for TLS failures, or nil when `error` is not a TLS error.
func describeTLSError(_ error: any Error) -> String? {
    if let e = error as? NIOSSLError {
        switch e {
        case .handshakeFailed(let inner): return "TLS handshake failed: \(inner)"
        case .unableToValidateCertificate: return "TLS certificate validation failed"
        default: return "TLS error: \(e)"
        }
    }
    if let e = error as? BoringSSLError { return "TLS error: \(e)" }
    if let e = error as? NIOSSLExtraError { return "TLS error: \(e)" }
    return nil
}
