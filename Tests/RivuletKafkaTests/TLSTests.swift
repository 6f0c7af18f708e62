import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

@Suite("TLS (security.protocol=SSL) through a TLS-terminating proxy")
struct TLSTests {
    func upstream() throws -> (String, Int) {
        let address = try #require(BrokerAddress.parse(try TestPeers.kafkaBootstrap()))
        return (address.host, address.port)
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python) && TestCertificate.opensslAvailable))
    func produceAndFetchOverTLS() async throws {
        let cert = try TestCertificate()
        let (host, port) = try upstream()
        let proxy = try await TLSProxy.start(certificate: cert.certificate, key: cert.key, upstreamHost: host, upstreamPort: port)
        let producer = try await KafkaProducer.connect(try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(proxy.port)", "security.protocol": "SSL", "ssl.ca.location": cert.certificate,
            "compression.type": "gzip",
        ]))
        let metadata = try await producer.client.metadata(topics: nil)
        #expect(metadata.brokers.values.allSatisfy { $0.port == Int32(proxy.port) })
        let topic = KafkaTestSupport.uniqueTopic("tls")
        try await producer.client.createTopic(topic, partitions: 2, replicationFactor: 1)
        for i in 0..<100 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("tls-\(i)".utf8))) }
        try await producer.flush()
        let records = try await KafkaTestSupport.readAll(producer.client, topic: topic, partitions: 2)
        #expect(records.count == 100)
        await producer.close()
        await proxy.stop()
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python) && TestCertificate.opensslAvailable))
    func untrustedCertificateFailsWithATLSErrorNamingTheBroker() async throws {
        let cert = try TestCertificate()
        let other = try TestCertificate()  // a different CA than the proxy's certificate
        let (host, port) = try upstream()
        let proxy = try await TLSProxy.start(certificate: cert.certificate, key: cert.key, upstreamHost: host, upstreamPort: port)
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(proxy.port)", "security.protocol": "SSL", "ssl.ca.location": other.certificate,
        ])
        await #expect { _ = try await KafkaClient.connect(config) } throws: { error in
            guard let e = error as? KafkaError, case .tlsFailed = e.code else { return false }
            return e.message.contains("127.0.0.1:\(proxy.port)") && e.message.contains("TLS")
        }
        // A name mismatch fails too: the certificate is for another host.
        let wrongName = try TestCertificate(commonName: "broker.example", san: "DNS:broker.example")
        let proxy2 = try await TLSProxy.start(certificate: wrongName.certificate, key: wrongName.key, upstreamHost: host, upstreamPort: port)
        await #expect(throws: KafkaError.self) {
            _ = try await KafkaClient.connect(try KafkaConfiguration([
                "bootstrap.servers": "127.0.0.1:\(proxy2.port)", "security.protocol": "SSL", "ssl.ca.location": wrongName.certificate,
            ]))
        }
        // ... unless host name verification is off.
        let client = try await KafkaClient.connect(try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(proxy2.port)", "security.protocol": "SSL", "ssl.ca.location": wrongName.certificate,
            "ssl.endpoint.identification.algorithm": "none",
        ]))
        await client.close()
        await proxy.stop()
        await proxy2.stop()
    }

    @Test func missingCAFileIsATLSConfigurationError() async throws {
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:1", "security.protocol": "SSL", "ssl.ca.location": "/nonexistent/ca.pem",
        ])
        await #expect { _ = try await KafkaClient.connect(config) } throws: { error in
            guard let e = error as? KafkaError, case .tlsFailed = e.code else { return false }
            return e.message.contains("ssl.ca.location")
        }
    }
}
