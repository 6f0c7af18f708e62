import Testing
@testable import RivuletConnectors
import RivuletCore

/// Expected rows come from Spark 4 via `scripts/golden/check_io.py` (case names in comments).
@Suite struct JSONSourceTests {
    let corruptText = "{\"a\":1}\n{\"a\":\n{\"a\":\"x\"}\n\n[1,2]\n{\"a\":2}\n"

    func json(_ text: String, _ options: [String: String] = [:], schema: String? = nil) throws -> (JSONSource, [[Value]]) {
        let dir = TempDir(); defer { dir.remove() }
        let f = try dir.write("c.json", text)
        let src = try JSONSource(paths: [f], options: options, userSchema: try schema.map { try StructType.fromDDL($0) })
        return (src, try readAll(src))
    }

    @Test func permissiveInferenceAddsCorruptColumn() throws {
        // json_corrupt_permissive
        let (src, rows) = try json(corruptText)
        #expect(src.schema.simpleString == "struct<_corrupt_record:string,a:string>")
        #expect(rows == [[.null, .string("1")], [.string("{\"a\":"), .null], [.null, .string("x")], [.string("[1,2]"), .null], [.null, .string("2")]])
    }

    @Test func userSchemaModes() throws {
        // json_corrupt_userschema, json_corrupt_userschema_nocol, json_dropmalformed, json_failfast
        #expect(try json(corruptText, schema: "a INT, _corrupt_record STRING").1 == [
            [.int(1), .null], [.null, .string("{\"a\":")], [.null, .string("{\"a\":\"x\"}")], [.null, .string("[1,2]")], [.int(2), .null],
        ])
        #expect(try json(corruptText, schema: "a INT").1 == [[.int(1)], [.null], [.null], [.null], [.int(2)]])
        #expect(try json(corruptText, ["mode": "DROPMALFORMED"], schema: "a INT").1 == [[.int(1)], [.int(2)]])
        do {
            _ = try json(corruptText, ["mode": "FAILFAST"], schema: "a INT")
            Issue.record("expected FAILFAST error")
        } catch let e as RivuletError {
            #expect(e.errorClass == "MALFORMED_RECORD_IN_PARSING")
            #expect(e.message.contains("c.json at line 2"))
        }
        #expect(throws: RivuletError.self) { try json(corruptText, ["mode": "FAILFAST"]) }   // inference fails fast too
    }

    @Test func topLevelArraysNestedInferenceAndOptions() throws {
        // json_top_array, json_single_quotes, json_prim_as_string
        let (s1, r1) = try json("[{\"a\":1},{\"a\":2}]\n{\"a\":3}\n")
        #expect(s1.schema.simpleString == "struct<a:bigint>")
        #expect(r1 == [[.long(1)], [.long(2)], [.long(3)]])
        let (s2, r2) = try json("{'a':'x'}\n{\"a\":NaN}\n{a:1}\n")
        #expect(s2.schema.simpleString == "struct<_corrupt_record:string,a:string>")
        #expect(r2 == [[.null, .string("x")], [.null, .string("NaN")], [.string("{a:1}"), .null]])
        let (s3, _) = try json("{\"i\":\"5\",\"l\":5,\"f\":1.5,\"b\":true}\n", ["primitivesAsString": "true"])
        #expect(s3.schema.simpleString == "struct<b:string,f:string,i:string,l:string>")
    }

    @Test func multiLineAndColumnPruning() throws {
        let (src, rows) = try json("[\n {\"b\": {\"c\": [1, 2]}, \"a\": \"x\"},\n {\"a\": \"y\"}\n]\n", ["multiLine": "true"])
        #expect(src.schema.simpleString == "struct<a:string,b:struct<c:array<bigint>>>")
        #expect(rows == [[.string("x"), .struct([.array([.long(1), .long(2)])])], [.string("y"), .null]])
        let dir = TempDir(); defer { dir.remove() }
        let f = try dir.write("p.json", "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n")
        let p = try JSONSource(paths: [f], options: [:], userSchema: nil)
        #expect(try readAll(p, required: [1]) == [[.string("x")], [.string("y")]])
        #expect(try countRows(p, required: []) == 2)
    }
}
