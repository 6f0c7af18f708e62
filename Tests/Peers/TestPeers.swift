import Foundation

/// The real peers some tests need — a Kafka-protocol broker, a Python with pyarrow, DuckDB and
/// confluent-kafka (librdkafka), `kcat` — as installed and started by `scripts/peers/*.sh`
/// (which `scripts/test.sh` runs).
///
/// A test that needs a missing peer is skipped with a message on a developer machine and fails
/// when `CI=true`:
///
/// ```swift
/// @Test(.enabled(if: TestPeers.enabled(.kafka)))
/// func readsBack() async throws {
///     let bootstrap = try TestPeers.kafkaBootstrap()
///     ...
/// }
/// ```
public enum TestPeers {
    /// A peer a test may need.
    public enum Peer: String, Sendable, CaseIterable {
        /// A Kafka-protocol broker; its address is in `RIVULET_KAFKA_BOOTSTRAP`.
        case kafka
        /// The peers' Python (`RIVULET_PEERS_PYTHON`) with pyarrow, duckdb, confluent-kafka, cramjam.
        case python
        /// The `kcat` command-line client.
        case kcat
    }

    /// True when running under CI (`CI=true`), where a missing peer is a failure, not a skip.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return value == "true" || value == "1"
    }

    /// Whether a test needing `peers` should run: yes if they are all present, and always under CI
    /// (where the test then fails on the missing peer). Prints why a test is skipped.
    public static func enabled(_ peers: Peer...) -> Bool {
        let missing = peers.filter { !isPresent($0) }
        if missing.isEmpty || isCI { return true }
        let names = missing.map(\.rawValue).joined(separator: ", ")
        print("◇ skipping: test peer(s) \(names) not available; run ./scripts/test.sh, which installs and starts them")
        return false
    }

    /// Whether a peer is available right now.
    public static func isPresent(_ peer: Peer) -> Bool {
        switch peer {
        case .kafka: return kafkaBootstrapValue != nil
        case .python: return pythonPath != nil
        case .kcat: return kcatPath != nil
        }
    }

    /// The broker's `host:port`, or a clear error naming what to run.
    public static func kafkaBootstrap() throws -> String {
        guard let value = kafkaBootstrapValue else {
            throw PeerMissing(peer: .kafka, hint: "RIVULET_KAFKA_BOOTSTRAP is not set; scripts/peers/kafka-broker.sh start sets up a broker")
        }
        return value
    }

    /// The peers' Python interpreter, or a clear error.
    public static func python() throws -> String {
        guard let path = pythonPath else {
            throw PeerMissing(peer: .python, hint: "no peers venv; scripts/peers/install.sh creates it")
        }
        return path
    }

    /// The `kcat` binary, or a clear error.
    public static func kcat() throws -> String {
        guard let path = kcatPath else {
            throw PeerMissing(peer: .kcat, hint: "kcat not found; scripts/peers/install.sh installs it with apt")
        }
        return path
    }

    /// Runs the peers' Python on `script` with `arguments`; returns stdout, throws with stderr on failure.
    @discardableResult
    public static func runPython(_ script: String, arguments: [String] = [], stdin: Data? = nil) throws -> String {
        try run(try python(), ["-c", script] + arguments, stdin: stdin)
    }

    /// Runs a program, returns its stdout; throws `CommandFailed` with its stderr if it exits non-zero.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], stdin: Data? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let errBox = DataBox()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errBox.data = errHandle.readDataToEndOfFile() }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()  // also orders the write to errBox before the read below
        let text = String(decoding: stdout, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandFailed(
                command: ([program] + arguments.prefix(1)).joined(separator: " "),
                status: process.terminationStatus,
                stderr: String(decoding: errBox.data ?? Data(), as: UTF8.self))
        }
        return text
    }

    static var kafkaBootstrapValue: String? {
        guard let value = ProcessInfo.processInfo.environment["RIVULET_KAFKA_BOOTSTRAP"], !value.isEmpty else { return nil }
        return value
    }

    static var pythonPath: String? {
        let env = ProcessInfo.processInfo.environment
        let candidates = [
            env["RIVULET_PEERS_PYTHON"],
            env["HOME"].map { "\($0)/.cache/rivulet-peers-venv/bin/python" },
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var kcatPath: String? {
        ["/usr/bin/kcat", "/usr/local/bin/kcat"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A peer a test needs is not available.
public struct PeerMissing: Error, CustomStringConvertible {
    public var peer: TestPeers.Peer
    public var hint: String
    public var description: String { "test peer '\(peer.rawValue)' is missing: \(hint)" }
}

/// A peer command exited with a non-zero status.
public struct CommandFailed: Error, CustomStringConvertible {
    public var command: String
    public var status: Int32
    public var stderr: String
    public var description: String { "\(command) exited with \(status): \(stderr)" }
}

/// Written by one reader thread, read after `DispatchGroup.wait()`.
private final class DataBox: @unchecked Sendable {
    var data: Data?
}
