import Foundation
import RivuletTestPeers

/// Helpers shared by the Parquet reader tests: fixture scripts and temporary directories.
enum ParquetFixtures {
    /// `Tests/RivuletParquetTests/Scripts/<name>`.
    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/\(name)").path
    }

    /// Runs a fixture script with the peers' Python; returns its stdout.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        try TestPeers.run(try TestPeers.python(), [script(name)] + arguments)
    }

    /// A fresh temporary directory.
    static func tempDir(_ label: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rivulet-pq-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func remove(_ dir: String) { try? FileManager.default.removeItem(atPath: dir) }
}

import RivuletCore

/// The canonical text of a value that `Scripts/reader_fixtures.py` documents and emits.
func canonical(_ v: Value) -> String {
    func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
    func le<T: FixedWidthInteger>(_ x: T) -> [UInt8] { (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) } }
    switch v {
    case .null: return "null"
    case .boolean(let b): return b ? "true" : "false"
    case .byte(let x): return String(x)
    case .short(let x): return String(x)
    case .int(let x): return String(x)
    case .long(let x): return String(x)
    case .float(let f): return "f:" + hex(le(f.bitPattern))
    case .double(let d): return "d:" + hex(le(d.bitPattern))
    case .decimal(let d): return "dec:\(d.unscaled)/\(d.scale)"
    case .string(let s): return "s:" + hex(s.utf8)
    case .binary(let b): return "x:" + hex(b)
    case .date(let d): return "date:\(d)"
    case .timestamp(let t): return "ts:\(t)"
    case .dayTimeInterval(let x): return "dti:\(x)"
    case .yearMonthInterval(let x): return "ymi:\(x)"
    case .array(let a): return "[" + a.map(canonical).joined(separator: ",") + "]"
    case .struct(let s): return "{" + s.map(canonical).joined(separator: ",") + "}"
    case .map(let m): return "<" + m.map { canonical($0.key) + "=" + canonical($0.value) }.joined(separator: ",") + ">"
    }
}
