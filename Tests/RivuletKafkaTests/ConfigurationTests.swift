import Testing

@testable import RivuletKafka

@Suite("KafkaConfiguration parsing of Kafka property names")
struct ConfigurationTests {
    func error(_ properties: [String: String]) -> KafkaError? {
        do { _ = try KafkaConfiguration(properties); return nil } catch { return error }
    }

    @Test func defaultsFollowTheJavaClient() throws {
        let c = try KafkaConfiguration(["bootstrap.servers": "a:1,b:2"])
        #expect(c.bootstrapServers == ["a:1", "b:2"])
        #expect(c.acks == -1 && c.lingerMs == 5 && c.batchSize == 16384 && c.compression == .none)
        #expect(c.isolationLevel == .readUncommitted && c.fetchMaxBytes == 52_428_800 && c.maxPartitionFetchBytes == 1_048_576)
        #expect(c.requestTimeoutMs == 30000 && c.retryBackoffMs == 100 && c.retryBackoffMaxMs == 1000)
        #expect(c.deliveryTimeoutMs == 120_000 && c.maxInFlightRequestsPerConnection == 5 && c.metadataMaxAgeMs == 300_000)
        #expect(c.securityProtocol == .plaintext && c.sasl == nil && c.tls.verifyHostname)
    }

