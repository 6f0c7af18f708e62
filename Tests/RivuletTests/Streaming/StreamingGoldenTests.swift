import Foundation
import Testing
import Rivulet

/// Streaming golden cases (`Golden/streaming/cases.json`): each batch is one input file; the
/// expected output of every micro-batch was produced by Apache Spark 4.3
/// (`scripts/golden/generate_streaming_expected.py`). Each case runs three ways that must all give
/// Spark's outputs: straight through, crashed after a batch's sink write but before its commit and
/// restarted from the checkpoint (the batch re-runs with the same offsets), and with a different
/// number of state partitions.
@Suite struct StreamingGoldenTests {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        var name: String
        var format: String
        var schema: String?
        var outputMode: String
        var query: String
        var batches: [[String]]
        var header: [String]?
        var expected: [[String]]?
        var description: String { name }
    }

    struct Corpus: Decodable { var cases: [Case] }

    static let cases: [Case] = {
        guard let url = Bundle.module.url(forResource: "Golden/streaming/cases", withExtension: "json")
                ?? Bundle.module.resourceURL?.appendingPathComponent("Golden/streaming/cases.json"),
              let data = try? Data(contentsOf: url),
              let corpus = try? JSONDecoder().decode(Corpus.self, from: data) else { return [] }
        return corpus.cases
    }()

    @Test func corpusIsPresent() {
        #expect(Self.cases.count >= 6)
        #expect(Self.cases.allSatisfy { $0.expected?.count == $0.batches.count }, "run generate_streaming_expected.py")
    }

    @Test(arguments: cases) func straightThrough(_ c: Case) throws {
        let (header, outputs) = try Self.run(c, partitions: 4, crashAfter: nil)
        #expect(header == c.header)
        #expect(outputs == c.expected)
    }

    @Test(arguments: cases) func crashedAndRestarted(_ c: Case) throws {
        let (_, outputs) = try Self.run(c, partitions: 4, crashAfter: 1)
        #expect(outputs == c.expected)
    }

    @Test(arguments: cases) func otherPartitionCount(_ c: Case) throws {
        let (_, outputs) = try Self.run(c, partitions: 1, crashAfter: nil)
        #expect(outputs == c.expected)
    }

    /// Feeds the batches one file at a time; with `crashAfter: k`, stops after batch k, removes
    /// `commits/k` (as if the process died between the sink and the commit) and restarts.
    static func run(_ c: Case, partitions: Int, crashAfter: Int?) throws -> ([String], [[String]]) {
        let spark = makeSession(partitions: partitions)
        let dir = try makeTempDir("rivulet-stream-golden")
        let input = dir.appendingPathComponent("in"), ckpt = dir.appendingPathComponent("ckpt")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        var reader = spark.readStream.format(c.format).option("maxFilesPerTrigger", 1)
        if let s = c.schema { reader = reader.schema(s) }
        try reader.load(input.path).createOrReplaceTempView("events")
        let df = try spark.sql(c.query)
        let header = df.schema.fields.map { "\($0.name):\($0.dataType.simpleString)" }
        let types = df.schema.fields.map(\.dataType)
        let log = BatchLog()
        func start() throws -> StreamingQuery {
            try df.writeStream.outputMode(c.outputMode).option("checkpointLocation", ckpt.path).foreachBatch { batch, id in
                let rows = try batch.collect().map { r in
                    zip(r.values, types).map { v, t in v.isNull ? "NULL" : v.sparkString(as: t, nullText: "NULL") }.joined(separator: "\t")
                }
                log.append(id, [rows.sorted()])
            }.start()
        }
        var q = try start()
        let ext = c.format == "text" ? "txt" : c.format
        for (i, lines) in c.batches.enumerated() {
            _ = try writeFile(input, String(format: "batch-%03d.", i) + ext, lines.map { $0 + "\n" }.joined())
            try q.processAllAvailable()
            if i == crashAfter {
                q.stop()
                try FileManager.default.removeItem(at: ckpt.appendingPathComponent("commits/\(i)"))
                q = try start()
                try q.processAllAvailable()
            }
        }
        q.stop()
        let batches = log.batches
        return (header, (0..<c.batches.count).map { batches[Int64($0)]?.first ?? [] })
    }
}
