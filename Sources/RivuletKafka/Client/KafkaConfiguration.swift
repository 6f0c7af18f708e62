import Foundation

/// Client settings, parsed from Kafka's property names (the Java client's, with librdkafka's
/// `sasl.username`/`sasl.password`/`ssl.*.location` spellings for SASL and TLS).
///
/// ```swift
/// let config = try KafkaConfiguration([
///     "bootstrap.servers": "127.0.0.1:9092",
///     "compression.type": "zstd", "linger.ms": "10", "acks": "all",
/// ])
/// ```
/// An unknown property, or a bad value, is a `KafkaError` (`invalidConfiguration`) naming the
/// property and the value. Properties of the Java clients that have no effect here (`group.id`,
/// serializers, buffer sizes...) are accepted and ignored; see ``ignoredProperties``.
public struct KafkaConfiguration: Sendable {
    /// `bootstrap.servers`: where to find the cluster.
    public var bootstrapServers: [String]
    /// `client.id` (default `rivulet`).
    public var clientId: String = "rivulet"
    /// `security.protocol`.
    public var securityProtocol: SecurityProtocol = .plaintext
    /// SASL settings when `security.protocol` is SASL_PLAINTEXT or SASL_SSL.
    public var sasl: SaslSettings?
    /// TLS settings (`ssl.*`), used when `security.protocol` is SSL or SASL_SSL.
    public var tls = TLSSettings()
    /// `acks`: 0, 1 or -1 (`all`). Default `all`.
    public var acks: Int16 = -1
    /// `linger.ms` (default 5).
    public var lingerMs: Int = 5
    /// `batch.size` in bytes (default 16384).
    public var batchSize: Int = 16384
    /// `compression.type` (default none).
    public var compression: KafkaCompression = .none
    /// `enable.idempotence` (default false; implied by `transactional.id`).
    public var enableIdempotence = false
    /// `transactional.id`.
    public var transactionalId: String?
    /// `transaction.timeout.ms` (default 60000).
    public var transactionTimeoutMs: Int = 60000
    /// `isolation.level` (default read_uncommitted).
    public var isolationLevel: KafkaIsolationLevel = .readUncommitted
    /// `fetch.max.bytes` (default 52428800).
    public var fetchMaxBytes: Int = 52_428_800
    /// `max.partition.fetch.bytes` (default 1048576).
    public var maxPartitionFetchBytes: Int = 1_048_576
    /// `fetch.min.bytes` (default 1).
    public var fetchMinBytes: Int = 1
    /// `fetch.max.wait.ms` (default 500).
    public var fetchMaxWaitMs: Int = 500
    /// `request.timeout.ms` (default 30000).
    public var requestTimeoutMs: Int = 30000
    /// `retries` (default 2147483647: bounded by the time budgets instead).
    public var retries: Int = Int(Int32.max)
    /// `retry.backoff.ms` (default 100).
    public var retryBackoffMs: Int = 100
    /// `retry.backoff.max.ms` (default 1000).
    public var retryBackoffMaxMs: Int = 1000
    /// `socket.connection.setup.timeout.ms` (default 10000): per connection attempt, and the whole
    /// bootstrap wait of `KafkaClient.connect`.
    public var socketConnectionSetupTimeoutMs: Int = 10000
    /// `metadata.max.age.ms` (default 300000).
    public var metadataMaxAgeMs: Int = 300_000
    /// `delivery.timeout.ms` (default 120000): how long a produced record may take, retries included.
    public var deliveryTimeoutMs: Int = 120_000
    /// `default.api.timeout.ms` (default 60000): the retry budget of client calls other than produce.
    public var defaultApiTimeoutMs: Int = 60000
    /// `max.in.flight.requests.per.connection` (default 5).
    public var maxInFlightRequestsPerConnection: Int = 5
    /// `max.request.size` (default 1048576): the largest produce request.
    public var maxRequestSize: Int = 1_048_576
    /// `check.crcs` (default true): verify record batch CRC-32C on fetch.
    public var checkCRCs = true
    /// Largest response frame accepted (bytes).
    var maxResponseSize: Int { max(fetchMaxBytes, maxPartitionFetchBytes) * 2 + 64 * 1024 * 1024 }

    /// `security.protocol` values.
    public enum SecurityProtocol: String, Sendable {
        /// Plain TCP.
        case plaintext = "PLAINTEXT"
        /// TLS.
        case ssl = "SSL"
        /// SASL over plain TCP.
        case saslPlaintext = "SASL_PLAINTEXT"
        /// SASL over TLS.
        case saslSSL = "SASL_SSL"

        var usesTLS: Bool { self == .ssl || self == .saslSSL }
        var usesSASL: Bool { self == .saslPlaintext || self == .saslSSL }
    }

    /// SASL mechanisms this client implements.
    public enum SaslMechanism: String, Sendable {
        /// RFC 4616 PLAIN.
        case plain = "PLAIN"
        /// RFC 7677 SCRAM-SHA-256.
        case scramSHA256 = "SCRAM-SHA-256"
        /// SCRAM-SHA-512.
        case scramSHA512 = "SCRAM-SHA-512"
    }

