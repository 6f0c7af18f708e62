import Foundation
import Rivulet

/// Runs the cases of one golden file against a fresh Rivulet session and renders results exactly
/// as `scripts/golden/generate_expected.py` renders Spark's.
struct GoldenRunner {
    /// One case that did not match, ready to report.
    struct Failure: CustomStringConvertible {
        var location: String
        var sql: String
        var expected: [String]
        var actual: [String]
        var note: String?

        var description: String {
            var s = "\(location)\n  SQL: " + sql.replacingOccurrences(of: "\n", with: "\n       ")
            if let note { s += "\n  \(note)" }
            s += "\n  expected:\n" + Self.block(expected) + "\n  actual:\n" + Self.block(actual)
            return s
        }

        private static func block(_ lines: [String]) -> String {
            lines.isEmpty ? "    <nothing>" : lines.map { "    " + $0 }.joined(separator: "\n")
        }
    }

    struct Outcome {
        var passed = 0
        var failures: [Failure] = []
        /// Cases listed in ``GoldenKnownGaps`` that still fail, as they must.
        var knownGaps = 0
    }

    let file: GoldenFile
    /// Repo-relative path used in messages (`Tests/RivuletTests/Golden/joins.test`).
    let displayPath: String

    func run() throws -> Outcome {
        let spark = SparkSession.builder.appName("golden")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .create()
        let dir = try makeTempDir("rivulet-golden")
        defer { try? FileManager.default.removeItem(at: dir) }

        var outcome = Outcome()
        var tableCounter = 0
        for record in file.records {
            switch record {
            case .table(let t):
                tableCounter += 1
                do {
                    try register(t, in: spark, dir: dir, counter: tableCounter)
                } catch {
                    outcome.failures.append(Failure(
                        location: "\(displayPath):\(t.line)", sql: "table \(t.name) \(t.format)",
                        expected: ["table registered"], actual: ["\(error)"],
                        note: "could not create the table; the cases that use it will fail too"))
                }
            case .query(let c):
                let failure = check(c, spark: spark)
                let key = "\((displayPath as NSString).lastPathComponent):\(c.line)"
                if let gap = GoldenKnownGaps.cases[key] {
                    if failure == nil {
                        outcome.failures.append(Failure(
                            location: "\(displayPath):\(c.line)", sql: c.sql, expected: ["a failure (known gap: \(gap))"],
                            actual: ["the case passes"], note: "remove it from GoldenKnownGaps"))
                    } else {
                        outcome.knownGaps += 1
                    }
                } else if let failure {
                    outcome.failures.append(failure)
                } else {
                    outcome.passed += 1
                }
            }
        }
        return outcome
    }

    /// Writes the table's lines (each followed by `\n`) and registers them as a temp view.
    private func register(_ t: GoldenFile.Table, in spark: SparkSession, dir: URL, counter: Int) throws {
        let text = t.data.map { $0 + "\n" }.joined()
        let path = try writeFile(dir, "\(t.name)_\(counter).\(t.format)", text)
        var reader = spark.read.format(t.format)
        for (key, value) in t.options {
            reader = key == "schema" ? reader.schema(value) : reader.option(key, value)
        }
        try reader.load(path).createOrReplaceTempView(t.name)
    }

    /// nil when the case passes.
    private func check(_ c: GoldenFile.Case, spark: SparkSession) -> Failure? {
        let location = "\(displayPath):\(c.line)"
        guard let expected = c.expected else {
            return Failure(location: location, sql: c.sql, expected: [], actual: [],
                           note: "no expected results: run scripts/golden/generate_expected.py")
        }
        let result = Self.execute(c.sql, spark: spark)
        switch (c.kind, result) {
        case (.error, .failure(let e)):
            let actualClass = e.errorClass ?? "<no error class>"
            if [actualClass] == expected { return nil }
            return Failure(location: location, sql: c.sql, expected: expected, actual: [actualClass],
                           note: "wrong error class; Rivulet said: \(e)")
        case (.error, .success(let lines)):
            return Failure(location: location, sql: c.sql, expected: expected, actual: lines,
                           note: "expected an error, but the query succeeded")
        case (_, .failure(let e)):
            return Failure(location: location, sql: c.sql, expected: expected, actual: ["error: \(e)"],
                           note: "the query failed")
        case (let kind, .success(let lines)):
            if kind == .rowsort {
                if Self.sortedRows(lines) == Self.sortedRows(expected) { return nil }
                return Failure(location: location, sql: c.sql, expected: Self.sortedRows(expected),
                               actual: Self.sortedRows(lines), note: "(rows sorted before comparing)")
            }
            if lines == expected { return nil }
            return Failure(location: location, sql: c.sql, expected: expected, actual: lines, note: nil)
        }
    }

    /// Header line + one rendered line per row, or the error.
    static func execute(_ sql: String, spark: SparkSession) -> Result<[String], RivuletError> {
        do {
            let df = try spark.sql(sql)
            let header = df.schema.fields.map { escape($0.name) + ":" + $0.dataType.simpleString }.joined(separator: "\t")
            let rows = try df.collect()
            let types = df.schema.fields.map(\.dataType)
            return .success([header] + rows.map { row in
                row.values.enumerated().map { render($0.element, as: $0.offset < types.count ? types[$0.offset] : nil) }.joined(separator: "\t")
            })
        } catch {
            return .failure(error)
        }
    }

    /// The header stays first; data rows are sorted (by Unicode scalars, as Python sorts).
    static func sortedRows(_ lines: [String]) -> [String] {
        guard let header = lines.first else { return lines }
        return [header] + lines.dropFirst().sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// Spark's `CAST(x AS STRING)` text, with the golden format's markers and escapes.
    static func render(_ v: Value, as type: DataType? = nil) -> String {
        if v.isNull { return "NULL" }
        if let type { return escape(v.sparkString(as: type, nullText: "NULL")) }
        return escape(v.sparkString(nullText: "NULL"))
    }

    static func escape(_ s: String) -> String {
        if s.isEmpty { return "(empty)" }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