    @Test func parsesEveryProperty() throws {
        let c = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:9092", "client.id": "me", "acks": "1", "linger.ms": "20", "batch.size": "65536",
            "compression.type": "zstd", "isolation.level": "read_committed", "fetch.max.bytes": "1000", "max.partition.fetch.bytes": "500",
            "fetch.min.bytes": "10", "request.timeout.ms": "1234", "retries": "3", "retry.backoff.ms": "7", "retry.backoff.max.ms": "70",
            "socket.connection.setup.timeout.ms": "999", "metadata.max.age.ms": "5000", "delivery.timeout.ms": "8000",
            "max.in.flight.requests.per.connection": "2", "transaction.timeout.ms": "9000",
            "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": "u", "sasl.password": "p",
            "ssl.ca.location": "/ca.pem", "ssl.certificate.location": "/c.pem", "ssl.key.location": "/k.pem",
            "ssl.endpoint.identification.algorithm": "none", "group.id": "ignored",
        ])
        #expect(c.clientId == "me" && c.acks == 1 && c.lingerMs == 20 && c.batchSize == 65536 && c.compression == .zstd)
        #expect(c.isolationLevel == .readCommitted && c.fetchMaxBytes == 1000 && c.maxPartitionFetchBytes == 500 && c.fetchMinBytes == 10)
        #expect(c.requestTimeoutMs == 1234 && c.retries == 3 && c.retryBackoffMs == 7 && c.retryBackoffMaxMs == 70)
        #expect(c.socketConnectionSetupTimeoutMs == 999 && c.metadataMaxAgeMs == 5000 && c.deliveryTimeoutMs == 8000)
        #expect(c.maxInFlightRequestsPerConnection == 2 && c.transactionTimeoutMs == 9000)
        #expect(c.securityProtocol == .saslSSL && c.sasl == .init(mechanism: .scramSHA512, username: "u", password: "p"))
        #expect(c.tls == .init(caLocation: "/ca.pem", certificateLocation: "/c.pem", keyLocation: "/k.pem", keyPassword: nil, verifyHostname: false))
    }

    @Test func transactionalIdImpliesIdempotenceAndAcksAll() throws {
        let c = try KafkaConfiguration(["bootstrap.servers": "a:1", "transactional.id": "t"])
        #expect(c.enableIdempotence && c.acks == -1 && c.transactionalId == "t")
        let e = error(["bootstrap.servers": "a:1", "enable.idempotence": "true", "acks": "1"])
        #expect(e?.message.contains("acks") == true)
    }

    @Test func jaasConfigSuppliesCredentials() throws {
        let c = try KafkaConfiguration([
            "bootstrap.servers": "a:1", "security.protocol": "SASL_PLAINTEXT",
            "sasl.jaas.config": #"org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cret";"#,
        ])
        #expect(c.sasl == .init(mechanism: .plain, username: "alice", password: "s3cret"))
    }

    @Test func unknownPropertyAndBadValuesAreNamed() {
        var e = error(["bootstrap.servers": "a:1", "linger.msec": "5"])
        #expect(e?.code == .invalidConfiguration && e?.message.contains("'linger.msec'") == true)
        e = error(["bootstrap.servers": "a:1", "acks": "2"])
        #expect(e?.message.contains("'acks'") == true && e?.message.contains("'2'") == true)
        e = error(["bootstrap.servers": "a:1", "compression.type": "brotli"])
        #expect(e?.message.contains("'compression.type'") == true && e?.message.contains("brotli") == true)
        e = error(["bootstrap.servers": "a:1", "linger.ms": "-1"])
        #expect(e?.message.contains("'linger.ms'") == true && e?.message.contains("'-1'") == true)
        e = error(["bootstrap.servers": "a:1", "security.protocol": "TLS"])
        #expect(e?.message.contains("'security.protocol'") == true)
        e = error(["bootstrap.servers": "a:1", "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "GSSAPI", "sasl.username": "u", "sasl.password": "p"])
        #expect(e?.message.contains("'sasl.mechanism'") == true && e?.message.contains("GSSAPI") == true)
        e = error(["bootstrap.servers": "a:1", "security.protocol": "SASL_PLAINTEXT"])
        #expect(e?.message.contains("sasl.username") == true)
        e = error(["bootstrap.servers": "host:notaport"])
        #expect(e?.message.contains("'bootstrap.servers'") == true)
        e = error(["client.id": "x"])
        #expect(e?.message.contains("bootstrap.servers") == true)
        e = error(["bootstrap.servers": "a:1", "enable.idempotence": "yes"])
        #expect(e?.message.contains("'enable.idempotence'") == true)
    }

    @Test func brokerAddressesParse() {
        #expect(BrokerAddress.parse("h:1") == BrokerAddress(host: "h", port: 1))
        #expect(BrokerAddress.parse("PLAINTEXT://h:9093") == BrokerAddress(host: "h", port: 9093))
        #expect(BrokerAddress.parse("[::1]:9092") == BrokerAddress(host: "::1", port: 9092))
        #expect(BrokerAddress.parse("h") == BrokerAddress(host: "h", port: 9092))
        #expect(BrokerAddress.parse("h:0") == nil && BrokerAddress.parse("h:70000") == nil && BrokerAddress.parse("") == nil)
    }
}

@Suite("SASL messages")
struct SaslTests {
    @Test func plainMessageLayout() {
        #expect(SaslPlain.initialMessage(username: "alice", password: "pw") == [0] + Array("alice".utf8) + [0] + Array("pw".utf8))
    }

    /// RFC 7677 section 3: the SCRAM-SHA-256 example exchange with its fixed nonce.
    @Test func scramSHA256MatchesRFC7677Example() throws {
        var client = ScramClient(mechanism: .scramSHA256, username: "user", password: "pencil", nonce: "rOprNGfwEbeRWgbNEkqO")
        #expect(String(decoding: client.clientFirstMessage(), as: UTF8.self) == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        let final = try client.clientFinalMessage(serverFirst: Array(serverFirst.utf8))
        #expect(String(decoding: final, as: UTF8.self)
            == "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        try client.verifyServerFinal(Array("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".utf8))
        #expect(throws: KafkaError.self) { try client.verifyServerFinal(Array("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".utf8)) }
        #expect(throws: KafkaError.self) { try client.verifyServerFinal(Array("e=invalid-proof".utf8)) }
    }

    /// RFC 5802 section 5 (SCRAM-SHA-1) checks Hi(); here: PBKDF2-HMAC-SHA256 RFC 7914 vector.
    @Test func hiIsPBKDF2() {
        let out = ScramClient.hi(SHA256Alias.self, password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1)
        #expect(out.prefix(8) == [0x55, 0xAC, 0x04, 0x6E, 0x56, 0xE3, 0x08, 0x9F])
    }

    @Test func scramRejectsAForeignNonceAndEscapesNames() throws {
        var client = ScramClient(mechanism: .scramSHA512, username: "a=b,c", password: "p", nonce: "abc")
        #expect(String(decoding: client.clientFirstMessage(), as: UTF8.self) == "n,,n=a=3Db=2Cc,r=abc")
        #expect(throws: KafkaError.self) { try client.clientFinalMessage(serverFirst: Array("r=xyz123,s=c2FsdA==,i=4096".utf8)) }
        #expect(throws: KafkaError.self) { try client.clientFinalMessage(serverFirst: Array("r=abc123,s=c2FsdA==,i=0".utf8)) }
        let final = try client.clientFinalMessage(serverFirst: Array("r=abc123,s=c2FsdA==,i=4096".utf8))
        let proof = ScramClient.attributes(String(decoding: final, as: UTF8.self))["p"]
        #expect(proof.map { Array($0.utf8).count } == 88)  // base64 of 64 bytes (SHA-512)
    }
}

import Crypto
typealias SHA256Alias = SHA256
