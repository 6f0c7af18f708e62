import Testing
@testable import RivuletConnectors
import RivuletCore

/// Expected rows come from Spark 4 via `scripts/golden/check_io.py` (case names in comments).
@Suite struct CSVSourceTests {
    func csv(_ text: String, _ options: [String: String] = [:], schema: String? = nil) throws -> (CSVSource, [[Value]]) {
        let dir = TempDir(); defer { dir.remove() }
        let f = try dir.write("a.csv", text)
        let src = try CSVSource(paths: [f], options: options, userSchema: try schema.map { try StructType.fromDDL($0) })
        return (src, try readAll(src))
    }

    @Test func defaultsQuotesAndColumnCounts() throws {
        // csv_default
        let text = "a,b,c\n1,\"x,y\",\n2,\"q\"\"uote\",\"\"\n3\n4,5,6,7\n"
        let (src, rows) = try csv(text)
        #expect(src.schema.simpleString == "struct<_c0:string,_c1:string,_c2:string>")
        #expect(rows == [
            [.string("a"), .string("b"), .string("c")],
            [.string("1"), .string("x,y"), .null],
            [.string("2"), .string("\"q\"\"uote\""), .null],
            [.string("3"), .null, .null],
            [.string("4"), .string("5"), .string("6")],
        ])
        let (h, hrows) = try csv(text, ["header": "true"])
        #expect(h.schema.names == ["a", "b", "c"])
        #expect(hrows.count == 4)
    }

    @Test func escapeNullAndEmptyValues() throws {
        // csv_escape
        #expect(try csv("a,\"b\\\"c\",d\n").1 == [[.string("a"), .string("b\"c"), .string("d")]])
        // csv_null_empty
        let t = "a,b\n,\"\"\nNA,x\n"
        #expect(try csv(t, ["header": "true"]).1 == [[.null, .null], [.string("NA"), .string("x")]])
        #expect(try csv(t, ["header": "true", "nullValue": "NA"]).1 == [[.null, .string("")], [.null, .string("x")]])
        #expect(try csv(t, ["header": "true", "emptyValue": "E"]).1 == [[.null, .string("E")], [.string("NA"), .string("x")]])
        // csv_ws, csv_comment
        #expect(try csv(" a , b \n").1 == [[.string(" a "), .string(" b ")]])
        #expect(try csv(" a , b \n", ["ignoreLeadingWhiteSpace": "true", "ignoreTrailingWhiteSpace": "true"]).1 == [[.string("a"), .string("b")]])
        #expect(try csv("#x\na\n", ["comment": "#"]).1 == [[.string("a")]])
        #expect(try csv("a;b|c\n", ["sep": ";"]).1 == [[.string("a"), .string("b|c")]])
        #expect(try csv("a||b\n", ["sep": "||"]).1 == [[.string("a"), .string("b")]])
    }

    @Test func headerNamesAreDeduplicated() throws {
        // csv_dup_header
        #expect(try csv("a,a,,b\n1,2,3,4\n", ["header": "true"]).0.schema.names == ["a0", "a1", "_c2", "b"])
    }

    @Test func infersTypesLikeSpark() throws {
        // csv_infer
        let text = "i,l,dec,d,ts,b,s,e,dt,mix\n1,3000000000,1.5,1e10,2024-01-01 00:00:00,true,x,,2024-01-01,1\n2,4,2.25,1.5,2024-01-02T00:00:00,false,y,,2024-01-02,x\n"
        let (src, rows) = try csv(text, ["header": "true", "inferSchema": "true"])
        #expect(src.schema.simpleString == "struct<i:int,l:bigint,dec:double,d:double,ts:timestamp,b:boolean,s:string,e:string,dt:date,mix:string>")
        #expect(rows[0][0] == .int(1))
        #expect(rows[0][1] == .long(3_000_000_000))
        #expect(rows[0][3] == .double(1e10))
        #expect(rows[1][4] == .timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 2)))
        #expect(rows[0][5] == .boolean(true))
        #expect(rows[0][7] == .null)
        // csv_infer_decimal_big
        #expect(try csv("12345678901234567890\n1.123456789012345678901\n", ["inferSchema": "true"]).0.schema.simpleString == "struct<_c0:double>")
        #expect(try csv("12345678901234567890\n", ["inferSchema": "true"]).0.schema.simpleString == "struct<_c0:decimal(20,0)>")
    }

    @Test func modesAndCorruptRecordColumn() throws {
        // csv_modes
        let text = "a,b\n1,2\nx,3\n4\n5,6,7\n"
        #expect(try csv(text, ["header": "true"], schema: "a INT, b INT").1 == [[.int(1), .int(2)], [.null, .int(3)], [.int(4), .null], [.int(5), .int(6)]])
        #expect(try csv(text, ["header": "true"], schema: "a INT, b INT, _corrupt_record STRING").1 == [
            [.int(1), .int(2), .null], [.null, .int(3), .string("x,3")], [.int(4), .null, .string("4")], [.int(5), .int(6), .string("5,6,7")],
        ])
        #expect(try csv(text, ["header": "true", "mode": "DROPMALFORMED"], schema: "a INT, b INT").1 == [[.int(1), .int(2)]])
        do {
            _ = try csv(text, ["header": "true", "mode": "FAILFAST"], schema: "a INT, b INT")
            Issue.record("expected FAILFAST error")
        } catch let e as RivuletError {
            #expect(e.errorClass == "MALFORMED_RECORD_IN_PARSING")
            #expect(e.message.contains("a.csv at line 3"))
            #expect(e.message.contains("x,3"))
        }
    }

    @Test func requiredColumnsAndMultiLine() throws {
        let dir = TempDir(); defer { dir.remove() }
        let f = try dir.write("m.csv", "id,txt\n1,\"line1\nline2\"\n2,plain\n")
        let src = try CSVSource(paths: [f], options: ["header": "true", "multiLine": "true", "inferSchema": "true"], userSchema: nil)
        #expect(src.schema.simpleString == "struct<id:int,txt:string>")
        #expect(try readAll(src) == [[.int(1), .string("line1\nline2")], [.int(2), .string("plain")]])
        #expect(try readAll(src, required: [1]) == [[.string("line1\nline2")], [.string("plain")]])
        #expect(try countRows(src, required: []) == 2)
    }

    @Test func datesAndCustomFormats() throws {
        let (_, rows) = try csv("01/02/2024,2024-01-02 03:04:05.123\n", ["dateFormat": "MM/dd/yyyy", "timestampFormat": "yyyy-MM-dd HH:mm:ss.SSS"], schema: "d DATE, t TIMESTAMP")
        #expect(rows == [[.date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 2))), .timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5, micros: 123_000))]])
    }
}
