import Foundation
import Testing

/// Runs the built `rivulet` binary as a user would.
@Suite struct CLITests {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func binary() throws -> URL {
        if let p = ProcessInfo.processInfo.environment["RIVULET_BIN"] { return URL(fileURLWithPath: p) }
        // The test bundle lives in the build products folder, beside the `rivulet` executable.
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("rivulet")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for sub in [".build/debug/rivulet", ".build/x86_64-unknown-linux-gnu/debug/rivulet"] {
            let u = root.appendingPathComponent(sub)
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    static func run(_ args: [String]) throws -> Result {
        let p = Process()
        p.executableURL = try binary()
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rivulet-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func wordCountOverTextViewAsTable() throws {
        let dir = try Self.tempDir()
        try Data("b a b\nc b\n".utf8).write(to: dir.appendingPathComponent("w.txt"))
        let r = try Self.run(["sql", "SELECT word, count(*) AS n FROM (SELECT explode(split(value, ' ')) AS word FROM words) GROUP BY word ORDER BY n DESC, word",
                              "--view", "words=text:\(dir.path)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            +----+---+
            |word|n  |
            +----+---+
            |b   |3  |
            |a   |1  |
            |c   |1  |
            +----+---+


            """)
    }

    @Test func csvViewWithOptionsAsJSON() throws {
        let dir = try Self.tempDir()
        let file = dir.appendingPathComponent("people.csv")
        try Data("name,age\nalice,34\nbob,\n".utf8).write(to: file)
        let r = try Self.run(["sql", "SELECT name, age, age + 1 AS next FROM people ORDER BY name", "--view", "people=csv:\(file.path)",
                              "--option", "people.header=true", "--option", "people.inferSchema=true", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "{\"name\":\"alice\",\"age\":34,\"next\":35}\n{\"name\":\"bob\"}\n")
    }

    @Test func jsonViewWithSchemaAsCSV() throws {
        let dir = try Self.tempDir()
        let file = dir.appendingPathComponent("ev.json")
        try Data("{\"ts\":\"2024-01-01T00:00:00.000Z\",\"v\":1.5,\"k\":\"x,y\"}\n".utf8).write(to: file)
        let r = try Self.run(["sql", "SELECT k, v, hour(ts) AS h FROM ev", "--view", "ev=json:\(file.path)",
                              "--schema", "ev=ts TIMESTAMP, k STRING, v DOUBLE", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "k,v,h\n\"x,y\",1.5,0\n")
    }

    @Test func badQueryExitsNonZeroWithMessage() throws {
        let dir = try Self.tempDir()
        try Data("hello\n".utf8).write(to: dir.appendingPathComponent("w.txt"))
        let r = try Self.run(["sql", "SELECT wrod FROM words", "--view", "words=text:\(dir.path)"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("wrod"))
        #expect(r.stdout.isEmpty)
        let syntax = try Self.run(["sql", "SELEC 1"])
        #expect(syntax.status != 0)
        #expect(syntax.stderr.contains("PARSE_SYNTAX_ERROR"))
        let badView = try Self.run(["sql", "SELECT 1", "--view", "nonsense"])
        #expect(badView.status != 0)
        #expect(badView.stderr.contains("NAME=FORMAT:PATH"))
    }
}
