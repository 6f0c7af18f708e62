import RivuletCore
import Testing
@testable import RivuletParquet

@Suite struct WriterSchemaTests {
    @Test func sparkLayoutOfNestedTypes() throws {
        let schema = StructType([
            StructField("id", .long, nullable: false),
            StructField("tags", .array(.string, containsNull: false)),
            StructField("attrs", .map(.string, .decimal(precision: 20, scale: 2))),
            StructField("s", .struct(StructType([StructField("b", .byte), StructField("d", .date)]))),
        ])
        let (elements, leaves) = try SparkParquetSchema.build(schema)
        #expect(elements.map(\.name) == ["spark_schema", "id", "tags", "list", "element", "attrs", "key_value", "key", "value", "s", "b", "d"])
        #expect(elements[0].numChildren == 4)
        #expect(elements[1].repetitionType == .required)
        #expect(elements[1].type == .int64)
        #expect(elements[2].logicalType == .list && elements[2].convertedType == .list)
        #expect(elements[3].repetitionType == .repeated)
        #expect(elements[4].repetitionType == .required)
        #expect(elements[4].logicalType == .string && elements[4].convertedType == .utf8)
        #expect(elements[5].logicalType == .map && elements[5].convertedType == .map)
        #expect(elements[7].repetitionType == .required)
        #expect(elements[8].type == .fixedLenByteArray && elements[8].typeLength == 9)
        #expect(elements[8].precision == 20 && elements[8].scale == 2)
        #expect(elements[10].logicalType == .integer(bitWidth: 8, isSigned: true) && elements[10].convertedType == .int8)
        #expect(elements[11].logicalType == .date)
        #expect(leaves.map(\.path) == [["id"], ["tags", "list", "element"], ["attrs", "key_value", "key"], ["attrs", "key_value", "value"], ["s", "b"], ["s", "d"]])
        #expect(leaves.map(\.maxDefinition) == [0, 2, 2, 3, 2, 2])
        #expect(leaves.map(\.maxRepetition) == [0, 1, 1, 1, 0, 0])
    }

    @Test func decimalWidthsFollowSpark() {
        let widths = [1: 1, 2: 1, 3: 2, 9: 4, 10: 5, 18: 8, 19: 9, 21: 9, 22: 10, 38: 16]
        for (p, w) in widths { #expect(SparkParquetSchema.decimalByteWidth(precision: p) == w, "precision \(p)") }
    }

    @Test func sparkSchemaJSONMatchesSpark() {
        let schema = StructType([
            StructField("a", .integer, nullable: false),
            StructField("m", .map(.string, .array(.decimal(precision: 10, scale: 2), containsNull: false), valueContainsNull: false)),
            StructField("q\"x", .struct(StructType([StructField("t", .timestamp, comment: "when")]))),
            StructField("v", .null),
        ])
        #expect(SparkSchemaJSON.render(schema) == #"{"type":"struct","fields":[{"name":"a","type":"integer","nullable":false,"metadata":{}},{"name":"m","type":{"type":"map","keyType":"string","valueType":{"type":"array","elementType":"decimal(10,2)","containsNull":false},"valueContainsNull":false},"nullable":true,"metadata":{}},{"name":"q\"x","type":{"type":"struct","fields":[{"name":"t","type":"timestamp","nullable":true,"metadata":{"comment":"when"}}]},"nullable":true,"metadata":{}},{"name":"v","type":"void","nullable":true,"metadata":{}}]}"#)
    }

    @Test func emptyStructIsRejected() {
        let schema = StructType([StructField("s", .struct(StructType([])))])
        #expect(throws: RivuletError.self) { _ = try SparkParquetSchema.build(schema) }
        let w = ParquetFileWriter(schema: StructType([]), options: ParquetWriteOptions())
        #expect(throws: RivuletError.self) { _ = try w.finish() }
    }

    @Test func compressionNamesFollowSpark() throws {
        #expect(try ParquetCompression(sparkName: "none") == .uncompressed)
        #expect(try ParquetCompression(sparkName: "SNAPPY") == .snappy)
        #expect(try ParquetCompression(sparkName: "lz4") == .lz4Raw)
        #expect(try ParquetCompression(sparkName: "lz4_raw") == .lz4Raw)
        #expect(try ParquetCompression(sparkName: "zstd") == .zstd)
        do {
            _ = try ParquetCompression(sparkName: "xz")
            Issue.record("expected an error")
        } catch {
            #expect(error.errorClass == "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION")
            #expect(error.message == "The codec xz is not available. Available codecs are none, uncompressed, snappy, gzip, lz4, lz4_raw, zstd.")
        }
        let o = try ParquetWriteOptions(sparkOptions: [
            "Compression": "gzip", "parquet.block.size": "1048576", "parquet.enable.dictionary": "false",
            "parquet.writer.version": "PARQUET_2_0",
        ])
        #expect(o.compression == .gzip && o.rowGroupSize == 1 << 20 && !o.dictionaryEnabled && o.dataPageVersion == 2)
        #expect(throws: RivuletError.self) { _ = try ParquetWriteOptions(sparkOptions: ["parquet.page.size": "big"]) }
    }
}

@Suite struct ShreddingTests {
    @Test func listLevelsFollowDremel() throws {
        let field = StructField("a", .array(.integer))
        let v = ColumnVector(values: [.array([.int(1), .int(2)]), .array([]), .null, .array([.null])], type: field.dataType)
        var leaves: [ShreddedLeaf] = []
        try ColumnShredder.shred(v, field: field, into: &leaves)
        let leaf = try #require(leaves.first)
        guard case .array(let def) = leaf.definition else {
            Issue.record("expected definition levels")
            return
        }
        #expect(def == [3, 3, 1, 0, 2])
        #expect(leaf.repetition == [0, 1, 0, 0, 0])
        #expect(leaf.rowStarts == [0, 2, 3, 4, 5])
        #expect(leaf.positions == [0, 1])
    }

    @Test func mapAndStructLeaves() throws {
        let field = StructField("m", .map(.string, .struct(StructType([StructField("x", .long)]))))
        let v = ColumnVector(values: [
            .map([MapEntry(.string("k"), .struct([.long(1)])), MapEntry(.string("j"), .null)]),
            .null,
            .map([MapEntry(.string("i"), .struct([.null]))]),
        ], type: field.dataType)
        var leaves: [ShreddedLeaf] = []
        try ColumnShredder.shred(v, field: field, into: &leaves)
        #expect(leaves.count == 2)
        guard case .array(let keyDef) = leaves[0].definition, case .array(let xDef) = leaves[1].definition else {
            Issue.record("expected definition levels")
            return
        }
        #expect(keyDef == [2, 2, 0, 2])
        #expect(leaves[0].repetition == [0, 1, 0, 0])
        #expect(xDef == [4, 2, 0, 3])
        #expect(leaves[1].positions == [0])
    }

    @Test func nullInANonNullableColumnIsAnError() {
        let field = StructField("n", .long, nullable: false)
        var leaves: [ShreddedLeaf] = []
        #expect(throws: RivuletError.self) {
            try ColumnShredder.shred(ColumnVector(values: [.long(1), .null], type: .long), field: field, into: &leaves)
        }
        let nested = StructField("s", .struct(StructType([StructField("x", .long, nullable: false)])))
        #expect(throws: RivuletError.self) {
            try ColumnShredder.shred(ColumnVector(values: [.struct([.null])], type: nested.dataType), field: nested, into: &leaves)
        }
    }
}
