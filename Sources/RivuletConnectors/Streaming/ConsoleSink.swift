#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RivuletCore
import RivuletStreaming
import Synchronization

/// `write(2)` under a name that does not clash with ``TextOutput/write(_:)``.
private func writeFD(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

/// Where the console sink writes (standard output by default; tests capture it).
public protocol TextOutput: Sendable {
    /// Writes `text` as is.
    func write(_ text: String)
}

/// Standard output, flushed after every write.
public struct StandardOutput: TextOutput {
    /// Standard output.
    public init() {}
    public func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count, let base = buf.baseAddress {
                let n = writeFD(1, base + off, buf.count - off)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
                off += n
            }
        }
    }
}

/// Collects everything written, for tests.
public final class CapturedOutput: TextOutput {
    private let buffer = Mutex("")
    /// An empty capture.
    public init() {}
    public func write(_ text: String) { buffer.withLock { $0 += text } }
    /// Everything written so far.
    public var text: String { buffer.withLock { $0 } }
}

/// Spark's `console` sink: prints every micro-batch as a table under a `Batch: N` header.
///
/// ```
/// -------------------------------------------
/// Batch: 0
/// -------------------------------------------
/// +-----+
/// |value|
/// +-----+
/// |    a|
/// +-----+
///
/// ```
/// Options: `numRows` (default 20), `truncate` (default true: cells cut at 20 characters). Like
/// Spark's it is at-least-once: a re-delivered batch is printed again.
public struct ConsoleSink: StreamingSink {
    /// Rows printed per batch (`numRows`, default 20).
    public let numRows: Int
    /// Whether cells are cut at 20 characters (`truncate`, default true).
    public let truncate: Bool
    /// Where the tables go.
    public let output: any TextOutput

    /// Reads `numRows` and `truncate`.
    public init(options: [String: String], output: any TextOutput = StandardOutput()) throws(RivuletError) {
        let o = SourceOptions(options)
        numRows = try o.int("numRows", default: 20)
        truncate = try o.bool("truncate", default: true)
        self.output = output
    }

    public var description: String { "ConsoleSink[numRows=\(numRows), truncate=\(truncate)]" }

    public func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {
        var rows: [[Value]] = []
        let want = max(0, numRows) + 1
        outer: for b in batches {
            for r in 0..<b.numRows {
                if rows.count >= want { break outer }
                rows.append(b.columns.map { $0.value(at: r) })
            }
        }
        let dashes = String(repeating: "-", count: 43)
        let table = ShowFormatter.format(columns: schema.fields.map(\.name), rows: rows, numRows: numRows, truncate: truncate ? 20 : 0)
        output.write(dashes + "\nBatch: \(batchId)\n" + dashes + "\n" + table)
    }
}

/// The `noop` sink: runs the query and discards the rows (for benchmarks).
public struct NoopSink: StreamingSink {
    /// The sink.
    public init() {}
    public var description: String { "NoopSink" }
    public func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {}
}
