import Testing
import RivuletCore
@testable import RivuletSQL

@Suite("Parser round trips")
struct ParserRoundTripTests {
    @Test("quoted names parse back to the same parts")
    func names() throws {
        let names = ["a", "a b", "x.y", "we`ird", "``", "1a", "", "select", "é", "a-b", "tab\tname", "'q'"]
        for n in names {
            let text = UnresolvedName([n, "z"]).description
            #expect(try SQLParser.parseMultipartIdentifier(text) == [n, "z"], "\(text)")
            #expect(try SQLParser.parseExpression(text) == .unresolvedAttribute(UnresolvedName([n, "z"])), "\(text)")
        }
    }

    @Test("escaped string literals parse back to the original text")
    func strings() throws {
        let samples = ["", "plain", "it's", "back\\slash", "quote\"d", "line\nbreak\ttab", "ünïcödé ✓ 😀", "--not a comment", "/* nor this */"]
        for s in samples {
            var escaped = ""
            for c in s {
                switch c {
                case "'": escaped += "\\'"
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                default: escaped.append(c)
                }
            }
            #expect(try SQLParser.parseExpression("'\(escaped)'") == .literal(.string(s), .string), "\(escaped)")
            // Doubling the quote is the other way to write one.
            let doubled = s.map { $0 == "'" ? "''" : $0 == "\\" ? "\\\\" : String($0) }.joined()
            #expect(try SQLParser.parseExpression("'\(doubled)'") == .literal(.string(s), .string), "\(doubled)")
        }
    }

    @Test("data types parse back from their simpleString and sql forms")
    func types() throws {
        let types: [DataType] = [
            .boolean, .byte, .short, .integer, .long, .float, .double, .decimal(precision: 12, scale: 3), .string,
            .binary, .date, .timestamp, .dayTimeInterval, .yearMonthInterval, .array(.string), .map(.string, .array(.long)),
            .struct(StructType([StructField("a", .integer), StructField("b", .map(.string, .double))])),
            .array(.array(.array(.integer))),
        ]
        for t in types {
            #expect(try SQLParser.parseDataType(t.simpleString) == t, "\(t.simpleString)")
            #expect(try SQLParser.parseExpression("CAST(x AS \(t.sql))") == .cast(.column("x"), t), "\(t.sql)")
        }
    }

    @Test("numeric literal values survive parsing exactly")
    func numbers() throws {
        for v: Int64 in [0, 1, -1, 42, Int64(Int32.max), Int64(Int32.min), Int64(Int32.max) + 1, Int64.max, Int64.min] {
            let e = try SQLParser.parseExpression(String(v))
            guard case .literal(let value, _) = e else { Issue.record("not a literal: \(e)"); continue }
            #expect(value.int64Value == v)
        }
        for d in [0.5, 1e-10, 123456.789e3, 1.7976931348623157E308] {
            guard case .literal(.double(let x), .double) = try SQLParser.parseExpression("\(d)D") else {
                Issue.record("not a double: \(d)")
                continue
            }
            #expect(x == d)
        }
    }
}
