import Rivulet
import Foundation

/// A tiny JSON value for the one-line result records (kept ordered, no Foundation encoder needed).
enum JSONValue {
    case string(String)
    case number(Double)
    case int(Int)
    case bool(Bool)
    case null
    case object([(String, JSONValue)])
    case array([JSONValue])

    /// Compact JSON text.
    var text: String {
        switch self {
        case .string(let s): return Self.quote(s)
        case .number(let d): return d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null"
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .object(let fields): return "{" + fields.map { Self.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        }
    }

    private static func quote(_ s: String) -> String { JSONWriter.quoted(s) }
}

/// The result of one word count, whichever engine produced it: (word bytes, count) pairs.
struct WordCounts {
    /// Each distinct word as UTF-8 bytes with its count.
    var pairs: [(word: [UInt8], count: Int)]

    /// Sum of all counts (the number of words in the input).
    var total: Int { pairs.reduce(0) { $0 + $1.count } }

    /// sha256 of the sorted "word\tcount" lines joined by "\n" (no trailing newline): the same
    /// order-independent digest the Spark anchor computes with Python's sorted str() of each row.
    /// Python sorts by code point; for UTF-8 that is byte order, hence the byte-wise sort here.
    var digest: String {
        var lines: [[UInt8]] = pairs.map { $0.word + [0x09] + Array(String($0.count).utf8) }
        lines.sort { $0.lexicographicallyPrecedes($1) }
        var hasher = SHA256()
        for (i, line) in lines.enumerated() {
            if i > 0 { hasher.update([0x0a]) }
            hasher.update(line)
        }
        return hasher.finalizeHex()
    }
}

/// Totals recorded by the generator beside the data directory (`DIR.MANIFEST.json`), if present.
struct DatasetManifest {
    var lines: Int?
    var words: Int?
    var bytes: Int?

    /// Reads `DIR.MANIFEST.json`; all fields nil when it is missing or unreadable.
    static func load(dataDirectory: String) -> DatasetManifest {
        var trimmed = dataDirectory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let data = FileManager.default.contents(atPath: trimmed + ".MANIFEST.json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let totals = json["totals"] as? [String: Any] else { return DatasetManifest() }
        func int(_ k: String) -> Int? { (totals[k] as? NSNumber)?.intValue }
        return DatasetManifest(lines: int("lines"), words: int("words"), bytes: int("bytes"))
    }
}

/// Builds and prints the one-line JSON record shared by `wordcount`, `handloop` and the Spark script.
func printWordCountRecord(engine: String, options: Options, input: String, run: Int, wall: Double,
                          lines: Int?, counts: WordCounts, cpu: [(String, JSONValue)], extra: [(String, JSONValue)] = [],
                          bench: String = "wordcount") {
    let words = counts.total
    let date = ISO8601DateFormatter().string(from: Date())
    var fields: [(String, JSONValue)] = [
        ("bench", .string(bench)), ("engine", .string(engine)), ("date", .string(date)),
        ("run_id", options.value("--run-id").map { .string($0) } ?? .null),
        ("tag", .string(options.value("--tag") ?? "")),
        ("input", .string(input)), ("run", .int(run)),
        ("wall_s", .number((wall * 1000).rounded() / 1000)),
        ("lines", lines.map { .int($0) } ?? .null),
        ("words", .int(words)), ("distinct", .int(counts.pairs.count)),
        ("words_per_s", wall > 0 ? .int(Int((Double(words) / wall).rounded())) : .null),
        ("lines_per_s", lines.map { wall > 0 ? .int(Int((Double($0) / wall).rounded())) : .null } ?? .null),
        ("peak_rss_mib", ProcessStats.peakRSSMiB().map { .number($0) } ?? .null),
        ("digest", .string(counts.digest)),
        ("cpus", .int(ProcessInfo.processInfo.activeProcessorCount)),
    ]
    fields += cpu
    fields += extra
    // Written unbuffered so a pipe sees each run's line as soon as the run ends.
    FileHandle.standardOutput.write(Data((JSONValue.object(fields).text + "\n").utf8))
}