    /// `sasl.mechanism` (alias `sasl.mechanisms`), `sasl.username`, `sasl.password`
    /// (or the username/password of `sasl.jaas.config`).
    public struct SaslSettings: Sendable, Equatable {
        /// The mechanism.
        public var mechanism: SaslMechanism
        /// The user name.
        public var username: String
        /// The password.
        public var password: String
    }

    /// `ssl.ca.location`, `ssl.certificate.location`, `ssl.key.location`, `ssl.key.password`,
    /// `ssl.endpoint.identification.algorithm` (`https`, the default, checks the host name; `none` does not).
    public struct TLSSettings: Sendable, Equatable {
        /// PEM file of trusted CA certificates (default: the system's trust roots).
        public var caLocation: String?
        /// PEM client certificate for mutual TLS.
        public var certificateLocation: String?
        /// PEM private key of the client certificate.
        public var keyLocation: String?
        /// Password of an encrypted private key.
        public var keyPassword: String?
        /// Whether the broker's host name is verified against its certificate.
        public var verifyHostname = true
    }

    /// Java-client properties accepted without effect.
    public static let ignoredProperties: Set<String> = [
        "group.id", "group.instance.id", "auto.offset.reset", "enable.auto.commit", "auto.commit.interval.ms",
        "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "session.timeout.ms",
        "heartbeat.interval.ms", "max.poll.records", "max.poll.interval.ms", "receive.buffer.bytes",
        "send.buffer.bytes", "client.rack", "connections.max.idle.ms", "reconnect.backoff.ms",
        "reconnect.backoff.max.ms", "metadata.max.idle.ms", "buffer.memory", "max.block.ms",
        "partition.assignment.strategy", "interceptor.classes", "metric.reporters", "metrics.num.samples",
        "metrics.sample.window.ms", "metrics.recording.level", "allow.auto.create.topics", "exclude.internal.topics",
        "security.providers", "client.dns.lookup", "socket.connection.setup.timeout.max.ms", "partitioner.class",
        "partitioner.ignore.keys", "partitioner.adaptive.partitioning.enable", "ssl.protocol",
        "ssl.enabled.protocols", "ssl.keystore.type", "ssl.truststore.type", "sasl.kerberos.service.name",
        "enable.metrics.push", "compression.gzip.level", "compression.lz4.level", "compression.zstd.level",
    ]

