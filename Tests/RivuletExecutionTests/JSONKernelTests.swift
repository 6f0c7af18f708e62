import Testing
@testable import RivuletExecution
import RivuletSQL
import RivuletCore

/// `from_json` / `to_json` / `get_json_object` through the registries; expectations from Spark 4
/// via `scripts/golden/check_io.py` (cases from_json, from_json_array_map, to_json, schema_of_json).
@Suite struct JSONKernelTests {
    func run(_ name: String, _ args: [Expression], _ columns: [ColumnVector], rows: Int) throws -> (ScalarFunctionCall, [Value]) {
        guard let d = FunctionRegistry.builtin.lookup(name) else { throw RivuletError.internal("no descriptor \(name)") }
        guard case .scalarFunction(let call) = try d.resolve(args, false) else { throw RivuletError.internal("not scalar") }
        guard let k = ScalarKernelRegistry.kernel(for: call.name) else { throw RivuletError.internal("no kernel \(name)") }
        return (call, try k(call, columns, rows).values)
    }

    static let input: [String?] = [#"{"a":1,"b":"x","c":[1,2]}"#, #"{"a":"x"}"#, "bad", nil, #"{"a":1,"extra":2}"#, #"{"b":5}"#,
                                   #"[{"a":1}]"#, #"{"a":1} trailing"#, #"{"a":2147483648}"#, #"{"a":1.0}"#]

    @Test func fromJSONStructMatchesSpark() throws {
        let col = ColumnVector(strings: Self.input)
        let attr = Expression.attribute(AttributeReference(name: "j", dataType: .string))
        let (call, out) = try run("from_json", [attr, .literal(.string("a INT, b STRING, c ARRAY<INT>"), .string)], [col, col], rows: col.count)
        #expect(call.dataType.simpleString == "struct<a:int,b:string,c:array<int>>")
        let nulls: Value = .struct([.null, .null, .null])
        #expect(out == [
            .struct([.int(1), .string("x"), .array([.int(1), .int(2)])]), nulls, nulls, .null, .struct([.int(1), .null, .null]),
            .struct([.null, .string("5"), .null]), nulls, .struct([.int(1), .null, .null]), nulls, nulls,
        ])
    }

    @Test func fromJSONArrayMapAndBadSchema() throws {
        let col = ColumnVector(strings: [#"[1,2,"x"]"#, "[3]"])
        let attr = Expression.attribute(AttributeReference(name: "j", dataType: .string))
        #expect(try run("from_json", [attr, .literal(.string("array<int>"), .string)], [col, col], rows: 2).1 == [.null, .array([.int(3)])])
        let m = ColumnVector(strings: [#"{"k":1,"j":2}"#])
        #expect(try run("from_json", [attr, .literal(.string("map<string,int>"), .string)], [m, m], rows: 1).1
                == [.map([MapEntry(.string("k"), .int(1)), MapEntry(.string("j"), .int(2))])])
        #expect(throws: RivuletError.self) { try run("from_json", [attr, .literal(.string("a INT,"), .string)], [m, m], rows: 1) }
        #expect(throws: RivuletError.self) { try run("from_json", [attr, attr], [m, m], rows: 1) }
        let failFast = Expression.literal(.map([MapEntry(.string("mode"), .string("FAILFAST"))]), .map(.string, .string))
        let bad = ColumnVector(strings: ["bad"])
        #expect(throws: RivuletError.self) { try run("from_json", [attr, .literal(.string("a INT"), .string), failFast], [bad, bad, bad], rows: 1) }
    }

    @Test func toJSONRendersStructsArraysAndMaps() throws {
        let st = StructType([StructField("a", .integer), StructField("b", .string)])
        let col = ColumnVector(values: [.struct([.int(1), .null]), .null, .struct([.int(2), .string("q\"")])], type: .struct(st))
        let attr = Expression.attribute(AttributeReference(name: "s", dataType: .struct(st)))
        #expect(try run("to_json", [attr], [col], rows: 3).1 == [.string(#"{"a":1}"#), .null, .string(#"{"a":2,"b":"q\""}"#)])
        let keep = Expression.literal(.map([MapEntry(.string("ignoreNullFields"), .string("false"))]), .map(.string, .string))
        #expect(try run("to_json", [attr, keep], [col, col], rows: 1).1.first == .string(#"{"a":1,"b":null}"#))
        let arrType = DataType.array(.struct(st))
        let arr = ColumnVector(values: [.array([.struct([.int(1), .null]), .struct([.int(2), .null])])], type: arrType)
        #expect(try run("to_json", [.attribute(AttributeReference(name: "x", dataType: arrType))], [arr], rows: 1).1 == [.string(#"[{"a":1},{"a":2}]"#)])
        #expect(throws: RivuletError.self) { try run("to_json", [.literal(.int(1), .integer)], [ColumnVector(int32: [1])], rows: 1) }
    }

    @Test func getJSONObjectWithConstantAndColumnPaths() throws {
        let docs = ColumnVector(strings: [#"{"a":{"b":[10,20]}}"#, "bad", nil, #"{"a":{"b":"s"}}"#])
        let attr = Expression.attribute(AttributeReference(name: "j", dataType: .string))
        let path = Expression.literal(.string("$.a.b[1]"), .string)
        #expect(try run("get_json_object", [attr, path], [docs, ColumnVector.repeating(.string("$.a.b[1]"), type: .string, count: 4)], rows: 4).1
                == [.string("20"), .null, .null, .null])
        let paths = ColumnVector(strings: ["$.a", "$.a", "$.a", "$.a.b"])
        let pathAttr = Expression.attribute(AttributeReference(name: "p", dataType: .string))
        #expect(try run("get_json_object", [attr, pathAttr], [docs, paths], rows: 4).1 == [.string(#"{"b":[10,20]}"#), .null, .null, .string("s")])
    }

    @Test func schemaOfJSON() throws {
        let lit = Expression.literal(.string(#"{"b":1,"a":[1.5],"c":{"z":"x"}}"#), .string)
        let (_, out) = try run("schema_of_json", [lit], [ColumnVector.repeating(.string(#"{"b":1,"a":[1.5],"c":{"z":"x"}}"#), type: .string, count: 1)], rows: 1)
        #expect(out == [.string("STRUCT<a: ARRAY<DOUBLE>, b: BIGINT, c: STRUCT<z: STRING>>")])
    }
}
