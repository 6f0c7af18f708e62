import Foundation
import RivuletCore
import RivuletTestPeers
import Testing
@testable import RivuletParquet

@Suite struct WriterFileTests {
    private let schema = StructType([StructField("id", .long), StructField("name", .string)])

    @Test func inMemoryFileHasMagicAndFooter() throws {
        let w = ParquetFileWriter(schema: schema, options: ParquetWriteOptions())
        try w.write(RecordBatch(schema: schema, rows: [[.long(1), .string("a")], [.long(2), .null]]))
        let bytes = try w.finish()
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let n = bytes.count
        let footerLength = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        let meta = try FileMetaData.decode(Array(bytes[(n - 8 - footerLength)..<(n - 8)]))
        #expect(meta.numRows == 2)
        #expect(meta.schema.map(\.name) == ["spark_schema", "id", "name"])
        #expect(meta.createdBy == ParquetFileWriter.createdBy)
        #expect(meta.keyValueMetadata?.first { $0.key == "org.apache.spark.sql.parquet.row.metadata" }?.value == SparkSchemaJSON.render(schema))
        #expect(meta.columnOrders == [.typeDefinedOrder, .typeDefinedOrder])
        let chunk = try #require(meta.rowGroups.first?.columns[1].metaData)
        #expect(chunk.codec == .snappy)
        #expect(chunk.pathInSchema == ["name"])
        #expect(chunk.statistics?.nullCount == 1)
        #expect(chunk.statistics?.minValue == Array("a".utf8))
        // Strings order as unsigned bytes: the deprecated signed min/max fields stay empty.
        #expect(chunk.statistics?.min == nil)
        // Chunks are back to back after the magic, each starting with its dictionary page.
        let first = try #require(meta.rowGroups.first?.columns[0].metaData)
        #expect(first.dictionaryPageOffset == 4)
        #expect(chunk.dictionaryPageOffset == 4 + first.totalCompressedSize)
        #expect(chunk.dataPageOffset > (chunk.dictionaryPageOffset ?? 0))
    }

    @Test func tinyRowGroupLimitStillGroupsRows() throws {
        var o = ParquetWriteOptions()
        o.rowGroupSize = 1
        let w = ParquetFileWriter(schema: schema, options: o)
        let rows = (0..<5000).map { [Value.long(Int64($0)), .string("r\($0)")] }
        try w.write(RecordBatch(schema: schema, rows: rows))
        let bytes = try w.finish()
        let n = bytes.count
        let footerLength = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        let meta = try FileMetaData.decode(Array(bytes[(n - 8 - footerLength)..<(n - 8)]))
        // A row group is closed at the first size check, and checks are at least 100 rows apart.
        #expect(meta.rowGroups.first?.numRows == 1024)
        #expect(meta.rowGroups.dropFirst().allSatisfy { $0.numRows == 100 || $0 == meta.rowGroups.last })
        #expect(meta.rowGroups.reduce(0) { $0 + $1.numRows } == 5000)
    }

    @Test func errorsNameTheProblem() throws {
        do {
            _ = try ParquetFileWriter(path: "/nonexistent-dir-\(UUID().uuidString)/x.parquet", schema: schema, options: ParquetWriteOptions())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .io)
            #expect(error.message.contains("nonexistent-dir"))
        }
        let w = ParquetFileWriter(schema: schema, options: ParquetWriteOptions())
        #expect(throws: RivuletError.self) {
            try w.write(RecordBatch(schema: StructType([StructField("id", .long)]), rows: [[.long(1)]]))
        }
        #expect(throws: RivuletError.self) {
            try w.write(RecordBatch(schema: StructType([StructField("id", .string), StructField("name", .string)]), rows: [[.string("x"), .null]]))
        }
        _ = try w.finish()
        #expect(throws: RivuletError.self) { try w.write(RecordBatch(schema: schema, rows: [[.long(1), .null]])) }
        let duplicate = ParquetFileWriter(schema: StructType([StructField("a", .long), StructField("A", .string)]), options: ParquetWriteOptions())
        do {
            _ = try duplicate.finish()
            Issue.record("expected an error")
        } catch {
            #expect(error.errorClass == "COLUMN_ALREADY_EXISTS")
        }
        var bad = ParquetWriteOptions()
        bad.dataPageVersion = 3
        #expect(throws: RivuletError.self) { _ = try ParquetFileWriter(schema: schema, options: bad).finish() }
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func emptyFileIsReadable() throws {
        let dir = try ParquetFixtures.tempDir("wempty")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/empty.parquet"
        try WriterFixtures.write([RecordBatch.empty(schema)], schema: schema, options: ParquetWriteOptions(), to: path)
        let r = try #require(try WriterFixtures.readBack([path]).first)
        #expect(r["num_rows"] as? Int == 0)
        #expect(r["num_row_groups"] as? Int == 0)
        #expect(r["arrow_schema"] as? [String] == ["int64", "string"])
        #expect(r["duckdb_names"] as? [String] == ["id", "name"])
    }
}
