import Foundation
import Testing
import Rivulet

/// Hive-style partitioned output (`partitionBy`) and partition discovery on read, batch and
/// streaming, as Spark lays them out.
@Suite struct PartitionByTests {
    @Test func batchPartitionedWriteLayoutAndReadBack() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("out").path
        let df = try spark.createDataFrame([
            [.string("a"), .int(2024), .string("DE")], [.string("b"), .int(2024), .string("a/b=c")],
            [.string("c"), .int(2023), .null], [.string("d"), .int(2024), .string("DE")],
        ], schema: "name STRING, year INT, country STRING")
        try df.write.partitionBy("year", "country").json(out)
        let folders = try FileManager.default.subpathsOfDirectory(atPath: out).filter { !$0.hasSuffix(".json") && !$0.contains("_SUCCESS") }
        #expect(Set(folders) == ["year=2024", "year=2024/country=DE", "year=2024/country=a%2Fb%3Dc", "year=2023",
                                  "year=2023/country=__HIVE_DEFAULT_PARTITION__"])
        // The partition columns are not inside the files.
        let aFile = try #require(try FileManager.default.contentsOfDirectory(atPath: out + "/year=2024/country=DE").first { $0.hasSuffix(".json") })
        let text = try String(contentsOfFile: out + "/year=2024/country=DE/" + aFile, encoding: .utf8)
        #expect(!text.contains("year") && !text.contains("country") && text.contains("\"name\":\"a\""))

        let back = try spark.read.json(out)
        #expect(back.columns == ["name", "year", "country"])
        #expect(back.dtypes.map(\.1) == ["string", "int", "string"])
        #expect(rendered(try back.orderBy("name").collect()) == [["a", "2024", "DE"], ["b", "2024", "a/b=c"], ["c", "2023", "NULL"], ["d", "2024", "DE"]])
        // Pruning to a partition column only still works.
        #expect(rendered(try back.filter(col("year") == 2023).select("country").collect()) == [["NULL"]])
        #expect(throws: RivuletError.self) { try df.write.partitionBy("nope").json(dir.appendingPathComponent("bad").path) }
    }

    @Test func streamingFileSinkWritesPartitionsThroughTheManifest() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("sink").path
        let input = MemoryStream(schema: try StructType.fromDDL("k STRING, v INT"))
        let q = try input.toDF(spark).writeStream.format("json").partitionBy("k")
            .option("checkpointLocation", dir.appendingPathComponent("ckpt").path).start(out)
        defer { q.stop() }
        _ = input.addData([[.string("x"), .int(1)], [.string("y"), .int(2)]])
        try q.processAllAvailable()
        _ = input.addData([[.string("x"), .int(3)]])
        try q.processAllAvailable()
        let manifest = try String(contentsOfFile: out + "/_spark_metadata/0", encoding: .utf8)
        #expect(manifest.contains("/k=x/part-") && manifest.contains("/k=y/part-"))
        let back = try spark.read.json(out)
        #expect(back.columns == ["v", "k"])
        #expect(rendered(try back.orderBy("v").collect()) == [["1", "x"], ["2", "y"], ["3", "x"]])
    }
}