    /// Parses `properties`; throws on an unknown property or a bad value.
    public init(_ properties: [String: String]) throws(KafkaError) {
        var p = properties
        func take(_ name: String) -> String? { p.removeValue(forKey: name) }
        func int(_ name: String, _ range: ClosedRange<Int>) throws(KafkaError) -> Int? {
            guard let raw = take(name) else { return nil }
            guard let v = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(v) else {
                throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for '\(name)': expected an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return v
        }
        func bool(_ name: String) throws(KafkaError) -> Bool? {
            guard let raw = take(name) else { return nil }
            switch raw.lowercased().trimmingCharacters(in: .whitespaces) {
            case "true": return true
            case "false": return false
            default: throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for '\(name)': expected true or false")
            }
        }

        guard let servers = take("bootstrap.servers") ?? take("metadata.broker.list") else {
            throw KafkaError(.invalidConfiguration, "missing required property 'bootstrap.servers'")
        }
        bootstrapServers = servers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !bootstrapServers.isEmpty, bootstrapServers.allSatisfy({ BrokerAddress.parse($0) != nil }) else {
            throw KafkaError(.invalidConfiguration, "invalid value '\(servers)' for 'bootstrap.servers': expected host:port[,host:port...]")
        }
        if let v = take("client.id") { clientId = v }
        if let raw = take("security.protocol") {
            guard let v = SecurityProtocol(rawValue: raw.uppercased()) else {
                throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for 'security.protocol': expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL")
            }
            securityProtocol = v
        }
        // SASL
        let mechanismName = take("sasl.mechanism") ?? take("sasl.mechanisms")
        var username = take("sasl.username")
        var password = take("sasl.password")
        if let jaas = take("sasl.jaas.config") {
            let (u, pw) = try Self.parseJaas(jaas)
            username = username ?? u
            password = password ?? pw
        }
        if securityProtocol.usesSASL {
            let raw = mechanismName ?? "PLAIN"
            guard let mechanism = SaslMechanism(rawValue: raw.uppercased()) else {
                throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for 'sasl.mechanism': expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
            }
            guard let username, let password else {
                throw KafkaError(.invalidConfiguration, "security.protocol \(securityProtocol.rawValue) needs 'sasl.username' and 'sasl.password' (or 'sasl.jaas.config')")
            }
            sasl = SaslSettings(mechanism: mechanism, username: username, password: password)
        }
        // TLS
        tls.caLocation = take("ssl.ca.location") ?? take("ssl.truststore.location")
        tls.certificateLocation = take("ssl.certificate.location")
        tls.keyLocation = take("ssl.key.location")
        tls.keyPassword = take("ssl.key.password")
        if let raw = take("ssl.endpoint.identification.algorithm") {
            switch raw.lowercased() {
            case "https": tls.verifyHostname = true
            case "none", "": tls.verifyHostname = false
            default: throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for 'ssl.endpoint.identification.algorithm': expected https or none")
            }
        }
        if (tls.certificateLocation == nil) != (tls.keyLocation == nil) {
            throw KafkaError(.invalidConfiguration, "'ssl.certificate.location' and 'ssl.key.location' must be set together")
        }
        // Producer
        if let raw = take("acks") ?? take("request.required.acks") {
            switch raw.lowercased() {
            case "all", "-1": acks = -1
            case "0": acks = 0
            case "1": acks = 1
            default: throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for 'acks': expected all, -1, 0 or 1")
            }
        }
        if let v = try int("linger.ms", 0...900_000) { lingerMs = v }
        if let v = try int("batch.size", 0...Int(Int32.max)) { batchSize = max(v, 1) }
        if let raw = take("compression.type") ?? take("compression.codec") {
            guard let v = KafkaCompression(name: raw) else {
                throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for 'compression.type': expected none, gzip, snappy, lz4 or zstd")
            }
            compression = v
        }
        if let v = try bool("enable.idempotence") { enableIdempotence = v }
        if let v = take("transactional.id"), !v.isEmpty { transactionalId = v }
        if let v = try int("transaction.timeout.ms", 1...Int(Int32.max)) { transactionTimeoutMs = v }
        if let raw = take("isolation.level") {
            switch raw.lowercased() {
            case "read_uncommitted": isolationLevel = .readUncommitted
            case "read_committed": isolationLevel = .readCommitted
            default: throw KafkaError(.invalidConfiguration, "invalid value '\(raw)' for 'isolation.level': expected read_uncommitted or read_committed")
            }
        }
        if let v = try int("fetch.max.bytes", 1...Int(Int32.max)) { fetchMaxBytes = v }
        if let v = try int("max.partition.fetch.bytes", 1...Int(Int32.max)) { maxPartitionFetchBytes = v }
        if let v = try int("fetch.min.bytes", 0...Int(Int32.max)) { fetchMinBytes = v }
        if let v = try int("fetch.max.wait.ms", 0...Int(Int32.max)) { fetchMaxWaitMs = v }
        if let v = try int("request.timeout.ms", 1...Int(Int32.max)) { requestTimeoutMs = v }
        if let v = try int("retries", 0...Int(Int32.max)) { retries = v }
        if let v = try int("retry.backoff.ms", 0...Int(Int32.max)) { retryBackoffMs = v }
        if let v = try int("retry.backoff.max.ms", 0...Int(Int32.max)) { retryBackoffMaxMs = v }
        if let v = try int("socket.connection.setup.timeout.ms", 1...Int(Int32.max)) { socketConnectionSetupTimeoutMs = v }
        if let v = try int("metadata.max.age.ms", 0...Int(Int32.max)) { metadataMaxAgeMs = v }
        if let v = try int("delivery.timeout.ms", 1...Int(Int32.max)) { deliveryTimeoutMs = v }
        if let v = try int("default.api.timeout.ms", 1...Int(Int32.max)) { defaultApiTimeoutMs = v }
        if let v = try int("max.in.flight.requests.per.connection", 1...1000) { maxInFlightRequestsPerConnection = v }
        if let v = try int("max.request.size", 1...Int(Int32.max)) { maxRequestSize = v }
        if let v = try bool("check.crcs") { checkCRCs = v }
        if transactionalId != nil { enableIdempotence = true }
        if enableIdempotence {
            if properties["acks"] != nil && acks != -1 {
                throw KafkaError(.invalidConfiguration, "'acks' must be all when 'enable.idempotence' is true (got '\(properties["acks"] ?? "")')")
            }
            acks = -1
            if maxInFlightRequestsPerConnection > 5 {
                throw KafkaError(.invalidConfiguration, "'max.in.flight.requests.per.connection' must be at most 5 when 'enable.idempotence' is true")
            }
        }
        for key in p.keys where Self.ignoredProperties.contains(key) { p.removeValue(forKey: key) }
        if let unknown = p.keys.sorted().first {
            throw KafkaError(.invalidConfiguration, "unknown Kafka property '\(unknown)'")
        }
    }

    /// Extracts username and password from a PlainLoginModule/ScramLoginModule JAAS line.
    static func parseJaas(_ text: String) throws(KafkaError) -> (String?, String?) {
        func value(_ key: String) -> String? {
            guard let r = text.range(of: "\(key)=\"") else { return nil }
            let rest = text[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        let u = value("username"), p = value("password")
        if u == nil || p == nil {
            throw KafkaError(.invalidConfiguration, "invalid value for 'sasl.jaas.config': expected username=\"...\" password=\"...\"")
        }
        return (u, p)
    }
}

