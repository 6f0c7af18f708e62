import Foundation
import Testing
import Rivulet

/// `spark.read.parquet` / `df.write.parquet`: round trips of every type, save modes, the
/// `compression` option, `partitionBy`, projection and filter pushdown, schema inference and
/// declared-schema checks, following Spark 4.
@Suite struct ParquetReadWriteTests {
    static let allTypesDDL = """
        b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, f FLOAT, d DOUBLE, dec DECIMAL(10,2), big DECIMAL(30,5), \
        s STRING, bin BINARY, dt DATE, ts TIMESTAMP, arr ARRAY<INT>, m MAP<STRING,BIGINT>, \
        st STRUCT<x: INT, y: STRING, z: ARRAY<STRUCT<p: DOUBLE, q: STRING>>>
        """

    static func allTypesRows() -> [[Value]] {
        [
            [.boolean(true), .byte(-7), .short(300), .int(-42), .long(9_000_000_000), .float(1.5), .double(-2.25),
             .decimal(DecimalValue(unscaled: 12345, scale: 2)), .decimal(DecimalValue(unscaled: 123_456_789_012_345_678_901_234_567, scale: 5)),
             .string("héllo ✓"), .binary([0, 1, 255]), .date(19_000), .timestamp(1_700_000_000_123_456),
             .array([.int(1), .null, .int(3)]), .map([MapEntry(.string("a"), .long(1)), MapEntry(.string("b"), .null)]),
             .struct([.int(5), .string("five"), .array([.struct([.double(0.5), .string("p")]), .null])])],
            [.boolean(false), .byte(127), .short(-32768), .int(Int32.max), .long(Int64.min), .float(-0.0), .double(.infinity),
             .decimal(DecimalValue(unscaled: -1, scale: 2)), .decimal(DecimalValue(unscaled: 0, scale: 5)),
             .string(""), .binary([]), .date(-1), .timestamp(-1),
             .array([]), .map([]), .struct([.null, .null, .array([])])],
            Array(repeating: .null, count: 16),
        ]
    }

