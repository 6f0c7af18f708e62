import Foundation
import RivuletCore
import RivuletTestPeers
import Testing

@testable import RivuletParquet

@Suite struct MetadataTests {
    private func roundTrip<T: ThriftCodable & Equatable>(_ value: T) throws {
        let bytes = ThriftCompactWriter.serialize(value)
        let back = try T.decode(bytes)
        #expect(back == value)
        // Re-serialising gives the same bytes (deterministic writer).
        #expect(ThriftCompactWriter.serialize(back) == bytes)
    }

    static let fullStats = Statistics(
        max: [1, 2], min: [0], nullCount: 3, distinctCount: 9, maxValue: [0xFF, 0], minValue: [],
        isMaxValueExact: true, isMinValueExact: false)

    @Test func statisticsAndSmallStructsRoundTrip() throws {
        try roundTrip(Self.fullStats)
        try roundTrip(Statistics())
        try roundTrip(KeyValue(key: "ARROW:schema", value: "abc"))
        try roundTrip(KeyValue(key: "k", value: nil))
        try roundTrip(SortingColumn(columnIdx: 3, descending: true, nullsFirst: false))
        try roundTrip(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
        try roundTrip(PageEncodingStats(pageType: .dataPageV2, encoding: .rleDictionary, count: 12))
    }

    @Test func logicalTypesRoundTrip() throws {
        let all: [LogicalType] = [
            .string, .map, .list, .enum, .decimal(scale: 2, precision: 9), .date,
            .time(isAdjustedToUTC: true, unit: .millis), .time(isAdjustedToUTC: false, unit: .nanos),
            .timestamp(isAdjustedToUTC: true, unit: .micros), .timestamp(isAdjustedToUTC: false, unit: .nanos),
            .timestamp(isAdjustedToUTC: false, unit: .millis),
            .integer(bitWidth: 8, isSigned: true), .integer(bitWidth: 64, isSigned: false),
            .unknown, .json, .bson, .uuid, .float16, .variant, .other(fieldId: 17),
        ]
        for t in all { try roundTrip(t) }
        for u in [TimeUnit.millis, .micros, .nanos] { try roundTrip(u) }
    }

    @Test func schemaElementRoundTrip() throws {
        try roundTrip(SchemaElement(name: "schema", numChildren: 4))
        try roundTrip(
            SchemaElement(
                name: "amount", type: .fixedLenByteArray, typeLength: 16, repetitionType: .optional,
                convertedType: .decimal, scale: 10, precision: 38, fieldId: 7,
                logicalType: .decimal(scale: 10, precision: 38)))
        try roundTrip(SchemaElement(name: "ünïcode", type: .byteArray, repetitionType: .required, convertedType: .utf8, logicalType: .string))
    }

    static func columnChunk(_ path: [String], offset: Int64) -> ColumnChunk {
        ColumnChunk(
            filePath: nil, fileOffset: offset,
            metaData: ColumnMetaData(
                type: .int64, encodings: [.plain, .rle, .rleDictionary], pathInSchema: path, codec: .zstd,
                numValues: 1000, totalUncompressedSize: 8000, totalCompressedSize: 900,
                keyValueMetadata: [KeyValue(key: "a", value: "b")], dataPageOffset: offset + 40,
                indexPageOffset: nil, dictionaryPageOffset: offset, statistics: fullStats,
                encodingStats: [PageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: 2)],
                bloomFilterOffset: 123_456_789_012, bloomFilterLength: 77),
            offsetIndexOffset: 5000, offsetIndexLength: 20, columnIndexOffset: 6000, columnIndexLength: 30)
    }

    @Test func footerRoundTrip() throws {
        let meta = FileMetaData(
            version: 2,
            schema: [
                SchemaElement(name: "schema", numChildren: 2),
                SchemaElement(name: "id", type: .int64, repetitionType: .required),
                SchemaElement(name: "s", type: .byteArray, repetitionType: .optional, convertedType: .utf8, logicalType: .string),
            ],
            numRows: 1000,
            rowGroups: [
                RowGroup(
                    columns: [Self.columnChunk(["id"], offset: 4), Self.columnChunk(["s"], offset: 1000)],
                    totalByteSize: 16000, numRows: 1000, sortingColumns: [SortingColumn(columnIdx: 0, descending: false, nullsFirst: true)],
                    fileOffset: 4, totalCompressedSize: 1800, ordinal: 0)
            ],
            keyValueMetadata: [KeyValue(key: "writer", value: "rivulet")], createdBy: "rivulet test",
            columnOrders: [.typeDefinedOrder, .typeDefinedOrder])
        try roundTrip(meta)
        // Many columns (lists longer than 14 use the long list header).
        var wide = meta
        wide.rowGroups[0].columns = (0..<40).map { Self.columnChunk(["c\($0)"], offset: Int64($0) * 100) }
        try roundTrip(wide)
    }

