import Testing
@testable import RivuletCore

@Suite struct DataTypeTests {
    @Test func ddlSchemaWithNestedTypes() throws {
        let s = try StructType.fromDDL("ts TIMESTAMP, key STRING, v DOUBLE, tags ARRAY<STRING>, m MAP<STRING, BIGINT> NOT NULL, d DECIMAL(10,2), s STRUCT<a: INT, b: ARRAY<INT>>")
        #expect(s.names == ["ts", "key", "v", "tags", "m", "d", "s"])
        #expect(s[0].dataType == .timestamp)
        #expect(s[3].dataType == .array(.string))
        #expect(s[4].dataType == .map(.string, .long))
        #expect(s[4].nullable == false)
        #expect(s[5].dataType == .decimal(precision: 10, scale: 2))
        #expect(s[6].dataType.simpleString == "struct<a:int,b:array<int>>")
    }

    @Test func ddlAcceptsStructTypeStringAndBackquotes() throws {
        let s = try StructType.fromDDL("struct<`a b`:int,c:string>")
        #expect(s.names == ["a b", "c"])
        #expect(s.ddl == "`a b` INT, c STRING")
    }

    @Test func ddlErrorsNameTheProblem() {
        #expect(throws: RivuletError.self) { try StructType.fromDDL("a INTT") }
        do {
            _ = try StructType.fromDDL("a ARRAY<INT")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .sql)
            #expect(error.message.contains("ARRAY<INT"))
        }
        #expect(throws: RivuletError.self) { try DataType.fromDDL("decimal(40,2)") }
    }

    @Test func printSchemaMatchesSparkLayout() throws {
        let s = try StructType.fromDDL("word STRING NOT NULL, n BIGINT, tags ARRAY<STRING>, m MAP<STRING,INT>, u STRUCT<id: INT>")
        let expected = """
            root
             |-- word: string (nullable = false)
             |-- n: long (nullable = true)
             |-- tags: array (nullable = true)
             |    |-- element: string (containsNull = true)
             |-- m: map (nullable = true)
             |    |-- key: string
             |    |-- value: integer (valueContainsNull = true)
             |-- u: struct (nullable = true)
             |    |-- id: integer (nullable = true)

            """
        #expect(s.treeString == expected)
    }

    @Test func simpleStringsFollowSpark() {
        #expect(DataType.long.simpleString == "bigint")
        #expect(DataType.integer.typeName == "integer")
        #expect(DataType.byte.simpleString == "tinyint")
        #expect(DataType.map(.string, .array(.integer)).simpleString == "map<string,array<int>>")
    }
}
