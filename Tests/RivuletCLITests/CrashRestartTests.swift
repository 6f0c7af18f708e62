import Foundation
import Testing
import Rivulet

/// Exactly-once across crashes: `rivulet stream` runs a query with a checkpoint and is killed with
/// SIGKILL at random moments (before, during and after its offset-log, sink and commit writes),
/// restarted each time from the same checkpoint, and finally run to completion. The output must
/// equal the uninterrupted run's: nothing lost, nothing twice.
@Suite(.serialized) struct CrashRestartTests {
    static let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]

    /// 40 small input files with deterministic contents.
    static func makeInput(_ dir: URL, files: Int = 40) throws -> [String] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var lines: [String] = []
        for f in 0..<files {
            var text = ""
            for l in 0..<5 {
                let line = (0..<(1 + (f + l) % 4)).map { words[(f * 7 + l * 3 + $0) % words.count] }.joined(separator: " ")
                text += line + "\n"
                lines.append(line)
            }
            try Data(text.utf8).write(to: dir.appendingPathComponent(String(format: "part-%03d.txt", f)))
        }
        return lines
    }

    static func start(_ args: [String], stdout: URL) throws -> Process {
        let p = Process()
        p.executableURL = try CLITests.binary()
        p.arguments = args
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: stdout)
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Starts the query `kills` times and SIGKILLs it after a random 0–400 ms.
    static func killLoop(_ args: [String], kills: Int, scratch: URL) throws {
        var rng = SystemRandomNumberGenerator()
        for i in 0..<kills {
            let p = try start(args, stdout: scratch.appendingPathComponent("run-\(i).out"))
            usleep(UInt32.random(in: 0...400_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
    }

    static func runToEnd(_ args: [String], stdout: URL) throws -> Int32 {
        let p = try start(args + ["--trigger", "available-now"], stdout: stdout)
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func statelessFileSinkIsExactlyOnceUnderSigkill() throws {
        let root = try CLITests.tempDir()
        let input = root.appendingPathComponent("in"), out = root.appendingPathComponent("out"), ckpt = root.appendingPathComponent("ckpt")
        let lines = try Self.makeInput(input)
        let args = ["stream", "SELECT value, length(value) AS len FROM src", "--source", "src=text:\(input.path)",
                    "--option", "src.maxFilesPerTrigger=1", "--sink", "json:\(out.path)", "--checkpoint", ckpt.path]
        try Self.killLoop(args + ["--trigger", "40 milliseconds"], kills: 25, scratch: root)
        #expect(try Self.runToEnd(args, stdout: root.appendingPathComponent("final.out")) == 0)

        let spark = SparkSession.builder.create()
        let rows = try spark.read.schema("value STRING, len INT").json(out.path).collect()
        let got = rows.map { "\($0.getString(0) ?? "?")|\($0.getInt(1) ?? -1)" }.sorted()
        let expected = lines.map { "\($0)|\($0.count)" }.sorted()
        #expect(got == expected, "rows after 25 kills: \(got.count), expected \(expected.count)")

        // The checkpoint is Spark's layout and human-readable.
        let offsets = try String(contentsOf: ckpt.appendingPathComponent("offsets/0"), encoding: .utf8)
        #expect(offsets.hasPrefix("v1\n{\"batchWatermarkMs\""))
        #expect(FileManager.default.fileExists(atPath: ckpt.appendingPathComponent("metadata").path))
        #expect(FileManager.default.fileExists(atPath: ckpt.appendingPathComponent("commits/0").path))
        let sourceLog = try String(contentsOf: ckpt.appendingPathComponent("sources/0/0"), encoding: .utf8)
        #expect(sourceLog.hasPrefix("v1\n{\"path\":\"file://"))
    }

    @Test func statefulCountsAreExactlyOnceUnderSigkill() throws {
        let root = try CLITests.tempDir()
        let input = root.appendingPathComponent("in"), ckpt = root.appendingPathComponent("ckpt")
        var lines = try Self.makeInput(input)
        let args = ["stream", "SELECT word, count(*) AS n FROM (SELECT explode(split(value, ' ')) AS word FROM src) GROUP BY word",
                    "--source", "src=text:\(input.path)", "--option", "src.maxFilesPerTrigger=1", "--output-mode", "complete",
                    "--sink", "console", "--sink-option", "numRows=100", "--sink-option", "truncate=false",
                    "--checkpoint", ckpt.path, "--conf", "spark.sql.shuffle.partitions=3"]
        try Self.killLoop(args + ["--trigger", "40 milliseconds"], kills: 25, scratch: root)
        // One more file guarantees the final run has a batch to print.
        let extra = "alpha omega omega"
        try Data((extra + "\n").utf8).write(to: input.appendingPathComponent("part-999.txt"))
        lines.append(extra)
        let final = root.appendingPathComponent("final.out")
        #expect(try Self.runToEnd(args, stdout: final) == 0)

        var expected: [String: Int] = [:]
        for l in lines { for w in l.split(separator: " ") { expected[String(w), default: 0] += 1 } }
        let printed = try String(contentsOf: final, encoding: .utf8)
        let lastBatch = printed.components(separatedBy: "Batch: ").last ?? ""
        var got: [String: Int] = [:]
        for row in lastBatch.split(separator: "\n") where row.hasPrefix("|") {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count == 2, let n = Int(cells[1]) { got[cells[0]] = n }
        }
        #expect(got == expected, "final complete output after 25 kills")
        let stateFiles = (try? FileManager.default.subpathsOfDirectory(atPath: ckpt.appendingPathComponent("state/0").path)) ?? []
        #expect(stateFiles.contains { $0.hasSuffix(".delta") })
    }

    @Test func corruptOffsetLogIsReportedByName() throws {
        let root = try CLITests.tempDir()
        let input = root.appendingPathComponent("in"), ckpt = root.appendingPathComponent("ckpt")
        _ = try Self.makeInput(input, files: 3)
        let args = ["stream", "SELECT value FROM src", "--source", "src=text:\(input.path)", "--sink", "noop", "--checkpoint", ckpt.path]
        #expect(try Self.runToEnd(args, stdout: root.appendingPathComponent("a.out")) == 0)
        try Data("v1\n{\"batchWat".utf8).write(to: ckpt.appendingPathComponent("offsets/0"))
        let r = try CLITests.run(args + ["--trigger", "available-now"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("offsets/0"))
    }
}

/// `rivulet stream` prints progress and stops cleanly on Ctrl-C (SIGINT): the last batch is
/// committed and the process exits 0.
@Suite struct StreamCommandTests {
    @Test func ctrlCStopsCleanlyAfterCommitting() throws {
        let root = try CLITests.tempDir()
        let ckpt = root.appendingPathComponent("ckpt")
        let p = Process()
        p.executableURL = try CLITests.binary()
        p.arguments = ["stream", "SELECT value % 7 AS k, count(*) AS n FROM r GROUP BY value % 7", "--source", "r=rate",
                       "--option", "r.rowsPerSecond=200", "--output-mode", "update", "--sink", "noop",
                       "--trigger", "100 milliseconds", "--checkpoint", ckpt.path, "--progress"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        usleep(2_600_000)   // the rate source adds a second's rows once per second
        kill(p.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let progress = stderr.split(separator: "\n").filter { $0.hasPrefix("{\"id\"") }
        #expect(progress.count >= 2, "progress lines: \(stderr.prefix(400))")
        #expect(progress.first?.contains("\"numInputRows\"") == true)
        let offsets = try FileManager.default.contentsOfDirectory(atPath: ckpt.appendingPathComponent("offsets").path).compactMap(Int.init)
        let commits = try FileManager.default.contentsOfDirectory(atPath: ckpt.appendingPathComponent("commits").path).compactMap(Int.init)
        #expect(offsets.max() == commits.max(), "a clean stop leaves no uncommitted batch")
        #expect(!FileManager.default.fileExists(atPath: ckpt.appendingPathComponent(".lock").path))
    }
}
