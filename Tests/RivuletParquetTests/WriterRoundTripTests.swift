import Foundation
import RivuletCore
import RivuletTestPeers
import Testing
@testable import RivuletParquet

/// Files Rivulet writes, read back by pyarrow and DuckDB (`Scripts/writer_read_back.py`): every
/// value must come back identical, and pyarrow must see the statistics and types written.
@Suite struct WriterRoundTripTests {
    enum Dictionary: String, CaseIterable, Sendable {
        case on, off
        /// A 64-byte dictionary limit and 100-row pages: columns fall back to PLAIN mid-chunk.
        case tiny
    }

    static func options(_ codec: ParquetCompression, version: Int, dictionary: Dictionary) -> ParquetWriteOptions {
        var o = ParquetWriteOptions()
        o.compression = codec
        o.dataPageVersion = version
        o.pageSize = 2048
        o.rowGroupSize = 12 * 1024
        switch dictionary {
        case .on: break
        case .off: o.dictionaryEnabled = false
        case .tiny:
            o.dictionaryPageSizeLimit = 64
            o.pageRowCountLimit = 100
        }
        return o
    }

    @Test(.enabled(if: TestPeers.enabled(.python)), arguments: ParquetCompression.allCases)
    func pyarrowAndDuckDBReadBackEveryValue(codec: ParquetCompression) throws {
        let batches = WriterTestTable.batches(randomRows: 400, parts: 3)
        let schema = WriterTestTable.schema
        let expected = WriterFixtures.canonColumns(RecordBatch.concat(batches, schema: schema))
        let dir = try ParquetFixtures.tempDir("wrt-\(codec.rawValue)")
        defer { ParquetFixtures.remove(dir) }
        var configs: [(Int, Dictionary)] = []
        for version in [1, 2] { for d in Dictionary.allCases { configs.append((version, d)) } }
        var paths: [String] = []
        for (version, d) in configs {
            let path = "\(dir)/v\(version)-\(d.rawValue).parquet"
            try WriterFixtures.write(batches, schema: schema, options: Self.options(codec, version: version, dictionary: d), to: path)
            paths.append(path)
        }
        let results = try WriterFixtures.readBack(paths)
        for ((version, d), r) in zip(configs, results) {
            let label = "\(codec.rawValue) v\(version) dictionary \(d.rawValue)"
            let rows = expected[0].count
            #expect(r["num_rows"] as? Int == rows, "\(label)")
            #expect((r["num_row_groups"] as? Int ?? 0) > 1, "\(label): small row groups give several")
            for (name, reader) in [("pyarrow", r["pyarrow"]), ("duckdb", r["duckdb"])] {
                guard let got = reader as? [[String]] else {
                    Issue.record("\(label): no \(name) values")
                    continue
                }
                #expect(got.count == expected.count, "\(label) \(name)")
                for (i, (g, e)) in zip(got, expected).enumerated() where g != e {
                    let k = zip(g, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(g.count, e.count)
                    Issue.record(
                        "\(label) \(name): column \(schema[i].name) differs at row \(k): got \(k < g.count ? g[k] : "<missing>"), expected \(k < e.count ? e[k] : "<missing>")")
                }
            }
            let columns = r["columns"] as? [[String: Any]] ?? []
            let chunks = columns.map { $0["chunks"] as? [[String: Any]] ?? [] }
            // pyarrow names LZ4_RAW "LZ4" (and Hadoop-framed LZ4 "LZ4_HADOOP").
            let codecName = codec == .lz4Raw ? "lz4" : codec.rawValue
            for c in chunks.joined() {
                #expect((c["compression"] as? String)?.lowercased() == codecName, "\(label)")
            }
            try checkStatistics(columns, batches: batches, label: label)
            try checkEncodings(columns, dictionary: d, label: label)
        }
    }

    /// Compares each flat column's per-row-group statistics with ones recomputed from the rows.
    private func checkStatistics(_ columns: [[String: Any]], batches: [RecordBatch], label: String) throws {
        let schema = WriterTestTable.schema
        let all = RecordBatch.concat(batches, schema: schema)
        let paths = columns.map { $0["path"] as? String ?? "" }
        for i in WriterTestTable.flatColumns {
            let f = schema[i]
            guard let j = paths.firstIndex(of: f.name) else {
                Issue.record("\(label): no leaf \(f.name)")
                continue
            }
            var start = 0
            for chunk in columns[j]["chunks"] as? [[String: Any]] ?? [] {
                let n = chunk["rows"] as? Int ?? 0
                let values = (start..<start + n).map { all.columns[i].value(at: $0) }
                start += n
                let want = ExpectedStatistics(values, type: f.dataType)
                guard let stats = chunk["statistics"] as? [String: Any] else {
                    Issue.record("\(label): \(f.name) has no statistics")
                    continue
                }
                #expect(stats["null_count"] as? Int == want.nullCount, "\(label): \(f.name) null_count")
                #expect(stats["has_min_max"] as? Bool == (want.min != nil), "\(label): \(f.name) has_min_max")
                if let lo = want.min, let hi = want.max {
                    #expect(stats["min"] as? String == lo, "\(label): \(f.name) min")
                    #expect(stats["max"] as? String == hi, "\(label): \(f.name) max")
                }
            }
        }
    }

    private func checkEncodings(_ columns: [[String: Any]], dictionary: Dictionary, label: String) throws {
        func chunks(_ path: String) -> [[String: Any]] {
            columns.first { $0["path"] as? String == path }?["chunks"] as? [[String: Any]] ?? []
        }
        func encodings(_ c: [String: Any]) -> Set<String> { Set(c["encodings"] as? [String] ?? []) }
        switch dictionary {
        case .off:
            for c in columns.flatMap({ $0["chunks"] as? [[String: Any]] ?? [] }) {
                #expect(c["has_dictionary_page"] as? Bool == false, "\(label)")
                #expect(!encodings(c).contains("RLE_DICTIONARY"), "\(label)")
            }
        case .on:
            for c in chunks("lowcard") {
                #expect(c["has_dictionary_page"] as? Bool == true, "\(label)")
                #expect(encodings(c).contains("RLE_DICTIONARY"), "\(label)")
            }
        case .tiny:
            // `slow` gains a value every 50 rows: pages of 100 rows are cut dictionary-encoded until
            // the dictionary passes 64 bytes (8 longs), then the chunk continues in PLAIN.
            let mixed = chunks("slow").filter { c in
                c["has_dictionary_page"] as? Bool == true && encodings(c).isSuperset(of: ["PLAIN", "RLE_DICTIONARY"])
            }
            #expect(!mixed.isEmpty, "\(label): a chunk of `slow` falls back from dictionary to PLAIN")
            // Unique longs overflow during the first page: no dictionary page at all.
            for c in chunks("nn") {
                #expect(c["has_dictionary_page"] as? Bool == false, "\(label)")
            }
        }
    }

    /// pyarrow sees Spark's Parquet types and the logical types the writer annotates.
    @Test(.enabled(if: TestPeers.enabled(.python)))
    func typesAsReadersSeeThem() throws {
        let batches = WriterTestTable.batches(randomRows: 20, parts: 1)
        let dir = try ParquetFixtures.tempDir("wtypes")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/t.parquet"
        try WriterFixtures.write(batches, schema: WriterTestTable.schema, options: ParquetWriteOptions(), to: path)
        let r = try #require(try WriterFixtures.readBack([path]).first)
        #expect(r["created_by"] as? String == ParquetFileWriter.createdBy)
        #expect(r["spark_schema"] as? String == SparkSchemaJSON.render(WriterTestTable.schema))
        let arrow = r["arrow_schema"] as? [String] ?? []
        let names = WriterTestTable.schema.names
        let want: [String: String] = [
            "b": "bool", "i8": "int8", "i16": "int16", "i32": "int32", "i64": "int64", "f32": "float", "f64": "double",
            "dec9": "decimal128(9, 2)", "dec18": "decimal128(18, 4)", "dec38": "decimal128(38, 10)", "s": "string",
            "bin": "binary", "d": "date32[day]", "ts": "timestamp[us, tz=UTC]", "ym": "int32", "dt": "int64",
            "arr": "list<element: int32>", "arrs": "list<element: string not null>",
            "st": "struct<a: int32, b: string, c: list<element: double>>",
            "m": "map<string, int32 ('m')>", "aa": "list<element: list<element: int32>>", "v": "null",
        ]
        for (name, type) in zip(names, arrow) where want[name] != nil {
            #expect(type == want[name], "column \(name)")
        }
        let columns = r["columns"] as? [[String: Any]] ?? []
        func column(_ path: String) -> [String: Any] { columns.first { $0["path"] as? String == path } ?? [:] }
        #expect(column("i8")["logical_type"] as? String == "Int(bitWidth=8, isSigned=true)")
        #expect(column("s")["converted_type"] as? String == "UTF8")
        #expect(column("d")["logical_type"] as? String == "Date")
        #expect((column("ts")["logical_type"] as? String ?? "").hasPrefix("Timestamp(isAdjustedToUTC=true, timeUnit=microseconds"))
        #expect(column("dec38")["physical_type"] as? String == "FIXED_LEN_BYTE_ARRAY")
        #expect(column("dec18")["physical_type"] as? String == "INT64")
        #expect(column("dec9")["logical_type"] as? String == "Decimal(precision=9, scale=2)")
        let deep = column("deep.list.element.y.key_value.value.list.element")
        #expect(deep["max_definition_level"] as? Int == 8)
        #expect(deep["max_repetition_level"] as? Int == 3)
        #expect(column("nn")["max_definition_level"] as? Int == 0)
        #expect(column("m.key_value.key")["max_definition_level"] as? Int == 2)
    }
}

/// Statistics recomputed from boxed values, in pyarrow's raw form (see the read-back script).
struct ExpectedStatistics {
    var nullCount: Int
    var min: String?
    var max: String?

