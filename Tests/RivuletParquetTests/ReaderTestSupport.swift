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

@testable import RivuletParquet

/// Builds small Parquet files by hand (one row group, one v1 data page per leaf) for shapes and
/// errors the peers' writers do not produce: legacy list layouts, unknown encodings, ...
struct HandBuiltParquet {
    struct Leaf {
        var path: [String]
        var type: PhysicalType
        var maxDef: Int
        var maxRep: Int
        var def: [Int] = []
        var rep: [Int] = []
        /// PLAIN (or otherwise encoded) value bytes.
        var values: [UInt8]
        var encoding: ParquetEncoding = .plain
        var codec: ParquetCompressionCodec = .uncompressed
        /// Replaces the page body after the levels (e.g. already compressed bytes).
        var compressedBody: [UInt8]? = nil
        /// Entry count of a column without levels.
        var count: Int? = nil
        var entries: Int { count ?? max(def.count, rep.count) }
    }

    var schema: [SchemaElement]
    var leaves: [Leaf]
    var rows: Int64

    /// RLE runs of length one (valid, if not compact).
    static func rle(_ levels: [Int], maxLevel: Int) -> [UInt8] {
        let width = (bitWidthOf(maxLevel) + 7) / 8
        var out: [UInt8] = []
        for l in levels {
            out.append(2)
            for k in 0..<width { out.append(UInt8(truncatingIfNeeded: l >> (8 * k))) }
        }
        return out
    }

    static func bitWidthOf(_ max: Int) -> Int { max == 0 ? 0 : Int.bitWidth - max.leadingZeroBitCount }

    static func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    func bytes() -> [UInt8] {
        var file = Array("PAR1".utf8)
        var chunks: [ColumnChunk] = []
        for leaf in leaves {
            var body: [UInt8] = []
            if leaf.maxRep > 0 {
                let r = Self.rle(leaf.rep, maxLevel: leaf.maxRep)
                body += Self.le32(r.count) + r
            }
            if leaf.maxDef > 0 {
                let d = Self.rle(leaf.def, maxLevel: leaf.maxDef)
                body += Self.le32(d.count) + d
            }
            let uncompressed = body + leaf.values
            let stored = leaf.compressedBody.map { body + $0 } ?? uncompressed
            let header = PageHeader(
                type: .dataPage, uncompressedPageSize: Int32(uncompressed.count), compressedPageSize: Int32(stored.count),
                dataPageHeader: DataPageHeader(numValues: Int32(leaf.entries), encoding: leaf.encoding))
            let offset = Int64(file.count)
            let h = ThriftCompactWriter.serialize(header)
            file += h + stored
            chunks.append(ColumnChunk(
                fileOffset: offset,
                metaData: ColumnMetaData(
                    type: leaf.type, encodings: [leaf.encoding, .rle], pathInSchema: leaf.path, codec: leaf.codec,
                    numValues: Int64(leaf.entries), totalUncompressedSize: Int64(h.count + uncompressed.count),
                    totalCompressedSize: Int64(h.count + stored.count), dataPageOffset: offset)))
        }
        let meta = FileMetaData(
            version: 1, schema: schema, numRows: rows,
            rowGroups: [RowGroup(columns: chunks, totalByteSize: 0, numRows: rows)], createdBy: "rivulet hand-built test")
        let footer = ThriftCompactWriter.serialize(meta)
        return file + footer + Self.le32(footer.count) + Array("PAR1".utf8)
    }

    static func int32s(_ v: [Int32]) -> [UInt8] { v.flatMap { x in (0..<4).map { UInt8(truncatingIfNeeded: x >> (8 * Int32($0))) } } }
    static func byteArrays(_ v: [String]) -> [UInt8] { v.flatMap { le32($0.utf8.count) + Array($0.utf8) } }
}
