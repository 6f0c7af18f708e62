import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// `writeStream.format("parquet")` (append, exactly-once through `_spark_metadata`) and
/// `readStream.format("parquet")`.
@Suite struct ParquetStreamingTests {
    static func partFiles(_ dir: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: dir).filter { ($0 as NSString).lastPathComponent.hasPrefix("part-") }.sorted()
    }

    @Test func sinkAppendsThroughTheManifestAndReadsHonourIt() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("sink").path, ckpt = dir.appendingPathComponent("ckpt").path
        let input = MemoryStream(schema: try StructType.fromDDL("id BIGINT, name STRING, tags ARRAY<STRING>"))
        let q = try input.toDF(spark).writeStream.format("parquet").option("checkpointLocation", ckpt).start(out)
        _ = input.addData([[.long(1), .string("a"), .array([.string("x")])], [.long(2), .null, .null]])
        try q.processAllAvailable()
        _ = input.addData([[.long(3), .string("c"), .array([])]])
        try q.processAllAvailable()
        q.stop()
        let manifest0 = try String(contentsOfFile: out + "/_spark_metadata/0", encoding: .utf8)
        #expect(manifest0.hasPrefix("v1\n{\"path\":\"file://\(out)/part-00000-"), "\(manifest0)")
        #expect(manifest0.contains(".snappy.parquet\",\"size\":"))
        #expect(FileManager.default.fileExists(atPath: out + "/_spark_metadata/1"))
        let parts = try Self.partFiles(out)
        #expect(parts.count == 2 && parts.allSatisfy { $0.hasSuffix("-c000.snappy.parquet") }, "\(parts)")

        let back = try spark.read.parquet(out)
        #expect(back.dtypes.map(\.1) == ["bigint", "string", "array<string>"])
        #expect(rendered(try back.orderBy("id").collect()) == [["1", "a", "[x]"], ["2", "NULL", "NULL"], ["3", "c", "[]"]])

        // A part file no manifest names (a crashed attempt's leftover) is invisible to readers
        // that honour the manifest.
        let stray = out + "/part-00000-00000000-0000-0000-0000-000000000000-c000.snappy.parquet"
        try FileManager.default.copyItem(atPath: out + "/" + parts[0], toPath: stray)
        #expect(try spark.read.parquet(out).count() == 3)
        #expect(try spark.read.parquet(stray).count() > 0, "the stray file itself is valid Parquet")
    }

    @Test func partitionedSinkWritesOneFilePerFolderPerBatch() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("sink").path
        let input = MemoryStream(schema: try StructType.fromDDL("k STRING, v INT"))
        let q = try input.toDF(spark).writeStream.format("parquet").partitionBy("k").option("compression", "zstd")
            .option("checkpointLocation", dir.appendingPathComponent("ckpt").path).start(out)
        defer { q.stop() }
        _ = input.addData([[.string("x"), .int(1)], [.string("y"), .int(2)], [.string("x"), .int(3)]])
        try q.processAllAvailable()
        let parts = try Self.partFiles(out)
        #expect(parts.count == 2 && parts.allSatisfy { $0.hasSuffix("-c000.zstd.parquet") }, "\(parts)")
        #expect(Set(parts.map { ($0 as NSString).deletingLastPathComponent }) == ["k=x", "k=y"])
        let back = try spark.read.parquet(out)
        #expect(back.columns == ["v", "k"])
        #expect(rendered(try back.orderBy("v").collect()) == [["1", "x"], ["2", "y"], ["3", "x"]])
    }

    @Test func restartRemovesLeftoversOfCrashedAttemptsAndSkipsCommittedBatches() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let input = dir.appendingPathComponent("in").path, out = dir.appendingPathComponent("sink").path
        let ckpt = dir.appendingPathComponent("ckpt").path
        try spark.range(0, 10).selectExpr("id", "id * 10 AS v").write.parquet(input + "/a")
        // Files that were in the output folder before the sink started are never deleted.
        try spark.range(100, 101).selectExpr("id", "id AS v").write.parquet(out)
        let preexisting = try Self.partFiles(out)
        func run() throws {
            let q = try spark.readStream.schema("id BIGINT, v BIGINT").parquet(input).writeStream.format("parquet")
                .option("checkpointLocation", ckpt).trigger(.availableNow).start(out)
            try q.awaitTerminationBlocking()
        }
        try run()
        let committed = try Self.partFiles(out).filter { !preexisting.contains($0) }
        #expect(committed.count == 1)
        // Leftovers of a crash: a data file written before its manifest, and a temp file.
        try FileManager.default.copyItem(atPath: out + "/" + committed[0], toPath: out + "/part-00000-11111111-1111-4111-8111-111111111111-c000.snappy.parquet")
        try Data("partial".utf8).write(to: URL(fileURLWithPath: out + "/.part-00000-22222222-2222-4222-8222-222222222222-c000.snappy.parquet.tmp-7"))
        #expect(try spark.read.parquet(out).count() == 10, "the manifest hides them")
        try spark.range(10, 15).selectExpr("id", "id * 10 AS v").write.parquet(input + "/b")
        try run()
        let after = try Self.partFiles(out)
        #expect(after.count == 3 && after.contains(committed[0]) && after.contains(preexisting[0]), "\(after)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }.isEmpty)
        #expect(try spark.read.parquet(out).agg(sum("v")).collect().first?.getLong(0) == 1050)
    }

    @Test func sourcePicksUpNewFiles() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let input = dir.appendingPathComponent("in").path
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let q = try spark.readStream.format("parquet").schema("id BIGINT, s STRING").option("maxFilesPerTrigger", 1).load(input)
            .filter(col("id") % 2 == 0).writeStream.format("memory").queryName("pq_source_\(UUID().uuidString.prefix(8))").start()
        defer { q.stop() }
        try spark.range(0, 10).selectExpr("id", "cast(id as string) AS s").write.parquet(input + "/one")
        try q.processAllAvailable()
        #expect(try spark.table(q.name ?? "").count() == 5)
        try spark.range(10, 20).selectExpr("id", "cast(id as string) AS s").write.mode("append").parquet(input + "/one")
        try spark.range(20, 24).selectExpr("id", "cast(id as string) AS s").write.parquet(input + "/two")
        try q.processAllAvailable()
        let ids = try spark.table(q.name ?? "").orderBy("id").collect().compactMap { $0.getLong(0) }
        #expect(ids == Array(stride(from: 0, to: 24, by: 2)))
        #expect((q.lastProgress?.batchId ?? 0) >= 2, "maxFilesPerTrigger=1 reads one file per batch")
    }

    @Test func sourceNeedsASchemaUnlessInferenceIsOn() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let input = dir.appendingPathComponent("in").path
        try spark.range(0, 3).selectExpr("id", "id > 1 AS big").write.parquet(input)
        let err = #expect(throws: RivuletError.self) { try spark.readStream.parquet(input) }
        #expect(err?.message.hasPrefix("Schema must be specified when creating a streaming source DataFrame.") == true)
        spark.conf.set("spark.sql.streaming.schemaInference", "true")
        #expect(try spark.readStream.parquet(input).dtypes.map(\.1) == ["bigint", "boolean"])
    }

    @Test func sinkRejectsNonAppendModesAndBadCodecs() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let input = MemoryStream(schema: try StructType.fromDDL("k STRING"))
        let counts = try input.toDF(spark).groupBy("k").count()
        let q = try counts.writeStream.format("parquet").outputMode(.complete).option("checkpointLocation", dir.path + "/c1").start(dir.path + "/o1")
        _ = input.addData([[.string("a")]])
        let mode = #expect(throws: RivuletError.self) { try q.processAllAvailable() }
        #expect(mode?.message.contains("Data source parquet does not support Complete output mode.") == true, "\(mode?.message ?? "")")
        let codec = #expect(throws: RivuletError.self) {
            try input.toDF(spark).writeStream.format("parquet").option("compression", "zip")
                .option("checkpointLocation", dir.path + "/c2").start(dir.path + "/o2")
        }
        #expect(codec?.message.hasPrefix("The codec zip is not available.") == true)
    }
}
