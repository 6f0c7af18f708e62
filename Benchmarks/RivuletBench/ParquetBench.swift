import Foundation
import Rivulet
import RivuletCore
import RivuletParquet

/// Rivulet's side of the Parquet benchmark (scripts/bench/run_parquet.sh): the same 10-column
/// table as scripts/bench/parquet_bench.py (the formulas there are the contract), written with
/// ParquetFileWriter and read back whole and one column at a time.
enum ParquetBench {
    static let baseTimestampMicros: Int64 = 1_700_000_000_000_000

    static let schema = StructType([
        StructField("id", .long, nullable: false), StructField("a", .integer, nullable: false),
        StructField("b", .long, nullable: false), StructField("c", .integer, nullable: false),
        StructField("x", .double, nullable: false), StructField("y", .double, nullable: false),
        StructField("z", .double, nullable: false), StructField("s1", .string, nullable: false),
        StructField("s2", .string, nullable: false), StructField("ts", .timestamp, nullable: false),
    ])

    /// Rows `start ..< start + count` of the benchmark table.
    static func batch(start: Int, count: Int) -> RecordBatch {
        var id = [Int64](), a = [Int32](), b = [Int64](), c = [Int32](), x = [Double](), y = [Double](), z = [Double](), ts = [Int64]()
        id.reserveCapacity(count); a.reserveCapacity(count); b.reserveCapacity(count); c.reserveCapacity(count)
        x.reserveCapacity(count); y.reserveCapacity(count); z.reserveCapacity(count); ts.reserveCapacity(count)
        var s1 = ByteArrayBuilder(capacity: count, byteCapacity: count * 10)
        var s2 = ByteArrayBuilder(capacity: count, byteCapacity: count * 14)
        for r in start..<(start + count) {
            let i = Int64(r)
            id.append(i)
            a.append(Int32((i &* 7919) % 100_000))
            b.append((i &* 1_000_003) % (1 << 32))
            c.append(Int32(i % 7))
            x.append(Double(i) * 0.25)
            y.append(Double((i &* 7) % 1000) / 8.0)
            z.append(Double(i % 9973) * 1.5)
            s1.append("user_" + String(i % 50_000))
            s2.append("event-" + String(i))
            ts.append(baseTimestampMicros + i * 1000)
        }
        let columns = [
            ColumnVector(int64: id), ColumnVector(int32: a), ColumnVector(int64: b), ColumnVector(int32: c),
            ColumnVector(double: x), ColumnVector(double: y), ColumnVector(double: z),
            ColumnVector(strings: s1.finish()), ColumnVector(strings: s2.finish()),
            ColumnVector(dataType: .timestamp, count: count, validity: nil, storage: .int64(ts)),
        ]
        return RecordBatch(unchecked: schema, columns: columns, numRows: count)
    }
}

extension ParquetBench {
    /// Per-column checksums, the same definition as parquet_bench.py's `checksum`.
    static func checksum(_ batches: [RecordBatch]) -> [(String, JSONValue)] {
        guard let schema = batches.first?.schema else { return [] }
        return schema.fields.enumerated().map { index, field in
            var ints: Int64 = 0
            var doubles = 0.0
            var isDouble = false
            for batch in batches {
                let column = batch.columns[index]
                switch column.storage {
                case .int64(let values):
                    let base = field.dataType == .timestamp ? baseTimestampMicros : 0
                    for v in values { ints &+= v &- base }
                case .int32(let values): for v in values { ints &+= Int64(v) }
                case .float64(let values): isDouble = true; for v in values { doubles += v }
                case .bytes(let strings): ints &+= Int64(strings.offsets.last ?? 0) - Int64(strings.offsets.first ?? 0)
                default: break
                }
            }
            return (field.name, isDouble ? .number(doubles) : .int(Int(ints)))
        }
    }

    static func record(_ o: Options, op: String, rows: Int, run: Int?, wall: Double, extra: [(String, JSONValue)]) {
        var fields: [(String, JSONValue)] = [
            ("bench", .string("parquet")), ("engine", .string("rivulet")),
            ("run_id", o.value("--run-id").map { .string($0) } ?? .null), ("rows", .int(rows)), ("op", .string(op)),
        ]
        if let run { fields.append(("run", .int(run))) }
        fields += [("wall_s", .number((wall * 1000).rounded() / 1000)), ("rows_per_s", .int(Int(Double(rows) / wall)))]
        print(JSONValue.object(fields + extra).text)
    }

    /// `rivulet-bench parquet`: build the table, time writes of DIR/rivulet.parquet, then reads of it.
    static func run(_ o: Options) throws {
        let rows = try o.int("--rows", default: 10_000_000, minimum: 1)
        let repeats = try o.int("--repeat", default: 3, minimum: 1)
        let dir = absolute(try o.required("--dir"))
        var options = ParquetWriteOptions()
        options.compression = try ParquetCompression(sparkName: o.value("--codec") ?? "snappy")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let chunk = 1 << 20
        let batches = stride(from: 0, to: rows, by: chunk).map { batch(start: $0, count: min(chunk, rows - $0)) }
        let path = dir + "/rivulet.parquet"
        for run in 1...repeats {
            let window = CPUWindow()
            let writer = try ParquetFileWriter(path: path, schema: schema, options: options)
            for b in batches { try writer.write(b) }
            try writer.close()
            let wall = window.elapsed
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            record(o, op: "write", rows: rows, run: run, wall: wall,
                   extra: [("codec", .string(options.compression.rawValue)), ("file_bytes", size.map { .int($0) } ?? .null)]
                       + window.close(wall: wall))
        }
        try read(o, path: path, rows: rows, repeats: repeats)
        record(o, op: "expected_checksum", rows: rows, run: nil, wall: 1, extra: [("checksum", .object(checksum(batches)))])
    }

    /// Times reading `path` whole and column `a` alone.
    static func read(_ o: Options, path: String, rows: Int?, repeats: Int) throws {
        for (op, columns) in [("read_all", nil), ("read_one_column", ["a"])] as [(String, [String]?)] {
            for run in 1...repeats {
                let window = CPUWindow()
                let reader = try ParquetFileReader(path: path)
                let back = try reader.read(columns: columns, predicate: nil)
                let wall = window.elapsed
                let n = back.reduce(0) { $0 + $1.numRows }
                var extra: [(String, JSONValue)] = [("file", .string(path))]
                if run == 1 { extra.append(("checksum", .object(checksum(back)))) }
                record(o, op: op, rows: rows ?? n, run: run, wall: wall, extra: extra + window.close(wall: wall))
            }
        }
    }
}
