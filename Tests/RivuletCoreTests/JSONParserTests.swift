import Testing
@testable import RivuletCore

/// Parser, writer, path and inference tests. Expected Spark outputs come from
/// `scripts/golden/check_io.py` (cases named in comments).
@Suite struct JSONParserTests {
    @Test func parsesNestedDocumentKeepingNumberText() throws {
        let v = try JSONValue.parse(#" { "a" : [1, -2.50e3, 12345678901234567890123], "b": {"c": null, "d": true}, "e": "x" } "#)
        #expect(v["a"]?[0] == .number("1", isInteger: true))
        #expect(v["a"]?[1] == .number("-2.50e3", isInteger: false))
        #expect(v["a"]?[2] == .number("12345678901234567890123", isInteger: true))
        #expect(v["b"]?["c"] == .null)
        #expect(v["b"]?["d"] == .bool(true))
        #expect(v["e"] == .string("x"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONValue.parse(#""q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
        #expect(v == .string("q\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1F600}"))
        #expect(throws: RivuletError.self) { try JSONValue.parse(#""\ud83d""#) }      // lone high surrogate
        #expect(throws: RivuletError.self) { try JSONValue.parse(#""\ude00x""#) }     // lone low surrogate
        #expect(throws: RivuletError.self) { try JSONValue.parse(#""\x""#) }
        #expect(throws: RivuletError.self) { try JSONValue.parse("\"a\u{1}b\"") }     // raw control char
    }

    @Test func errorsNameTheByteOffset() {
        do {
            _ = try JSONValue.parse(#"{"a" 1}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("byte offset 5"))
            #expect(error.message.contains("expected ':'"))
        }
    }

    @Test func rejectsInvalidInputs() {
        for bad in ["", "{", "[1,]", #"{"a":1,}"#, "01", "1.", ".5", "-", "1e", "tru", "nul", "truex", "[1 2]", #"{"a":1 "b":2}"#, "+1", "-NaN", "{'a':1", "1 2", #"{"a"}"#] {
            #expect(throws: RivuletError.self, "\(bad)") { try JSONValue.parse(bad) }
        }
    }

    @Test func optionsSwitchLenientSyntax() throws {
        #expect(try JSONValue.parse("{'a':'x'}") == .object([("a", .string("x"))]))   // allowSingleQuotes default true
        var strict = JSONOptions()
        strict.allowSingleQuotes = false
        #expect(throws: RivuletError.self) { try JSONValue.parse("{'a':1}", options: strict) }
        #expect(try JSONValue.parse("NaN") == .number("NaN", isInteger: false))
        #expect(try JSONValue.parse("-Infinity") == .number("-Infinity", isInteger: false))
        var lenient = JSONOptions()
        lenient.allowComments = true
        lenient.allowUnquotedFieldNames = true
        #expect(try JSONValue.parse("/* c */ {a: 1 // x\n}", options: lenient) == .object([("a", .number("1", isInteger: true))]))
        #expect(throws: RivuletError.self) { try JSONValue.parse("{a:1}") }
    }

    @Test func depthLimitIsEnforced() {
        var o = JSONOptions()
        o.maxDepth = 10
        #expect(throws: RivuletError.self) { try JSONValue.parse(String(repeating: "[", count: 11) + String(repeating: "]", count: 11), options: o) }
        #expect((try? JSONValue.parse(String(repeating: "[", count: 10) + String(repeating: "]", count: 10), options: o)) != nil)
        // Deep input past the default limit is an error, not a stack overflow.
        #expect(throws: RivuletError.self) { try JSONValue.parse(String(repeating: "[", count: 5000)) }
    }

    @Test func randomizedMutationsNeverCrash() {
        let seeds = [#"{"a":[1,2.5e-3,"x\u00e9\n"],"b":{"c":null,"d":[true,false]},"e":-0}"#, #"[{"k":"v"},{"k":[[]]}]"#, #""\ud83d\ude00""#]
        var rng = SplitMix(seed: 42)
        let alphabet = Array(#"{}[]":,\ u0123456789abcdefeE+-.tnrl'/*"#.utf8) + [0x00, 0xFF, 0xC3, 0x0A]
        var parsed = 0
        for _ in 0..<3000 {
            var bytes = Array(seeds[Int(rng.next() % UInt64(seeds.count))].utf8)
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let i = Int(rng.next() % UInt64(bytes.count + 1))
                switch rng.next() % 3 {
                case 0: if i < bytes.count { bytes.remove(at: i) }
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                default: if i < bytes.count { bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                }
            }
            let ok: Bool = bytes.withUnsafeBufferPointer { b in
                var p = JSONParser(b)
                guard let v = try? p.parseValue(), (try? p.expectEnd()) != nil else { return false }
                // What parses must render and re-parse to the same tree.
                return (try? JSONValue.parse(v.compactText)) != nil
            }
            if ok { parsed += 1 }
            // The schema decoder must also survive anything.
            let d = JSONSchemaDecoder(type: .struct(StructType([StructField("a", .array(.double)), StructField("b", .string)])))
            _ = bytes.withUnsafeBufferPointer { d.decodeRecord($0) }
        }
        #expect(parsed > 0)
    }

    @Test func writerMatchesSparkToJSON() {
        // check_io.py case to_json
        let schema = StructType([
            StructField("a", .integer), StructField("b", .string), StructField("n", .integer),
            StructField("ts", .timestamp), StructField("ts2", .timestamp), StructField("d", .date),
            StructField("arr", .array(.integer)), StructField("m", .map(.string, .integer)), StructField("dbl", .double),
            StructField("dbl2", .double), StructField("f", .float), StructField("dec", .decimal(precision: 5, scale: 2)),
            StructField("dec2", .decimal(precision: 20, scale: 10)), StructField("bin", .binary), StructField("nan", .double),
            StructField("s", .string), StructField("an", .array(.integer)), StructField("mn", .map(.string, .integer)),
            StructField("neg", .double), StructField("small", .double),
        ])
        let row: Value = .struct([
            .int(1), .string("x"), .null, .timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 1)),
            .timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 1, micros: 123_456)), .date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 1))),
            .array([.int(1), .int(2)]), .map([MapEntry(.string("k"), .int(1))]), .double(1e10), .double(0.1), .float(1.5),
            .decimal(DecimalValue(unscaled: 150, scale: 2)), .decimal(DecimalValue(unscaled: 100, scale: 10)), .binary([1, 2]),
            .double(.nan), .string("q\"\\/\n\t\u{1}é"), .array([.null, .int(1)]), .map([MapEntry(.string("k"), .null)]),
            .double(-0.0), .double(1e-5),
        ])
        let expected = #"{"a":1,"b":"x","ts":"2024-01-01T00:00:00.000Z","ts2":"2024-01-01T00:00:00.123Z","d":"2024-01-01","arr":[1,2],"m":{"k":1},"dbl":1.0E10,"dbl2":0.1,"f":1.5,"dec":1.50,"dec2":1.00E-8,"bin":"AQI=","nan":"NaN","s":"q\"\\/\n\t\u0001é","an":[null,1],"mn":{"k":null},"neg":-0.0,"small":1.0E-5}"#
        #expect(JSONWriter().render(row, type: .struct(schema)) == expected)
        #expect(JSONWriter(ignoreNullFields: false).render(.struct([.null, .int(1)]), type: .struct(StructType([StructField("a", .integer), StructField("b", .integer)]))) == #"{"a":null,"b":1}"#)
    }

    @Test func pathsFollowSparkGetJSONObject() {
        // check_io.py case get_json_object
        let doc = #"{"a":1,"b":[1,2,3],"c":{"d":"x"},"f":null,"g":1.50,"h":[{"x":1},{"x":"y"}],"s":"q\"","u":"\u00e9"}"#
        let cases: [(String, String?)] = [
            ("$.a", "1"), ("$.b", "[1,2,3]"), ("$.b[0]", "1"), ("$.b[*]", "[1,2,3]"), ("$.c.d", "x"), ("$['c']['d']", "x"),
            ("$.e", nil), ("$.b[5]", nil), ("$.c", #"{"d":"x"}"#), ("$.f", nil), ("$.g", "1.5"), ("$.h[*].x", #"[1,"y"]"#),
            ("a", nil), ("$.h[1].x", "y"), ("$.s", "q\""), ("$.u", "é"), ("$.h[*]", #"[{"x":1},{"x":"y"}]"#), ("$.b[-1]", nil),
            ("$..a", nil), ("$.c['d']", "x"), ("$[0]", nil), ("$.b[0 ]", nil),
        ]
        for (p, want) in cases {
            #expect(JSONPath(p)?.evaluate(on: doc) == want, "\(p)")
        }
        #expect(JSONPath("$")?.evaluate(on: doc) == #"{"a":1,"b":[1,2,3],"c":{"d":"x"},"f":null,"g":1.5,"h":[{"x":1},{"x":"y"}],"s":"q\"","u":"é"}"#)
        #expect(JSONPath("$.a")?.evaluate(on: "bad") == nil)
        #expect(JSONPath("$.a")?.evaluate(on: #"{"a":1} x"#) == "1")
        #expect(JSONPath("$[1].a")?.evaluate(on: #"[1,{"a":2}]"#) == "2")
        #expect(JSONPath("$")?.evaluate(on: #""s""#) == "s")
    }

    @Test func inferenceMatchesSpark() {
        // check_io.py cases json_infer, json_infer_mixed, json_corrupt_permissive
        var inf = JSONSchemaInference()
        for line in [#"{"b":1,"a":"x","n":{"z":1,"y":[1,2]}}"#, #"{"b":2.5,"c":true,"n":{"z":null,"x":"q"}}"#, #"{"b":12345678901234567890,"d":null,"e":[]}"#] {
            var s = line
            _ = s.withUTF8 { inf.add($0) }
        }
        #expect(inf.schema().simpleString == "struct<a:string,b:double,c:boolean,d:string,e:array<string>,n:struct<x:string,y:array<bigint>,z:bigint>>")
        var mixed = JSONSchemaInference()
        for line in [#"{"a":1,"b":[1,"x"],"c":{"k":1}}"#, #"{"a":"s","b":[2.0],"c":3}"#] { var s = line; _ = s.withUTF8 { mixed.add($0) } }
        #expect(mixed.schema().simpleString == "struct<a:string,b:array<string>,c:string>")
        var corrupt = JSONSchemaInference()
        for line in [#"{"a":1}"#, #"{"a":"#, #"{"a":"x"}"#, "", "[1,2]", #"{"a":2}"#] { var s = line; _ = s.withUTF8 { corrupt.add($0) } }
        #expect(corrupt.schema().simpleString == "struct<_corrupt_record:string,a:string>")
        #expect(JSONSchemaInference.decimalType("12345678901234567890") == .decimal(precision: 20, scale: 0))
        #expect(JSONSchemaInference().infer((try? JSONValue.parse(#"{"b":1,"a":[1.5],"c":{"z":"x"}}"#)) ?? .null).sql == "STRUCT<a: ARRAY<DOUBLE>, b: BIGINT, c: STRUCT<z: STRING>>")
    }
}

/// A tiny deterministic generator for the fuzz test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