    @Test func pageHeadersRoundTrip() throws {
        try roundTrip(
            PageHeader(
                type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 60, crc: -5,
                dataPageHeader: DataPageHeader(numValues: 10, encoding: .plain, statistics: Self.fullStats)))
        try roundTrip(
            PageHeader(
                type: .dataPageV2, uncompressedPageSize: 100, compressedPageSize: 60,
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: 10, numNulls: 2, numRows: 8, encoding: .deltaBinaryPacked,
                    definitionLevelsByteLength: 3, repetitionLevelsByteLength: 4, isCompressed: false)))
        try roundTrip(
            PageHeader(
                type: .dictionaryPage, uncompressedPageSize: 10, compressedPageSize: 10,
                dictionaryPageHeader: DictionaryPageHeader(numValues: 5, encoding: .plainDictionary, isSorted: true)))
        try roundTrip(PageHeader(type: .indexPage, uncompressedPageSize: 0, compressedPageSize: 0, hasIndexPageHeader: true))
    }

    @Test func missingRequiredFieldIsReported() {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI32Field(1, 0)  // type only: sizes missing
        w.endStruct()
        do {
            _ = try PageHeader.decode(w.bytes, source: "x.parquet")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("PageHeader.uncompressed_page_size"))
            #expect(error.message.contains("x.parquet"))
        }
    }

    /// Decodes the footer of a file pyarrow wrote and compares it with what pyarrow reports.
    @Test(.enabled(if: TestPeers.enabled(.python)))
    func decodesPyarrowFooter() throws {
        let dir = try ParquetFixtures.tempDir("footer")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/f.parquet"
        let json = try ParquetFixtures.run("footer_fixture.py", [path])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(file.suffix(4)) == Array("PAR1".utf8))
        let n = file.count
        let len = Int(file[n - 8]) | Int(file[n - 7]) << 8 | Int(file[n - 6]) << 16 | Int(file[n - 5]) << 24
        var r = ThriftCompactReader(bytes: file, range: (n - 8 - len)..<(n - 8), source: path)
        let meta = try FileMetaData.read(from: &r)
        #expect(r.remaining == 0)
        #expect(meta.numRows == expected["num_rows"] as? Int64 ?? -1)
        #expect(meta.rowGroups.count == expected["num_row_groups"] as? Int)
        #expect(meta.createdBy == expected["created_by"] as? String)
        #expect(meta.version == 2)
        // Schema: root + 6 top-level fields, the list as the 3-level LIST structure.
        #expect(meta.schema[0].numChildren == 6)
        let leafNames = meta.schema.filter { $0.numChildren == nil }.map(\.name)
        #expect(leafNames == ["id", "name", "price", "amount", "ts", "element"])
        let amount = try #require(meta.schema.first { $0.name == "amount" })
        #expect(amount.type == .fixedLenByteArray)
        #expect(amount.logicalType == .decimal(scale: 2, precision: 9))
        #expect(amount.convertedType == .decimal)
        let ts = try #require(meta.schema.first { $0.name == "ts" })
        #expect(ts.logicalType == .timestamp(isAdjustedToUTC: true, unit: .micros))
        let name = try #require(meta.schema.first { $0.name == "name" })
        #expect(name.logicalType == .string)
        #expect(name.repetitionType == .optional)
        let tags = try #require(meta.schema.first { $0.name == "tags" })
        #expect(tags.logicalType == .list)
        #expect(meta.schema.first { $0.name == "list" }?.repetitionType == .repeated)

        let groups = try #require(expected["row_groups"] as? [[String: Any]])
        for (g, eg) in groups.enumerated() {
            let rg = meta.rowGroups[g]
            #expect(rg.numRows == eg["num_rows"] as? Int64 ?? -1)
            #expect(rg.totalByteSize == eg["total_byte_size"] as? Int64 ?? -1)
            let cols = try #require(eg["columns"] as? [[String: Any]])
            #expect(rg.columns.count == cols.count)
            for (c, ec) in cols.enumerated() {
                let md = try #require(rg.columns[c].metaData)
                #expect(md.pathInSchema.joined(separator: ".") == ec["path"] as? String)
                #expect(md.codec.description == ec["codec"] as? String)
                #expect(md.numValues == ec["num_values"] as? Int64 ?? -1)
                #expect(md.dataPageOffset == ec["data_page_offset"] as? Int64 ?? -1)
                #expect(md.dictionaryPageOffset == ec["dictionary_page_offset"] as? Int64)
                #expect(md.totalCompressedSize == ec["total_compressed_size"] as? Int64 ?? -1)
                #expect(md.statistics?.nullCount == ec["null_count"] as? Int64)
                #expect(Set(md.encodings.map(\.description)) == Set(ec["encodings"] as? [String] ?? []))
            }
        }
        // Our writer re-encodes the decoded footer into something pyarrow's footer decodes to again.
        let again = try FileMetaData.decode(ThriftCompactWriter.serialize(meta))
        #expect(again == meta)
    }
}
