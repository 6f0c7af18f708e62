import Foundation
import RivuletCompression
import RivuletCore
import Testing

@testable import RivuletParquet

/// Hand-built files: legacy list and map layouts, unannotated repeated fields, and the errors an
/// unsupported feature or a broken file must produce.
@Suite struct ReaderLayoutTests {
    typealias H = HandBuiltParquet

    private func read(_ file: H, name: String = "hand.parquet") throws(RivuletError) -> (StructType, [[Value]]) {
        let reader = try ParquetFileReader(bytes: file.bytes(), name: name)
        let batches = try reader.read(columns: nil, predicate: nil)
        return (reader.schema, batches.flatMap { $0.rows.map(\.values) })
    }

    @Test func twoLevelListOfPrimitives() throws {
        // optional group a (LIST) { repeated int32 array; }  — rows [1,2], [], null, [3]
        let file = H(
            schema: [
                SchemaElement(name: "schema", numChildren: 1),
                SchemaElement(name: "a", repetitionType: .optional, numChildren: 1, convertedType: .list),
                SchemaElement(name: "array", type: .int32, repetitionType: .repeated),
            ],
            leaves: [H.Leaf(path: ["a", "array"], type: .int32, maxDef: 2, maxRep: 1, def: [2, 2, 1, 0, 2], rep: [0, 1, 0, 0, 0], values: H.int32s([1, 2, 3]))],
            rows: 4)
        let (schema, rows) = try read(file)
        #expect(schema.simpleString == "struct<a:array<int>>")
        #expect(schema[0].dataType == .array(.integer, containsNull: false))
        #expect(rows == [[.array([.int(1), .int(2)])], [.array([])], [.null], [.array([.int(3)])]])
    }

