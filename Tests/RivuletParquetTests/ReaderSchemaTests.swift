import Foundation
import RivuletCore
import RivuletTestPeers
import Testing

@testable import RivuletParquet

/// Spark's mapping of Parquet types, and reading into a declared schema.
@Suite struct ReaderSchemaTests {
    @Test(.enabled(if: TestPeers.enabled(.python)))
    func pyarrowTypesMapLikeSpark() throws {
        let dir = try ParquetFixtures.tempDir("schema")
        defer { ParquetFixtures.remove(dir) }
        try ParquetFixtures.run("reader_fixtures.py", [dir, "12"])
        let reader = try ParquetFileReader(path: dir + "/pa_snappy_v1.parquet")
        #expect(
            reader.schema.simpleString
                == "struct<b:boolean,i8:tinyint,i16:smallint,i32:int,i64:bigint,u8:smallint,u16:int,u32:bigint,u64:decimal(20,0),"
                + "f32:float,f64:double,s:string,cat:string,bin:binary,d:date,ts_us:timestamp,ts_us_tz:timestamp,ts_ms:timestamp,"
                + "ts_ms_tz:timestamp,ts_ns:timestamp,ts_ns_tz:timestamp,dec9:decimal(9,2),dec18:decimal(18,4),dec38:decimal(38,10),"
                + "st:struct<a:int,b:string,c:struct<x:double>>,li:array<int>,ls:array<struct<a:bigint,b:string>>,m:map<string,int>,"
                + "ll:array<array<int>>>")
        #expect(reader.schema.fields.allSatisfy { $0.nullable })
        #expect(reader.schema["li"]?.dataType == .array(.integer, containsNull: true))
        #expect(reader.schema["m"]?.dataType == .map(.string, .integer, valueContainsNull: true))
        #expect(reader.numRows == 12)
        // The same schema whatever the writer options.
        for f in ["pa_int96", "pa_decimal_as_int", "pa_delta_v2", "pa_bss_v1", "pa_zstd_v2"] {
            let other = try ParquetFileReader(path: dir + "/\(f).parquet")
            #expect(other.schema.simpleString == reader.schema.simpleString, "\(f)")
        }
        let duck = try ParquetFileReader(path: dir + "/duckdb_zstd_V2.parquet")
        #expect(duck.schema["m"]?.dataType.simpleString == "map<string,int>")
        #expect(duck.schema["ll"]?.dataType.simpleString == "array<array<int>>")
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func readsIntoADeclaredSchema() throws {
        let dir = try ParquetFixtures.tempDir("required")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/skip.parquet"
        try ParquetFixtures.run("skipping_fixture.py", [path])
        let reader = try ParquetFileReader(path: path)
        let required = try StructType.fromDDL("SPARSE BIGINT, id BIGINT, nope STRING, amount DECIMAL(20,6), s STRUCT<y: INT, x: BIGINT>, price DOUBLE")
        let batches = try reader.read(requiredSchema: required, predicate: .equal("id", .long(201)))
        #expect(batches.count == 1)
        let b = try #require(batches.first)
        #expect(b.schema == required)
        #expect(b.numRows == 50)
        #expect(b.row(1).values == [.long(1), .long(201), .null, .decimal(DecimalValue(unscaled: 2_010_000, scale: 6)), .struct([.null, .long(201)]), .double(20.1)])
        #expect(b.row(0).values[0] == .null)
        try reader.checkSchema(required)
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func typeMismatchNamesColumnAndBothTypes() throws {
        let dir = try ParquetFixtures.tempDir("mismatch")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/skip.parquet"
        try ParquetFixtures.run("skipping_fixture.py", [path])
        let reader = try ParquetFileReader(path: path)
        func mismatch(_ ddl: String) throws -> RivuletError? {
            do {
                try reader.checkSchema(try StructType.fromDDL(ddl))
                return nil
            } catch { return error }
        }
        let e = try #require(try mismatch("price INT"))
        #expect(e.errorClass == "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH")
        #expect(e.message.contains("'price'") && e.message.contains("\"INT\"") && e.message.contains("DOUBLE") && e.message.contains(path))
        let s = try #require(try mismatch("name BIGINT"))
        #expect(s.message.contains("'name'") && s.message.contains("BYTE_ARRAY (STRING)"))
        let nested = try #require(try mismatch("s STRUCT<x: STRING>"))
        #expect(nested.message.contains("'s.x'") && nested.message.contains("INT64"))
        // Narrowing is a mismatch too; widening is not.
        #expect(try mismatch("id INT") != nil)
        #expect(try mismatch("amount DECIMAL(10,2)") != nil)
        #expect(try mismatch("sparse DOUBLE, id DECIMAL(25,2), tags ARRAY<BIGINT>") == nil)
        let priceAsInt = try StructType.fromDDL("price INT")
        #expect(throws: RivuletError.self) { _ = try reader.read(requiredSchema: priceAsInt) }
    }
}
