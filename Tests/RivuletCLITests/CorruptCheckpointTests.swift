import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A broken checkpoint is detected and reported by file name, never silently reset; a second
/// query on a running query's checkpoint is refused.
@Suite struct CorruptCheckpointTests {
    static let wordCount = "SELECT word, count(*) AS count FROM (SELECT explode(split(value, ' ')) AS word FROM lines) GROUP BY word"

    /// A folder with `files` text files of words, and the arguments of a file-to-console word count.
    static func setUp(files: Int) throws -> (dir: URL, input: URL, ck: URL) {
        let dir = try CLITests.tempDir()
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for i in 0..<files { try addFile(input, i) }
        return (dir, input, dir.appendingPathComponent("ck"))
    }

    static func addFile(_ input: URL, _ i: Int) throws {
        try Data("a b\nc a\nw\(i)\n".utf8).write(to: input.appendingPathComponent(String(format: "in-%03d.txt", i)))
    }

    static func args(_ input: URL, _ ck: URL, availableNow: Bool = true, stateful: Bool = true) -> [String] {
        var a = ["stream", stateful ? wordCount : "SELECT value FROM lines", "--source", "lines=text:\(input.path)",
                 "--option", "lines.maxFilesPerTrigger=1", "--checkpoint", ck.path]
        if stateful { a += ["--output-mode", "complete"] }
        if availableNow { a += ["--trigger", "available-now"] }
        return a
    }

    static func truncate(_ url: URL, to length: Int) throws {
        let data = try Data(contentsOf: url)
        try data.prefix(length).write(to: url)
    }

    @Test func truncatedOffsetLogEntryIsReportedByName() throws {
        let (dir, input, ck) = try Self.setUp(files: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLITests.run(Self.args(input, ck))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Batch: 2"))
        let entry = ck.appendingPathComponent("offsets/2")
        #expect(try String(contentsOf: entry, encoding: .utf8).hasPrefix("v1\n{\"batchWatermarkMs\":0,"))

        // Torn in the middle of the metadata line.
        try Self.truncate(entry, to: 12)
        let r = try CLITests.run(Self.args(input, ck))
        #expect(r.status == 1)
        #expect(r.stderr.contains(entry.path), "\(r.stderr)")
        #expect(r.stderr.contains("CHECKPOINT_FILE_CORRUPT"), "\(r.stderr)")
        #expect(!r.stdout.contains("Batch:"), "no batch may run on a broken checkpoint")

        // Empty: not even the version line.
        try Self.truncate(entry, to: 0)
        let empty = try CLITests.run(Self.args(input, ck))
        #expect(empty.status == 1)
        #expect(empty.stderr.contains(entry.path) && empty.stderr.contains("truncated"), "\(empty.stderr)")

        // A version this build does not know.
        try Data("v9\n{}\n".utf8).write(to: entry)
        let future = try CLITests.run(Self.args(input, ck))
        #expect(future.status == 1)
        #expect(future.stderr.contains(entry.path) && future.stderr.contains("v9"), "\(future.stderr)")
        // The commit log was not touched by the failed restarts.
        #expect(CrashRestartTests.maxId(ck.appendingPathComponent("commits")) == 2)

        // Missing altogether while its commit exists: the offset log lost an entry.
        try FileManager.default.removeItem(at: entry)
        try Self.addFile(input, 3)
        let missing = try CLITests.run(Self.args(input, ck))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(ck.appendingPathComponent("commits/2").path) && missing.stderr.contains("CHECKPOINT_FILE_CORRUPT"), "\(missing.stderr)")
        #expect(!missing.stdout.contains("Batch:"), "committed batch 2 must not be re-delivered: \(missing.stdout)")
    }

    @Test func corruptStateDeltaIsReportedByName() throws {
        let (dir, input, ck) = try Self.setUp(files: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLITests.run(Self.args(input, ck))
        #expect(first.status == 0, "\(first.stderr)")
        // Batch 2 wrote state version 3 in every partition; damage one byte inside partition 0's.
        let delta = ck.appendingPathComponent("state/0/0/3.delta")
        var bytes = [UInt8](try Data(contentsOf: delta))
        try #require(bytes.count > 30)
        bytes[bytes.count - 7] ^= 0x5A
        try Data(bytes).write(to: delta)
        try Self.addFile(input, 3)
        let r = try CLITests.run(Self.args(input, ck))
        #expect(r.status == 1)
        #expect(r.stderr.contains(delta.path), "\(r.stderr)")
        #expect(r.stderr.contains("CANNOT_LOAD_STATE_STORE"), "\(r.stderr)")
        #expect(!r.stdout.contains("Batch: 3"), "the state must not be silently reset")

        // A torn delta (cut short) is caught the same way.
        try Data(bytes.prefix(bytes.count / 2)).write(to: delta)
        let torn = try CLITests.run(Self.args(input, ck))
        #expect(torn.status == 1)
        #expect(torn.stderr.contains(delta.path) && torn.stderr.contains("truncated"), "\(torn.stderr)")
        #expect(CrashRestartTests.maxId(ck.appendingPathComponent("commits")) == 2)
    }

    @Test func secondQueryOnARunningQuerysCheckpointIsRefused() throws {
        let (dir, input, ck) = try Self.setUp(files: 2)
        defer { try? FileManager.default.removeItem(at: dir) }
        let running = try ChildProcess(Self.args(input, ck, availableNow: false))
        let ready = running.waitFor(timeout: 20) { o, _ in o.contains("Batch: 1") }
        #expect(ready, "first query: \(running.stderr)")
        let second = try CLITests.run(Self.args(input, ck))
        #expect(second.status == 1)
        #expect(second.stderr.contains("CONCURRENT_QUERY"), "\(second.stderr)")
        #expect(second.stderr.contains(ck.path), "\(second.stderr)")
        #expect(running.process.isRunning, "the refused query must not disturb the running one")

        // SIGTERM stops the first cleanly (exit 0) and releases the checkpoint.
        #expect(running.signalAndWait(SIGTERM, timeout: 20) == 0, "\(running.stderr)")
        try Self.addFile(input, 2)
        let after = try CLITests.run(Self.args(input, ck))
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("Batch: 2"))
        #expect(CrashRestartTests.lastConsoleBatch(after.stdout)?.rows == [["a", "6"], ["b", "3"], ["c", "3"], ["w0", "1"], ["w1", "1"], ["w2", "1"]])
    }
}
