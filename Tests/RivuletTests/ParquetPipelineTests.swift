import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// The seed pipeline as the issue writes it — `from_json` into one struct column, a Parquet sink
/// with a one-minute processing-time trigger and a checkpoint — run from a file source, its
/// output read back by Rivulet, pyarrow and DuckDB.
@Suite struct ParquetPipelineTests {
    @Test(.enabled(if: TestPeers.enabled(.python)))
    func seedPipelineWritesParquetReadableByPeers() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let input = dir.appendingPathComponent("in").path, out = dir.appendingPathComponent("out").path
        try writeFile(dir, "in/events-1.json", """
            {"event_time":"2024-01-01T10:00:00.000Z","user":{"id":1,"name":"ada"},"action":"view","amount":0.0}
            {"event_time":"2024-01-01T10:00:05.000Z","user":{"id":2,"name":"linus"},"action":"buy","amount":19.99}
            {"event_time":"2024-01-01T10:00:09.000Z","user":{"id":1,"name":"ada"},"action":"buy","amount":5.5}

            """)
        let schema = try StructType.fromDDL("event_time TIMESTAMP, user STRUCT<id: INT, name: STRING>, action STRING, amount DOUBLE")
        let query = try spark.readStream.text(input)
            .selectExpr("cast(value as string) as json")
            .select(from_json(col("json"), schema).as("data"))
            .writeStream.format("parquet").trigger(processingTime: "1 minute")
            .option("checkpointLocation", dir.appendingPathComponent("ckpt").path)
            .start(out)
        defer { query.stop() }
        try query.processAllAvailable()
        let back = try spark.read.parquet(out)
        #expect(back.dtypes.map(\.1) == ["struct<event_time:timestamp,user:struct<id:int,name:string>,action:string,amount:double>"])
        #expect(rendered(try back.select("data.user.name", "data.amount").orderBy("data.event_time").collect())
                == [["ada", "0.0"], ["linus", "19.99"], ["ada", "5.5"]])

        let script = """
            import sys, pyarrow.dataset as ds, duckdb
            t = ds.dataset(sys.argv[1], format="parquet").to_table()
            rows = sorted(t.to_pylist(), key=lambda r: r["data"]["event_time"])
            print([(r["data"]["user"]["id"], r["data"]["action"], r["data"]["amount"]) for r in rows])
            print(rows[0]["data"]["event_time"].isoformat())
            print(duckdb.connect().execute(f"SELECT data.user.name, sum(data.amount) FROM read_parquet('{sys.argv[1]}/*.parquet') GROUP BY 1 ORDER BY 1").fetchall())
            """
        let lines = try TestPeers.runPython(script, arguments: [out]).split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first == "[(1, 'view', 0.0), (2, 'buy', 19.99), (1, 'buy', 5.5)]")
        #expect(lines.dropFirst().first?.hasPrefix("2024-01-01T10:00:00") == true, "\(lines)")
        #expect(lines.last == "[('ada', 5.5), ('linus', 19.99)]")
    }
}