    init(_ values: [Value], type: DataType) {
        nullCount = values.filter(\.isNull).count
        let present = values.filter { !$0.isNull }
        switch type {
        case .boolean:
            let bs = present.compactMap(\.boolValue)
            if !bs.isEmpty {
                min = bs.contains(false) ? "false" : "true"
                max = bs.contains(true) ? "true" : "false"
            }
        case .float:
            let fs = present.compactMap { if case .float(let f) = $0, !f.isNaN { f } else { nil } }
            if let lo = fs.min(), let hi = fs.max() {
                min = "f:" + WriterFixtures.hexLE(UInt64((lo == 0 ? -0.0 : lo).bitPattern), 4)
                max = "f:" + WriterFixtures.hexLE(UInt64((hi == 0 ? 0.0 : hi).bitPattern), 4)
            }
        case .double:
            let ds = present.compactMap { if case .double(let d) = $0, !d.isNaN { d } else { nil } }
            if let lo = ds.min(), let hi = ds.max() {
                min = "f:" + WriterFixtures.hexLE((lo == 0 ? -0.0 : lo).bitPattern, 8)
                max = "f:" + WriterFixtures.hexLE((hi == 0 ? 0.0 : hi).bitPattern, 8)
            }
        case .decimal(let p, _) where p > 18:
            let us = present.compactMap { if case .decimal(let d) = $0 { d.unscaled } else { nil } }
            let width = SparkParquetSchema.decimalByteWidth(precision: p)
            func be(_ v: Int128) -> String {
                "b:" + WriterFixtures.hex((0..<width).reversed().map { UInt8(truncatingIfNeeded: v >> Int128(8 * $0)) })
            }
            if let lo = us.min(), let hi = us.max() {
                min = be(lo)
                max = be(hi)
            }
        case .decimal:
            let us = present.compactMap { if case .decimal(let d) = $0 { d.unscaled } else { nil } }
            if let lo = us.min(), let hi = us.max() {
                min = "i:\(lo)"
                max = "i:\(hi)"
            }
        case .string, .binary:
            let bs = present.map { v -> [UInt8] in
                if case .string(let s) = v { return Array(s.utf8) }
                if case .binary(let b) = v { return b }
                return []
            }
            if let lo = bs.min(by: { $0.lexicographicallyPrecedes($1) }), let hi = bs.max(by: { $0.lexicographicallyPrecedes($1) }) {
                min = "b:" + WriterFixtures.hex(lo)
                max = "b:" + WriterFixtures.hex(hi)
            }
        case .null:
            break
        default:
            let ns = present.compactMap(\.int64Value)
            if let lo = ns.min(), let hi = ns.max() {
                min = "i:\(lo)"
                max = "i:\(hi)"
            }
        }
    }
}
