import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

/// SASL end to end: a proxy in front of the broker that authenticates like a Kafka broker
/// (librdkafka's mock cluster has no SASL, and noida accepts any SCRAM exchange without checking it).
@Suite("SASL PLAIN and SCRAM through an authenticating proxy")
struct SaslBrokerTests {
    func proxy(_ mechanism: String, tls: TestCertificate? = nil) async throws -> TLSProxy {
        let address = try #require(BrokerAddress.parse(try TestPeers.kafkaBootstrap()))
        return try await TLSProxy.start(
            certificate: tls?.certificate, key: tls?.key, upstreamHost: address.host, upstreamPort: address.port,
            sasl: .init(mechanism: mechanism, username: "alice", password: "alice-secret"))
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)), arguments: ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
    func authenticatesAndProduces(mechanism: String) async throws {
        let proxy = try await proxy(mechanism)
        let producer = try await KafkaProducer.connect(try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(proxy.port)", "security.protocol": "SASL_PLAINTEXT",
            "sasl.mechanism": mechanism, "sasl.username": "alice", "sasl.password": "alice-secret",
        ]))
        let topic = KafkaTestSupport.uniqueTopic("sasl")
        try await producer.client.createTopic(topic, partitions: 1, replicationFactor: 1)
        try await producer.send(KafkaProducerRecord(topic: topic, partition: 0, value: Array("hi".utf8)))
        try await producer.flush()
        let records = try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 1)
        #expect(records.map(\.value) == [Array("hi".utf8)])
        await producer.close()
        await proxy.stop()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)), arguments: ["PLAIN", "SCRAM-SHA-256"])
    func wrongPasswordIsAnAuthenticationError(mechanism: String) async throws {
        let proxy = try await proxy(mechanism)
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(proxy.port)", "security.protocol": "SASL_PLAINTEXT",
            "sasl.mechanism": mechanism, "sasl.username": "alice", "sasl.password": "wrong",
        ])
        await #expect { _ = try await KafkaClient.connect(config) } throws: { error in
            guard let e = error as? KafkaError, case .authenticationFailed = e.code else { return false }
            return e.message.contains("alice") && e.message.contains("127.0.0.1:\(proxy.port)") && e.message.contains("SASL_AUTHENTICATION_FAILED")
        }
        await proxy.stop()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)))
    func mechanismNotEnabledIsNamed() async throws {
        let proxy = try await proxy("SCRAM-SHA-512")
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(proxy.port)", "security.protocol": "SASL_PLAINTEXT",
            "sasl.mechanism": "PLAIN", "sasl.username": "alice", "sasl.password": "alice-secret",
        ])
        await #expect { _ = try await KafkaClient.connect(config) } throws: { error in
            guard let e = error as? KafkaError, case .authenticationFailed = e.code else { return false }
            return e.message.contains("PLAIN") && e.message.contains("SCRAM-SHA-512")
        }
        await proxy.stop()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python) && TestCertificate.opensslAvailable))
    func saslOverTLS() async throws {
        let cert = try TestCertificate()
        let proxy = try await proxy("SCRAM-SHA-256", tls: cert)
        let client = try await KafkaClient.connect(try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(proxy.port)", "security.protocol": "SASL_SSL", "ssl.ca.location": cert.certificate,
            "sasl.mechanism": "SCRAM-SHA-256", "sasl.username": "alice", "sasl.password": "alice-secret",
        ]))
        let metadata = try await client.metadata(topics: nil)
        #expect(!metadata.brokers.isEmpty)
        await client.close()
        await proxy.stop()
    }
}
