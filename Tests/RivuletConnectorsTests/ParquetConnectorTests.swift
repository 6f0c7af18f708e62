import Testing
@testable import RivuletConnectors
import RivuletCore
import RivuletSQL
import RivuletStreaming
import RivuletParquet

/// The Parquet data source's pieces: pushed-filter evaluation, the column adapter (widening and
/// mismatches), schema merging, the part writer and the streaming sink's exactly-once rules.
@Suite struct ParquetConnectorTests {
    let schema = StructType([StructField("id", .long), StructField("name", .string)])

    func batch(_ ids: [Int64], _ names: [String?]) -> RecordBatch {
        RecordBatch(unchecked: schema, columns: [ColumnVector(int64: ids), ColumnVector(strings: names)], numRows: ids.count)
    }

    @Test func sourceFiltersEvaluateWithSQLNulls() {
        let row: [String: Value] = ["year": .int(2024), "country": .null, "name": .string("Ann")]
        let value = { (c: String) in row[c] }
        #expect(SourceFilter.equalTo("year", .int(2024)).evaluate(value) == true)
        #expect(SourceFilter.greaterThan("year", .long(2024)).evaluate(value) == false)
        #expect(SourceFilter.equalTo("country", .string("DE")).evaluate(value) == nil)
        #expect(SourceFilter.isNull("country").evaluate(value) == true)
        #expect(SourceFilter.or(.equalTo("country", .string("DE")), .equalTo("year", .int(2024))).evaluate(value) == true)
        #expect(SourceFilter.and(.equalTo("country", .string("DE")), .equalTo("year", .int(2023))).evaluate(value) == false)
        #expect(SourceFilter.not(.equalTo("country", .string("DE"))).evaluate(value) == nil)
        #expect(SourceFilter.in("year", [.int(1), .int(2024)]).evaluate(value) == true)
        #expect(SourceFilter.stringStartsWith("name", "An").evaluate(value) == true)
        #expect(SourceFilter.equalNullSafe("country", .null).evaluate(value) == true)
        #expect(SourceFilter.lessThan("name", .string("B")).evaluate(value) == true)
        #expect(SourceFilter.equalTo("missing", .int(1)).evaluate(value) == nil)
        #expect(SourceFilter.and(.greaterThan("a", .int(5)), .isNull("b")).description == "And(GreaterThan(a,5),IsNull(b))")
    }

