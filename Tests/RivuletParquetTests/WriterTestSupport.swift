import Foundation
import RivuletCore
import RivuletTestPeers
@testable import RivuletParquet

/// Helpers for the Parquet writer tests: canonical value text shared with
/// `Scripts/writer_read_back.py`, a deterministic table generator and the read-back runner.
enum WriterFixtures {
    /// The canonical text of `value` of `type` (see `Scripts/writer_read_back.py`).
    static func canon(_ value: Value, _ type: DataType) -> String {
        switch (value, type) {
        case (.null, _): return "null"
        case (.boolean(let b), _): return b ? "true" : "false"
        case (.float(let f), _): return f.isNaN ? "f:nan" : "f:" + hexLE(UInt64(f.bitPattern), 4)
        case (.double(let d), _): return d.isNaN ? "f:nan" : "f:" + hexLE(d.bitPattern, 8)
        case (.decimal(let d), _): return "d:\(d.unscaled)"
        case (.string(let s), _): return "s:" + hex(Array(s.utf8))
        case (.binary(let b), _): return "b:" + hex(b)
        case (.array(let items), .array(let e, _)): return "[" + items.map { canon($0, e) }.joined(separator: ",") + "]"
        case (.map(let entries), .map(let k, let v, _)):
            return "<" + entries.map { canon($0.key, k) + "=" + canon($0.value, v) }.joined(separator: ",") + ">"
        case (.struct(let values), .struct(let st)):
            return "{" + zip(values, st.fields).map { canon($0, $1.dataType) }.joined(separator: ",") + "}"
        default:
            if let n = value.int64Value { return "i:\(n)" }
            return "?\(value)"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        for b in bytes {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 15)])
        }
        return s
    }

    static func hexLE(_ bits: UInt64, _ width: Int) -> String {
        hex((0..<width).map { UInt8(truncatingIfNeeded: bits >> UInt64(8 * $0)) })
    }

    /// Canonical cells of every column of `batch`, column by column.
    static func canonColumns(_ batch: RecordBatch) -> [[String]] {
        batch.columns.enumerated().map { i, c in
            (0..<batch.numRows).map { canon(c.value(at: $0), batch.schema[i].dataType) }
        }
    }

    /// Runs the read-back script on `paths` (one Python process); returns one JSON object per file.
    static func readBack(_ paths: [String]) throws -> [[String: Any]] {
        let out = try ParquetFixtures.run("writer_read_back.py", paths)
        guard let list = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]], list.count == paths.count else {
            throw ReadBackError(message: "unexpected output: \(out.prefix(500))")
        }
        return list
    }

    /// Writes `batches` with `options` to `path` through the file-backed writer.
    static func write(_ batches: [RecordBatch], schema: StructType, options: ParquetWriteOptions, to path: String) throws {
        let w = try ParquetFileWriter(path: path, schema: schema, options: options)
        for b in batches { try w.write(b) }
        try w.close()
    }

    struct ReadBackError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
