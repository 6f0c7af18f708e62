import Foundation
import RivuletTestPeers
import Testing

@testable import RivuletKafka

/// A private noida broker this test can stop and restart without disturbing the shared one.
final class PrivateBroker: @unchecked Sendable {
    let port: Int
    let dataDir: URL
    var process: Process?

    init() throws {
        port = try closedPort()
        dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("rivulet-kclient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
    }

    static func binary() throws -> String {
        let out = try TestPeers.runPython("import noida_db, os; print(os.path.join(os.path.dirname(noida_db.__file__), 'noida-db'))")
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func start() async throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Self.binary())
        p.arguments = ["start", "--host", "127.0.0.1", "--only", "kafka", "--kafka-port", "\(port)", "--data-dir", dataDir.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        // Wait until the port accepts connections.
        for _ in 0..<100 {
            if let c = try? await KafkaClient.connect(try KafkaConfiguration(["bootstrap.servers": "127.0.0.1:\(port)", "socket.connection.setup.timeout.ms": "200"])) {
                await c.close()
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw KafkaError(.connectionFailed, "private noida broker did not start on \(port)")
    }

    func stop() {
        guard let p = process else { return }
        let pid = p.processIdentifier
        p.terminate()
        // noida snapshots its data at SIGTERM but then waits for connected clients to leave:
        // kill it after a moment (it has saved the topics by then).
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { if p.isRunning { kill(pid, SIGKILL) } }
        p.waitUntilExit()
        process = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: dataDir)
    }
}

@Suite("Retries, reconnects and leader moves")
struct RetryTests {
    @Test(.enabled(if: TestPeers.enabled(.python)))
    func clientReconnectsAfterTheBrokerRestarts() async throws {
        let broker = try PrivateBroker()
        try await broker.start()
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(broker.port)", "retry.backoff.ms": "50", "retry.backoff.max.ms": "200",
            "default.api.timeout.ms": "15000", "delivery.timeout.ms": "15000", "request.timeout.ms": "3000",
        ])
        let producer = try await KafkaProducer.connect(config)
        let client = producer.client
        let topic = KafkaTestSupport.uniqueTopic("restart")
        try await client.createTopic(topic, partitions: 2, replicationFactor: 1)
        for i in 0..<50 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("before-\(i)".utf8))) }
        try await producer.flush()

        // Stop the broker (it snapshots its data), queue records while it is down, restart it.
        broker.stop()
        for i in 0..<50 { try await producer.send(KafkaProducerRecord(topic: topic, partition: Int32(i % 2), value: Array("during-\(i)".utf8))) }
        let restart = Task {
            try await Task.sleep(for: .milliseconds(700))
            try await broker.start()
        }
        try await producer.flush()  // retried with backoff until the broker is back
        try await restart.value

        let records = try await KafkaTestSupport.readAll(client, topic: topic, partitions: 2)
        let values = Set(records.map { String(decoding: $0.value ?? [], as: UTF8.self) })
        #expect(values.isSuperset(of: (0..<50).map { "before-\($0)" }))
        #expect(values.isSuperset(of: (0..<50).map { "during-\($0)" }))
        // A fetch on a fresh connection works too.
        let tp = TopicPartition(topic, 0)
        broker.stop()
        let again = Task {
            try await Task.sleep(for: .milliseconds(500))
            try await broker.start()
        }
        let fetched = try await client.fetch([tp: 0], isolation: .readUncommitted)
        #expect((fetched[tp]?.records.count ?? 0) > 0)
        try await again.value
        await producer.close()
        broker.stop()
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func retriesGiveUpWithinTheBudgetNamingTheCause() async throws {
        let broker = try PrivateBroker()
        try await broker.start()
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(broker.port)", "retry.backoff.ms": "50", "retry.backoff.max.ms": "100",
            "default.api.timeout.ms": "1000", "delivery.timeout.ms": "1000", "request.timeout.ms": "1000",
            "socket.connection.setup.timeout.ms": "500",
        ])
        let producer = try await KafkaProducer.connect(config)
        let topic = KafkaTestSupport.uniqueTopic("budget")
        try await producer.client.createTopic(topic, partitions: 1, replicationFactor: 1)
        broker.stop()
        let start = ContinuousClock.now
        await #expect { try await producer.client.fetch([TopicPartition(topic, 0): 0], isolation: .readUncommitted) } throws: { error in
            guard let e = error as? KafkaError else { return false }
            return e.message.contains("127.0.0.1:\(broker.port)")
        }
        try await producer.send(KafkaProducerRecord(topic: topic, partition: 0, value: [1]))
        await #expect { try await producer.flush() } throws: { error in
            guard let e = error as? KafkaError, case .timedOut = e.code else { return false }
            return e.message.contains("\(topic)-0") || e.message.contains("delivery.timeout.ms")
        }
        #expect(ContinuousClock.now - start < .seconds(15))  // two 1 s budgets; the defaults would take minutes
        await producer.close()
    }
}