    @Test func unannotatedRepeatedFieldsAreRequiredLists() throws {
        // repeated int32 nums; repeated group pts { required int32 x; optional binary tag (UTF8); }
        let file = H(
            schema: [
                SchemaElement(name: "schema", numChildren: 2),
                SchemaElement(name: "nums", type: .int32, repetitionType: .repeated),
                SchemaElement(name: "pts", repetitionType: .repeated, numChildren: 2),
                SchemaElement(name: "x", type: .int32, repetitionType: .required),
                SchemaElement(name: "tag", type: .byteArray, repetitionType: .optional, convertedType: .utf8),
            ],
            leaves: [
                H.Leaf(path: ["nums"], type: .int32, maxDef: 1, maxRep: 1, def: [1, 1, 0, 1], rep: [0, 1, 0, 0], values: H.int32s([5, 6, 7])),
                H.Leaf(path: ["pts", "x"], type: .int32, maxDef: 1, maxRep: 1, def: [1, 0, 1, 1], rep: [0, 0, 0, 1], values: H.int32s([1, 2, 3])),
                H.Leaf(path: ["pts", "tag"], type: .byteArray, maxDef: 2, maxRep: 1, def: [2, 0, 1, 2], rep: [0, 0, 0, 1], values: H.byteArrays(["p", "q"])),
            ],
            rows: 3)
        let (schema, rows) = try read(file)
        #expect(schema.simpleString == "struct<nums:array<int>,pts:array<struct<x:int,tag:string>>>")
        #expect(schema[0].nullable == false)
        #expect(rows == [
            [.array([.int(5), .int(6)]), .array([.struct([.int(1), .string("p")])])],
            [.array([]), .array([])],
            [.array([.int(7)]), .array([.struct([.int(2), .null]), .struct([.int(3), .string("q")])])],
        ])
    }

    @Test func legacyListOfStructsNamedArrayAndLegacyMap() throws {
        // optional group l (LIST) { repeated group array { optional int32 v; } }   → array<struct<v:int>>
        // optional group m (MAP_KEY_VALUE) { repeated group map { required binary key (UTF8); optional int32 value; } }
        let file = H(
            schema: [
                SchemaElement(name: "schema", numChildren: 2),
                SchemaElement(name: "l", repetitionType: .optional, numChildren: 1, convertedType: .list),
                SchemaElement(name: "array", repetitionType: .repeated, numChildren: 1),
                SchemaElement(name: "v", type: .int32, repetitionType: .optional),
                SchemaElement(name: "m", repetitionType: .optional, numChildren: 1, convertedType: .mapKeyValue),
                SchemaElement(name: "map", repetitionType: .repeated, numChildren: 2),
                SchemaElement(name: "key", type: .byteArray, repetitionType: .required, convertedType: .utf8),
                SchemaElement(name: "value", type: .int32, repetitionType: .optional),
            ],
            leaves: [
                H.Leaf(path: ["l", "array", "v"], type: .int32, maxDef: 3, maxRep: 1, def: [3, 2, 0], rep: [0, 1, 0], values: H.int32s([9])),
                H.Leaf(path: ["m", "map", "key"], type: .byteArray, maxDef: 2, maxRep: 1, def: [2, 2, 1], rep: [0, 1, 0], values: H.byteArrays(["a", "b"])),
                H.Leaf(path: ["m", "map", "value"], type: .int32, maxDef: 3, maxRep: 1, def: [3, 2, 1], rep: [0, 1, 0], values: H.int32s([1])),
            ],
            rows: 2)
        let (schema, rows) = try read(file)
        #expect(schema.simpleString == "struct<l:array<struct<v:int>>,m:map<string,int>>")
        #expect(rows == [
            [.array([.struct([.int(9)]), .struct([.null])]), .map([MapEntry(.string("a"), .int(1)), MapEntry(.string("b"), .null)])],
            [.null, .map([])],
        ])
    }

    private func flatInt(_ values: [Int32], encoding: ParquetEncoding = .plain, codec: ParquetCompressionCodec = .uncompressed, body: [UInt8]? = nil) -> H {
        H(
            schema: [SchemaElement(name: "schema", numChildren: 1), SchemaElement(name: "n", type: .int32, repetitionType: .required)],
            leaves: [
                H.Leaf(
                    path: ["n"], type: .int32, maxDef: 0, maxRep: 0, values: H.int32s(values), encoding: encoding, codec: codec,
                    compressedBody: body, count: values.count)
            ],
            rows: Int64(values.count))
    }

    @Test func unsupportedEncodingAndCodecAreNamed() throws {
        let file = flatInt([1, 2, 3], encoding: ParquetEncoding(rawValue: 42))
        do {
            _ = try read(file, name: "enc.parquet")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedOperation)
            #expect(error.message.contains("Encoding(42)") && error.message.contains("'n'") && error.message.contains("enc.parquet"))
        }
        let brotli = flatInt([1, 2, 3], codec: .brotli)
        do {
            _ = try read(brotli, name: "brotli.parquet")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedOperation)
            #expect(error.message.contains("BROTLI") && error.message.contains("brotli.parquet"))
        }
    }

    @Test func hadoopFramedLZ4IsRead() throws {
        let raw = H.int32s([10, 20, 30, 40])
        let block = try CompressionCodec.lz4Raw.compress(raw)
        let framed = H.le32be(raw.count) + H.le32be(block.count) + block
        let file = flatInt([10, 20, 30, 40], codec: .lz4, body: framed)
        let (_, rows) = try read(file)
        #expect(rows == [[.int(10)], [.int(20)], [.int(30)], [.int(40)]])
        // The same codec id holding a bare block (older parquet-cpp) is read too.
        let bare = flatInt([10, 20, 30, 40], codec: .lz4, body: block)
        #expect(try read(bare).1 == rows)
    }

    @Test func illegalTypeNamesColumnAndType() throws {
        let file = H(
            schema: [
                SchemaElement(name: "schema", numChildren: 1),
                SchemaElement(name: "t", type: .int64, repetitionType: .required, logicalType: .time(isAdjustedToUTC: true, unit: .micros)),
            ],
            leaves: [], rows: 0)
        do {
            _ = try ParquetFileReader(bytes: file.bytesWithoutChunks(), name: "time.parquet")
            Issue.record("expected an error")
        } catch {
            #expect(error.errorClass == "PARQUET_TYPE_ILLEGAL")
            #expect(error.message.contains("INT64 (TIME(MICROS,true))") && error.message.contains("'t'") && error.message.contains("time.parquet"))
        }
    }

    @Test func brokenFilesNameTheFile() throws {
        let valid = flatInt([1, 2])
        let good = valid.bytes()
        #expect(try ParquetFileReader(bytes: good, name: "ok").numRows == 2)
        func failure(_ bytes: [UInt8], _ name: String) -> RivuletError? {
            do {
                _ = try ParquetFileReader(bytes: bytes, name: name).read(columns: nil, predicate: nil)
                return nil
            } catch { return error }
        }
        var wrongMagic = good
        wrongMagic[good.count - 1] = UInt8(ascii: "X")
        #expect(failure(wrongMagic, "a.parquet")?.message.contains("'a.parquet' is not a Parquet file") == true)
        var wrongHead = good
        wrongHead[0] = 0
        #expect(failure(wrongHead, "b.parquet")?.message.contains("at the start") == true)
        #expect(failure(Array(good.prefix(7)), "c.parquet")?.message.contains("too small") == true)
        var badLength = good
        badLength[good.count - 6] = 0x7F
        #expect(failure(badLength, "d.parquet")?.message.contains("footer length") == true)
        var encrypted = good
        encrypted.replaceSubrange((good.count - 4)..., with: Array("PARE".utf8))
        #expect(failure(encrypted, "e.parquet")?.code == .unsupportedOperation)
        #expect(failure(Array(good.prefix(good.count - 20)) + Array(good.suffix(8)), "f.parquet")?.message.contains("f.parquet") == true)
        do {
            _ = try ParquetFileReader(path: "/nonexistent/dir/x.parquet")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .io && error.message.contains("/nonexistent/dir/x.parquet"))
        }
    }

    @Test func fileOnDiskAndBytesReadTheSame() throws {
        let file = flatInt([7, 8, 9])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rivulet-pq-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(file.bytes()).write(to: URL(fileURLWithPath: path))
        let fromDisk = try ParquetFileReader(path: path).read(columns: nil, predicate: nil)
        let fromBytes = try ParquetFileReader(bytes: file.bytes(), name: "mem").read(columns: nil, predicate: nil)
        #expect(fromDisk.flatMap { $0.rows.map(\.values) } == fromBytes.flatMap { $0.rows.map(\.values) })
        #expect(fromDisk.first?.columns[0].int32Values == [7, 8, 9])
    }
}

extension HandBuiltParquet {
    static func le32be(_ v: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// A file with a schema and an empty row group list (for schema-only errors).
    func bytesWithoutChunks() -> [UInt8] {
        let meta = FileMetaData(version: 1, schema: schema, numRows: 0, rowGroups: [])
        let footer = ThriftCompactWriter.serialize(meta)
        return Array("PAR1".utf8) + footer + Self.le32(footer.count) + Array("PAR1".utf8)
    }
}
