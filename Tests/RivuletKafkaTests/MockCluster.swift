import Foundation
import RivuletTestPeers
@testable import RivuletKafka

/// librdkafka's in-process mock cluster (`test.mock.num.brokers`), hosted by a Python process that
/// prints the brokers' loopback addresses and lives until its stdin closes: a second, independent
/// Kafka broker implementation.
final class MockCluster: @unchecked Sendable {
    static let script = """
        import sys, logging, re, time
        from confluent_kafka import Producer
        found = []
        class H(logging.Handler):
            def emit(self, rec):
                m = re.search(r"replaced with (\\S+)", rec.getMessage())
                if m:
                    found.append(m.group(1))
        log = logging.getLogger("mock")
        log.addHandler(H())
        log.setLevel(logging.DEBUG)
        p = Producer({"bootstrap.servers": "x:1", "test.mock.num.brokers": int(sys.argv[1]), "logger": log})
        deadline = time.time() + 10
        while not found and time.time() < deadline:
            p.poll(0.05)
        print(found[0] if found else "NONE", flush=True)
        sys.stdin.read()
        """

    let process = Process()
    let input = Pipe()
    let output = Pipe()
    /// `host:port,host:port,...` of the mock brokers.
    private(set) var bootstrap = ""

    init(brokers: Int = 3) throws {
        process.executableURL = URL(fileURLWithPath: try TestPeers.python())
        process.arguments = ["-c", Self.script, "\(brokers)"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(15)
        while !text.contains("\n") && Date() < deadline && process.isRunning {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        guard line.contains(":"), line != "NONE" else {
            stop()
            throw KafkaError(.connectionFailed, "mock cluster printed no bootstrap address (got '\(text)')")
        }
        bootstrap = line
    }

    /// Ends the Python process (closing stdin lets it exit).
    func stop() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
    }

    deinit { if process.isRunning { stop() } }
}