    @Test func pushedFiltersTranslateExactlyForTheReader() {
        #expect(ParquetCodec.translate(.stringStartsWith("s", "ab")) == .and(.greaterThanOrEqual("s", .string("ab")), .lessThan("s", .string("ac"))))
        #expect(ParquetCodec.translate(.stringStartsWith("s", "aé")) == nil, "no exact upper bound")
        #expect(ParquetCodec.translate(.not(.stringStartsWith("s", "aé"))) == nil, "never a weakened filter under NOT")
        #expect(ParquetCodec.translate(.equalNullSafe("a", .int(1))) == .equal("a", .int(1)))
        #expect(ParquetCodec.translate(.or(.isNull("a"), .stringStartsWith("s", "é"))) == nil)
        #expect(ParquetCodec.predicate([.greaterThan("a", .int(1)), .stringStartsWith("s", "é"), .isNotNull("b")])
                == .and(.greaterThan("a", .int(1)), .isNotNull("b")))
        #expect(ParquetCodec.predicate([]) == nil)
    }

    @Test func fileFiltersKeepOnlyColumnsStoredWithTheScansType() {
        let file = StructType([StructField("a", .integer), StructField("d", .struct(StructType([StructField("x", .double)])))])
        let scan = StructType([StructField("a", .long), StructField("d", .struct(StructType([StructField("x", .double)])))])
        let kept = ParquetFilePartition.fileFilters([.greaterThan("a", .long(1)), .lessThan("d.x", .double(2)), .isNull("missing")],
                                                    fileSchema: file, requested: scan)
        #expect(kept == [.lessThan("d.x", .double(2))], "a widened column's values would not compare with the file's statistics")
    }

    @Test func schemasMergeLikeSpark() throws {
        let a = StructType([StructField("id", .integer), StructField("s", .struct(StructType([StructField("x", .integer)])))])
        let b = StructType([StructField("ID", .integer, nullable: false), StructField("s", .struct(StructType([StructField("y", .string)]))),
                            StructField("extra", .array(.double, containsNull: true))])
        let merged = try ParquetSchemaMerge.merge(a, b)
        #expect(merged.simpleString == "struct<id:int,s:struct<x:int,y:string>,extra:array<double>>")
        let err = #expect(throws: RivuletError.self) { try ParquetSchemaMerge.merge(a, StructType([StructField("id", .long)])) }
        #expect(err?.message == "Failed to merge incompatible data types \"INT\" and \"BIGINT\".")
    }

    @Test func codecOptionsAndFileExtensions() throws {
        #expect(try ParquetDataSourceOptions([:]).fileExtension == "snappy.parquet")
        #expect(try ParquetDataSourceOptions(["compression": "ZSTD"]).fileExtension == "zstd.parquet")
        #expect(try ParquetDataSourceOptions(["parquet.compression": "gzip"]).fileExtension == "gz.parquet")
        #expect(try ParquetDataSourceOptions(["compression": "none", "spark.sql.parquet.compression.codec": "gzip"]).fileExtension == "parquet")
        #expect(try ParquetDataSourceOptions(["spark.sql.parquet.compression.codec": "lz4_raw"]).fileExtension == "lz4raw.parquet")
        #expect(throws: RivuletError.self) { try PartFileWriter(format: "parquet", options: ["compression": "zip"]) }
        #expect(throws: RivuletError.self) { try ParquetDataSourceOptions(["mergeSchema": "maybe"]) }
    }

    @Test func writerAndSourceRoundTripWithProjectionAndFilters() throws {
        let dir = TempDir()
        defer { dir.remove() }
        var writer = try PartFileWriter(format: "parquet", options: [:])
        let files = try writer.writeAll([batch([1, 2, 3], ["a", nil, "c"]), batch([4], ["d"])], into: dir.path, job: "job")
        #expect(files == [dir.path + "/part-00000-job-c000.snappy.parquet"], "all batches of one write go to one file")
        let source = try ParquetSource(paths: [dir.path], options: [:], userSchema: nil)
        #expect(source.schema.simpleString == "struct<id:bigint,name:string>")
        #expect(try readAll(source).map { $0 } == [[.long(1), .string("a")], [.long(2), .null], [.long(3), .string("c")], [.long(4), .string("d")]])
        #expect(try readAll(source, required: [1]) == [[.string("a")], [.null], [.string("c")], [.string("d")]])
        #expect(try countRows(source, required: []) == 4)
        // Filters only ever skip data that cannot match; the rows they keep are a superset.
        let filtered = source.withPushedFilters([.greaterThan("id", .long(2))])
        let kept = try readAll(filtered).compactMap { $0[0].int64Value }
        #expect(Set(kept).isSuperset(of: [3, 4]))
        #expect(filtered.explainDetail.hasSuffix("PushedFilters: [GreaterThan(id,2)]"))
        // A predicate nothing can satisfy may skip everything, never error.
        _ = try readAll(source.withPushedFilters([.lessThan("id", .long(-5))]))
    }

    @Test func pushedFiltersSkipRowGroupsOnTheirStatistics() throws {
        let dir = TempDir()
        defer { dir.remove() }
        // A tiny row-group size: every written batch becomes its own row group.
        var writer = try PartFileWriter(format: "parquet", options: ["parquet.block.size": "1"])
        let groups = (0..<4).map { g in batch((0..<100).map { Int64(g * 100 + $0) }, (0..<100).map { "n\(g * 100 + $0)" }) }
        _ = try writer.writeAll(groups, into: dir.path, job: "rg")
        let source = try ParquetSource(paths: [dir.path], options: [:], userSchema: nil)
        func batches(_ filters: [SourceFilter]) throws -> [RecordBatch] {
            var out: [RecordBatch] = []
            for p in try source.withPushedFilters(filters).partitions(requiredColumns: nil) {
                try p.read { (b: RecordBatch) throws(RivuletError) in out.append(b) }
            }
            return out
        }
        #expect(try batches([]).count == 4)
        let high = try batches([.greaterThanOrEqual("id", .long(250))])
        #expect(high.count == 2 && high.first?.columns[0].value(at: 0) == .long(200), "groups 0 and 1 are skipped")
        #expect(try batches([.equalTo("id", .long(123))]).map(\.numRows) == [100])
        // Strings compare bytewise: "n39" falls inside group 0's [n0, n99] and group 3's [n300, n399].
        #expect(try batches([.stringStartsWith("name", "n39")]).count == 2)
        #expect(try batches([.not(.lessThan("id", .long(300)))]).count == 1)
        #expect(try batches([.or(.lessThan("id", .long(5)), .greaterThan("id", .long(395)))]).count == 2)
        #expect(try batches([.isNull("id")]).isEmpty, "no nulls anywhere: every group is skipped")
    }

    @Test func sinkIsIdempotentPerBatchIdAndPublishesTheManifestLast() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let sink = try FileStreamSink(format: "parquet", path: dir.path + "/out", options: ["compression": "uncompressed"])
        try sink.addBatch(0, [batch([1, 2], ["a", "b"])], schema: schema, outputMode: .append)
        try sink.addBatch(0, [batch([1, 2], ["a", "b"])], schema: schema, outputMode: .append)   // replayed
        try sink.addBatch(1, [], schema: schema, outputMode: .append)                             // empty batch
        let committed = try #require(try FileSinkManifest.committedFiles(inDirectory: dir.path + "/out"))
        #expect(committed.count == 1 && committed[0].path.hasSuffix("-c000.parquet"))
        #expect(try POSIX.listDirectory(dir.path + "/out/_spark_metadata").filter { !$0.hasPrefix(".") }.sorted() == ["0", "1"])
        let back = try ParquetSource(paths: [dir.path + "/out"], options: [:], userSchema: nil)
        #expect(try countRows(back) == 2)
        #expect(throws: RivuletError.self) { try sink.addBatch(2, [], schema: schema, outputMode: .update) }
    }
}
