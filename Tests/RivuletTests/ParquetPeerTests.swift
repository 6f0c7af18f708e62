import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// Parquet written by Rivulet is read back by real peers: pyarrow and DuckDB.
@Suite struct ParquetPeerTests {
    /// Prints each tool's view of the files under argv[1] as JSON lines, values normalised
    /// (timestamps as epoch microseconds, dates ISO, decimals as text, maps as [key, value] pairs).
    static let script = #"""
        import sys, json, datetime, decimal
        import pyarrow as pa, pyarrow.dataset as ds, duckdb

        def type_name(t):
            if pa.types.is_map(t):
                return f"map<{t.key_type}, {t.item_type}>"
            return str(t)

        def canon(v):
            if isinstance(v, datetime.datetime):
                if v.tzinfo is None:
                    v = v.replace(tzinfo=datetime.timezone.utc)
                d = v - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
                return (d.days * 86400 + d.seconds) * 1000000 + d.microseconds
            if isinstance(v, datetime.date):
                return v.isoformat()
            if isinstance(v, decimal.Decimal):
                return str(v)
            if isinstance(v, bytes):
                return v.hex()
            if isinstance(v, dict):
                return {k: canon(x) for k, x in v.items()}
            if isinstance(v, (list, tuple)):
                return [canon(x) for x in v]
            return v

        path = sys.argv[1]
        table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
        print("schema", json.dumps({f.name: type_name(f.type) for f in table.schema if not str(f.type).startswith("timestamp")}, sort_keys=True))
        for row in sorted(table.to_pylist(), key=lambda r: r["id"]):
            print("pyarrow", json.dumps(canon(row), sort_keys=True, ensure_ascii=False))
        con = duckdb.connect()
        q = f"""SELECT id, s, d, amount::VARCHAR, dt::VARCHAR, epoch_us(ts), arr, st.x, st.y, map_keys(m), map_values(m), b, bin
                FROM read_parquet('{path}/**/*.parquet') ORDER BY id"""
        for row in con.execute(q).fetchall():
            print("duckdb", json.dumps(canon(list(row)), ensure_ascii=False))
        """#

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func pyarrowAndDuckDBReadTheFiles() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("peers").path
        let df = try spark.createDataFrame([
            [.long(1), .string("héllo"), .double(1.5), .decimal(DecimalValue(unscaled: 12345, scale: 2)), .date(19_724),
             .timestamp(1_700_000_000_123_456), .array([.int(1), .null, .int(3)]), .struct([.int(5), .string("five")]),
             .map([MapEntry(.string("a"), .long(1))]), .boolean(true), .binary([0xCA, 0xFE])],
            [.long(2), .null, .null, .null, .null, .null, .array([]), .null, .map([]), .boolean(false), .null],
            [.long(3), .string(""), .double(-0.25), .decimal(DecimalValue(unscaled: -1, scale: 2)), .date(-1),
             .timestamp(-1), .null, .struct([.null, .string("z")]), .null, .null, .binary([])],
        ], schema: "id BIGINT, s STRING, d DOUBLE, amount DECIMAL(10,2), dt DATE, ts TIMESTAMP, arr ARRAY<INT>, st STRUCT<x: INT, y: STRING>, m MAP<STRING,BIGINT>, b BOOLEAN, bin BINARY")
        try df.write.parquet(out)
        let lines = try TestPeers.runPython(Self.script, arguments: [out]).split(separator: "\n").map(String.init)
        #expect(lines.first == #"schema {"amount": "decimal128(10, 2)", "arr": "list<element: int32>", "b": "bool", "bin": "binary", "d": "double", "dt": "date32[day]", "id": "int64", "m": "map<string, int64>", "s": "string", "st": "struct<x: int32, y: string>"}"#, "\(lines.first ?? "")")
        let pyarrow = lines.filter { $0.hasPrefix("pyarrow ") }
        #expect(pyarrow == [
            #"pyarrow {"amount": "123.45", "arr": [1, null, 3], "b": true, "bin": "cafe", "d": 1.5, "dt": "2024-01-02", "id": 1, "m": [["a", 1]], "s": "héllo", "st": {"x": 5, "y": "five"}, "ts": 1700000000123456}"#,
            #"pyarrow {"amount": null, "arr": [], "b": false, "bin": null, "d": null, "dt": null, "id": 2, "m": [], "s": null, "st": null, "ts": null}"#,
            #"pyarrow {"amount": "-0.01", "arr": null, "b": null, "bin": "", "d": -0.25, "dt": "1969-12-31", "id": 3, "m": null, "s": "", "st": {"x": null, "y": "z"}, "ts": -1}"#,
        ], "\(lines)")
        let duck = lines.filter { $0.hasPrefix("duckdb ") }
        #expect(duck == [
            #"duckdb [1, "héllo", 1.5, "123.45", "2024-01-02", 1700000000123456, [1, null, 3], 5, "five", ["a"], [1], true, "cafe"]"#,
            #"duckdb [2, null, null, null, null, null, [], null, null, [], [], false, null]"#,
            #"duckdb [3, "", -0.25, "-0.01", "1969-12-31", -1, null, null, "z", null, null, null, ""]"#,
        ], "\(lines)")
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func partitionedOutputReadsAsHiveDataset() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("hive").path
        try spark.range(0, 100).selectExpr("id", "cast(id % 3 as int) AS part", "id * 2 AS twice").write.partitionBy("part").parquet(out)
        let script = """
            import sys, pyarrow.dataset as ds, duckdb
            t = ds.dataset(sys.argv[1], format="parquet", partitioning="hive").to_table()
            print(t.num_rows, sorted(set(t.column("part").to_pylist())), sum(t.column("twice").to_pylist()))
            print(duckdb.connect().execute(f"SELECT part, count(*), sum(twice) FROM read_parquet('{sys.argv[1]}/*/*.parquet', hive_partitioning=true) GROUP BY part ORDER BY part").fetchall())
            """
        let lines = try TestPeers.runPython(script, arguments: [out]).split(separator: "\n").map(String.init)
        #expect(lines == ["100 [0, 1, 2] 9900", "[(0, 34, 3366), (1, 33, 3234), (2, 33, 3300)]"])
    }
}