    @Test func roundTripOfEveryType() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("all").path
        let df = try spark.createDataFrame(Self.allTypesRows(), schema: Self.allTypesDDL)
        try df.write.parquet(out)
        let back = try spark.read.parquet(out)
        #expect(back.schema.fields.map(\.name) == df.schema.fields.map(\.name))
        #expect(back.dtypes.map(\.1) == df.dtypes.map(\.1))
        let allNullable = back.schema.fields.allSatisfy { $0.nullable }
        #expect(allNullable)
        let got = try back.orderBy(col("i32").asc_nulls_last()).collect().map(\.values)
        let want = try df.orderBy(col("i32").asc_nulls_last()).collect().map(\.values)
        #expect(got == want)
        // Spark's part-file name, with the codec (snappy by default), and the _SUCCESS marker.
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(names.contains("_SUCCESS"))
        let parts = names.filter { $0.hasPrefix("part-") }
        #expect(parts.count == 1)
        #expect(parts.allSatisfy { $0.range(of: #"^part-00000-[0-9a-f-]{36}-c000\.snappy\.parquet$"#, options: .regularExpression) != nil }, "\(parts)")
        #expect(!names.contains { $0.hasPrefix(".") }, "no temp file is left behind: \(names)")
    }

    @Test func nestedColumnsFromFromJSON() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let input = dir.appendingPathComponent("in").path
        try writeFile(dir, "in/events.json", """
            {"event_time":"2024-05-01T10:00:00Z","user":{"id":1,"name":"ann"},"action":"buy","amount":12.5,"tags":["a","b"]}
            {"event_time":"2024-05-01T10:01:00Z","user":{"id":2,"name":null},"action":"view","amount":null,"tags":[]}
            not json

            """)
        let schema = try StructType.fromDDL("event_time TIMESTAMP, user STRUCT<id: INT, name: STRING>, action STRING, amount DOUBLE, tags ARRAY<STRING>")
        let parsed = try spark.read.text(input).select(from_json(col("value"), schema).as("data"))
        let out = dir.appendingPathComponent("out").path
        try parsed.write.parquet(out)
        let back = try spark.read.parquet(out)
        #expect(back.dtypes.map(\.1) == ["struct<event_time:timestamp,user:struct<id:int,name:string>,action:string,amount:double,tags:array<string>>"])
        #expect(Set(try back.collect().map { $0.values }) == Set(try parsed.collect().map { $0.values }))
        let flat = try back.select("data.user.name", "data.amount").orderBy(col("data.user.id").asc_nulls_first()).collect()
        #expect(rendered(flat) == [["NULL", "NULL"], ["ann", "12.5"], ["NULL", "NULL"]])
        // A filter on a nested field is pushed by its dotted path.
        let big = try back.filter(col("data.amount") > 10).select("data.action")
        #expect(rendered(try big.collect()) == [["buy"]])
        let plan = try big.explainString()
        #expect(plan.contains("PushedFilters: [GreaterThan(data.amount,10.0)]"), "\(plan)")
    }

    @Test func saveModesFollowSpark() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("modes").path
        let df = try spark.createDataFrame([[.int(1), .string("a")], [.int(2), .string("b")]], schema: "id INT, v STRING")
        try df.write.parquet(out)
        let err = #expect(throws: RivuletError.self) { try df.write.parquet(out) }
        #expect(err?.errorClass == "PATH_ALREADY_EXISTS")
        #expect(err?.message == "Path file:\(out) already exists. Set mode as \"overwrite\" to overwrite the existing path.")
        try df.write.mode("append").parquet(out)
        #expect(try spark.read.parquet(out).count() == 4)
        try df.write.mode("ignore").parquet(out)
        #expect(try spark.read.parquet(out).count() == 4)
        try df.filter(col("id") == 1).write.mode("overwrite").parquet(out)
        #expect(rendered(try spark.read.parquet(out).collect()) == [["1", "a"]])
        let bad = #expect(throws: RivuletError.self) { try df.write.mode("sometimes").parquet(out) }
        #expect(bad?.errorClass == "INVALID_SAVE_MODE")
        // An empty DataFrame still writes a file that carries the schema.
        let empty = dir.appendingPathComponent("empty").path
        try df.filter(col("id") > 100).write.parquet(empty)
        let e = try spark.read.parquet(empty)
        #expect(e.dtypes.map(\.1) == ["int", "string"])
        #expect(try e.count() == 0)
    }

    @Test func compressionOptionNamesTheFilesAndRejectsBadCodecs() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let df = try spark.range(0, 1000).selectExpr("id", "cast(id % 7 as string) AS s")
        for (codec, suffix) in [("none", "-c000.parquet"), ("uncompressed", "-c000.parquet"), ("snappy", "-c000.snappy.parquet"),
                                ("gzip", "-c000.gz.parquet"), ("zstd", "-c000.zstd.parquet"), ("lz4_raw", "-c000.lz4raw.parquet"),
                                ("lz4", "-c000.lz4raw.parquet"), ("GZIP", "-c000.gz.parquet")] {
            let out = dir.appendingPathComponent("c-\(codec)").path
            try df.write.option("compression", codec).parquet(out)
            let parts = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("part-") }
            #expect(!parts.isEmpty && parts.allSatisfy { $0.hasSuffix(suffix) }, "\(codec): \(parts)")
            #expect(try spark.read.parquet(out).agg(sum("id")).collect().first?.getLong(0) == 499_500, "\(codec)")
        }
        let out = dir.appendingPathComponent("bad").path
        let err = #expect(throws: RivuletError.self) { try df.write.option("compression", "zip").parquet(out) }
        #expect(err?.errorClass == "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION")
        #expect(err?.message.hasPrefix("The codec zip is not available. Available codecs are ") == true, "\(err?.message ?? "")")
        #expect(err?.message.contains("snappy") == true && err?.message.contains("zstd") == true)
        #expect(!FileManager.default.fileExists(atPath: out), "a rejected write creates nothing")
        // The session setting applies when the option is absent; the option wins over it.
        spark.conf.set("spark.sql.parquet.compression.codec", "gzip")
        let viaConf = dir.appendingPathComponent("conf").path
        try df.write.parquet(viaConf)
        #expect(try FileManager.default.contentsOfDirectory(atPath: viaConf).contains { $0.hasSuffix(".gz.parquet") })
        let optionWins = dir.appendingPathComponent("option").path
        try df.write.option("compression", "uncompressed").parquet(optionWins)
        #expect(try FileManager.default.contentsOfDirectory(atPath: optionWins).contains { $0.hasSuffix("-c000.parquet") })
    }

    @Test func partitionByWritesHiveFoldersReadBackAsPartitionColumns() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("p").path
        let df = try spark.createDataFrame([
            [.string("a"), .int(2024), .string("DE"), .double(1)], [.string("b"), .int(2024), .string("FR"), .double(2)],
            [.string("c"), .int(2023), .null, .double(3)], [.string("d"), .int(2024), .string("DE"), .double(4)],
        ], schema: "name STRING, year INT, country STRING, amount DOUBLE")
        try df.write.partitionBy("year", "country").parquet(out)
        let folders = try FileManager.default.subpathsOfDirectory(atPath: out).filter { !$0.hasSuffix(".parquet") && !$0.contains("_SUCCESS") }
        #expect(Set(folders) == ["year=2024", "year=2024/country=DE", "year=2024/country=FR", "year=2023", "year=2023/country=__HIVE_DEFAULT_PARTITION__"])
        let back = try spark.read.parquet(out)
        #expect(back.columns == ["name", "amount", "year", "country"])
        #expect(back.dtypes.map(\.1) == ["string", "double", "int", "string"])
        #expect(rendered(try back.orderBy("name").collect()) == [["a", "1.0", "2024", "DE"], ["b", "2.0", "2024", "FR"], ["c", "3.0", "2023", "NULL"], ["d", "4.0", "2024", "DE"]])
        // A filter on a partition column prunes folders: the unreadable file under country=FR is
        // never opened (the schema comes from the first file, under year=2023).
        let fr = out + "/year=2024/country=FR"
        let frFile = try #require(try FileManager.default.contentsOfDirectory(atPath: fr).first { $0.hasPrefix("part-") })
        try Data("not parquet".utf8).write(to: URL(fileURLWithPath: fr + "/" + frFile))
        let pruned = try spark.read.parquet(out).filter(col("country") == "DE" || col("year") == 2023).select("name", "country").orderBy("name")
        #expect(rendered(try pruned.collect()) == [["a", "DE"], ["c", "NULL"], ["d", "DE"]])
        #expect(try pruned.explainString().contains("PushedFilters: [Or(EqualTo(country,DE),EqualTo(year,2023))]"))
        #expect(throws: RivuletError.self) { try spark.read.parquet(out).collect() }
    }

    @Test func projectionAndFiltersMatchTheUnfilteredPath() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("f").path
        // Row groups with disjoint id ranges, so some can be skipped on their statistics.
        let df = try spark.range(0, 30_000, 1, numPartitions: 3)
            .selectExpr("id", "cast(id % 100 as int) AS k", "concat('s', cast(id as string)) AS s", "if(id % 10 = 0, null, id * 0.5) AS d")
        try df.write.option("parquet.block.size", 16_384).parquet(out)
        let table = try spark.read.parquet(out)
        let cases: [(String, Column)] = [
            ("id > 29990", col("id") > 29_990), ("k = 7 AND id < 500", col("k") == 7 && col("id") < 500),
            ("d IS NULL AND id < 100", col("d").isNull() && col("id") < 100), ("s LIKE 's2999%'", col("s").like("s2999%")),
            ("k IN (1, 2) OR id = 5", col("k").isin(1, 2) || col("id") == 5), ("NOT id >= 3", !(col("id") >= 3)),
        ]
        let all = try table.collect()
        for (name, cond) in cases {
            let filtered = try table.filter(cond).select("id", "s").orderBy("id").collect()
            let manual = try spark.createDataFrame(all.map(\.values), schema: table.schema).filter(cond).select("id", "s").orderBy("id").collect()
            #expect(rendered(filtered) == rendered(manual), "\(name)")
            #expect(!filtered.isEmpty, "\(name)")
        }
        let plan = try table.filter(col("id") > 29_990).select("s").explainString()
        #expect(plan.contains("PushedFilters: [GreaterThan(id,29990)]"), "\(plan)")
        #expect(plan.contains("ReadSchema: struct<id:bigint,s:string>"), "\(plan)")
        #expect(try table.filter(col("id") > 29_990).count() == 9)
        #expect(try table.select("k").distinct().count() == 100)
    }

    @Test func schemaInferenceAndMergeSchema() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let base = dir.appendingPathComponent("m").path
        try spark.createDataFrame([[.int(1), .string("a")]], schema: "id INT, a STRING").write.parquet(base + "/1")
        try spark.createDataFrame([[.int(2), .double(2.5)]], schema: "id INT, b DOUBLE").write.parquet(base + "/2")
        // Without mergeSchema the first file's schema wins (Spark reads one footer).
        #expect(try spark.read.parquet(base + "/1", base + "/2").columns == ["id", "a"])
        let merged = try spark.read.option("mergeSchema", true).parquet(base + "/1", base + "/2")
        #expect(merged.columns == ["id", "a", "b"])
        #expect(rendered(try merged.orderBy("id").collect()) == [["1", "a", "NULL"], ["2", "NULL", "2.5"]])
        spark.conf.set("spark.sql.parquet.mergeSchema", "true")
        #expect(try spark.read.parquet(base + "/1", base + "/2").columns == ["id", "a", "b"])
        // Incompatible types do not merge.
        try spark.createDataFrame([[.string("x")]], schema: "id STRING").write.parquet(base + "/3")
        let err = #expect(throws: RivuletError.self) { try spark.read.parquet(base + "/1", base + "/3") }
        #expect(err?.errorClass == "CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE")
        #expect(err?.message.contains("\"INT\" and \"STRING\"") == true, "\(err?.message ?? "")")
        // Nothing to infer from.
        try FileManager.default.createDirectory(atPath: base + "/none", withIntermediateDirectories: true)
        let none = #expect(throws: RivuletError.self) { try spark.read.parquet(base + "/none") }
        #expect(none?.message == "Unable to infer schema for Parquet. It must be specified manually.")
    }

    @Test func declaredSchemaIsCheckedAgainstTheFile() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("s").path
        try spark.createDataFrame([[.int(1), .string("a"), .float(1.5)], [.null, .string("b"), .null]], schema: "id INT, name STRING, f FLOAT")
            .write.parquet(out)
        // Widening (int -> bigint, float -> double), a case-insensitive name and a missing column.
        let wide = try spark.read.schema("ID BIGINT, f DOUBLE, extra STRING").parquet(out)
        #expect(rendered(try wide.orderBy(col("ID").asc_nulls_last()).collect()) == [["1", "1.5", "NULL"], ["NULL", "NULL", "NULL"]])
        // A type the file cannot be read as names the file, the column and both types.
        let err = #expect(throws: RivuletError.self) { try spark.read.schema("id INT, name INT").parquet(out).collect() }
        #expect(err?.errorClass == "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH")
        let message = err?.message ?? ""
        #expect(message.contains("\(out)/part-"), "names the file: \(message)")
        #expect(message.contains("'name'") && message.contains("Expected Spark type \"INT\"") && message.contains("STRING"), "\(message)")
        // Only the columns read are checked.
        #expect(rendered(try spark.read.schema("id INT, name INT").parquet(out).select("id").orderBy("id").collect()) == [["NULL"], ["1"]])
    }
}
