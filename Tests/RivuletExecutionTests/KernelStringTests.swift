import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

// Expected values come from Apache Spark 4 via scripts/golden/check_functions.py.
@Suite struct KernelStringTests {
    @Test func splitLiteralAndRegex() throws {
        #expect(try KernelHarness.call("split", s("a b  c"), s(" ")) == .array([.string("a"), .string("b"), .string(""), .string("c")]))
        #expect(try KernelHarness.call("split", s("a,b,c"), s(","), i(2)) == .array([.string("a"), .string("b,c")]))
        #expect(try KernelHarness.call("split", s("abc"), s("")) == .array([.string("a"), .string("b"), .string("c")]))
        #expect(try KernelHarness.call("split", s(""), s(" ")) == .array([.string("")]))
        #expect(try KernelHarness.call("split", s("a.b"), s(".")) == .array([.string(""), .string(""), .string(""), .string("")]))
        #expect(try KernelHarness.call("split", s("a1b22c"), s("[0-9]+")) == .array([.string("a"), .string("b"), .string("c")]))
        #expect(try KernelHarness.call("split", s("a b "), s(" ")) == .array([.string("a"), .string("b"), .string("")]))
        #expect(try KernelHarness.call("split", s("a,b,,"), s(","), i(-1)) == .array([.string("a"), .string("b"), .string(""), .string("")]))
        #expect(try KernelHarness.call("split", s("a,b,c"), s(","), i(0)) == .array([.string("a"), .string("b"), .string("c")]))
        #expect(try KernelHarness.call("split", s("a,b,c"), s(","), i(1)) == .array([.string("a,b,c")]))
        #expect(try KernelHarness.call("split", s("x::y::z"), s("::")) == .array([.string("x"), .string("y"), .string("z")]))
        #expect(try KernelHarness.call("split", s("héllo wörld"), s(" ")) == .array([.string("héllo"), .string("wörld")]))
    }

    @Test func splitColumnWithNulls() throws {
        let col = ColumnVector(strings: ["a b", nil, "", "c"])
        let out = try KernelHarness.column("split", [col], extra: [s(" ")])
        #expect(out.values == [.array([.string("a"), .string("b")]), .null, .array([.string("")]), .array([.string("c")])])
        #expect(out.dataType == .array(.string, containsNull: false))
    }

    @Test func caseAndLength() throws {
        #expect(try KernelHarness.call("lower", s("ÀBC")) == .string("àbc"))
        #expect(try KernelHarness.call("upper", s("straße")) == .string("STRASSE"))
        #expect(try KernelHarness.call("upper", i(1)) == .string("1"))
        #expect(try KernelHarness.call("initcap", s("hello WORLD foo_bar")) == .string("Hello World Foo_bar"))
        #expect(try KernelHarness.call("length", s("héllo")) == .int(5))
        #expect(try KernelHarness.call("length", .literal(.binary(Array("héllo".utf8)), .binary)) == .int(6))
        #expect(try KernelHarness.call("char_length", s("ab")) == .int(2))
        #expect(try KernelHarness.call("length", i(1)) == .int(1))
        let out = try KernelHarness.column("upper", [ColumnVector(strings: ["ab", nil, "é"])])
        #expect(out.values == [.string("AB"), .null, .string("É")])
    }

    @Test func trimConcatSubstring() throws {
        #expect(try KernelHarness.call("trim", s("  a  ")) == .string("a"))
        #expect(try KernelHarness.call("ltrim", s("  a  ")) == .string("a  "))
        #expect(try KernelHarness.call("rtrim", s("  a  ")) == .string("  a"))
        #expect(try KernelHarness.call("trim", s("xxaxx"), s("x")) == .string(""))
        #expect(try KernelHarness.call("trim", s("x"), s("xxaxx")) == .string("a"))
        #expect(try KernelHarness.call("concat", s("a"), nullLit) == .null)
        #expect(try KernelHarness.call("concat", s("a"), i(1)) == .string("a1"))
        #expect(try KernelHarness.call("concat_ws", s(","), s("a"), nullLit, s("b")) == .string("a,b"))
        #expect(try KernelHarness.call("concat_ws", nullLit, s("a")) == .null)
        #expect(try KernelHarness.call("substring", s("hello"), i(2)) == .string("ello"))
        #expect(try KernelHarness.call("substring", s("hello"), i(-3), i(2)) == .string("ll"))
        #expect(try KernelHarness.call("substring", s("hello"), i(0), i(2)) == .string("he"))
        #expect(try KernelHarness.call("substring", s("hello"), i(-10), i(8)) == .string("hel"))
        #expect(try KernelHarness.call("substr", s("héllo"), i(2), i(2)) == .string("él"))
        #expect(try KernelHarness.call("substring", s("hello"), i(2), i(-1)) == .string(""))
    }

    @Test func searchPadReplace() throws {
        #expect(try KernelHarness.call("instr", s("hello"), s("ll")) == .int(3))
        #expect(try KernelHarness.call("instr", s("hello"), s("z")) == .int(0))
        #expect(try KernelHarness.call("locate", s("l"), s("hello")) == .int(3))
        #expect(try KernelHarness.call("locate", s("l"), s("hello"), i(4)) == .int(4))
        #expect(try KernelHarness.call("locate", s("l"), s("hello"), i(0)) == .int(0))
        #expect(try KernelHarness.call("locate", s(""), s("hello")) == .int(1))
        #expect(try KernelHarness.call("lpad", s("hi"), i(5), s("ab")) == .string("abahi"))
        #expect(try KernelHarness.call("lpad", s("hello"), i(2), s("x")) == .string("he"))
        #expect(try KernelHarness.call("rpad", s("hi"), i(5)) == .string("hi   "))
        #expect(try KernelHarness.call("lpad", s("hi"), i(5), s("")) == .string("hi"))
        #expect(try KernelHarness.call("repeat", s("ab"), i(3)) == .string("ababab"))
        #expect(try KernelHarness.call("repeat", s("ab"), i(-1)) == .string(""))
        #expect(try KernelHarness.call("reverse", s("héllo")) == .string("olléh"))
        #expect(try KernelHarness.call("replace", s("aaa"), s("a"), s("bb")) == .string("bbbbbb"))
        #expect(try KernelHarness.call("replace", s("abc"), s("b")) == .string("ac"))
        #expect(try KernelHarness.call("startswith", s("abc"), s("ab")) == .boolean(true))
        #expect(try KernelHarness.call("endswith", s("abc"), s("bc")) == .boolean(true))
        #expect(try KernelHarness.call("contains", s("abc"), s("d")) == .boolean(false))
        #expect(try KernelHarness.call("ascii", s("A")) == .int(65))
        #expect(try KernelHarness.call("ascii", s("")) == .int(0))
        #expect(try KernelHarness.call("translate", s("abcd"), s("bc"), s("x")) == .string("axd"))
        #expect(try KernelHarness.call("format_string", s("%d-%s"), i(1), s("a")) == .string("1-a"))
    }

    @Test func regex() throws {
        #expect(try KernelHarness.call("regexp_replace", s("a1b2"), s("[0-9]"), s("X")) == .string("aXbX"))
        #expect(try KernelHarness.call("regexp_replace", s("abc"), s("(b)"), s("$1$1")) == .string("abbc"))
        #expect(try KernelHarness.call("regexp_extract", s("a12b"), s("([0-9]+)"), i(1)) == .string("12"))
        #expect(try KernelHarness.call("regexp_extract", s("abc"), s("([0-9]+)"), i(1)) == .string(""))
        #expect(try KernelHarness.call("regexp_extract", s("a12b"), s("[0-9]+"), i(0)) == .string("12"))
        #expect(throws: RivuletError.self) { try KernelHarness.call("regexp_extract", s("a12b"), s("[0-9]+"), i(1)) }
    }

    @Test func likeAndRlike() throws {
        func like(_ v: String, _ p: String, _ esc: String = "\\") throws -> Bool? {
            let call = ScalarFunctionCall(name: "like", arguments: [s(v), s(p), s(esc)], dataType: .boolean)
            let out = try LikeKernel.like(call, [ColumnVector(strings: [v]), ColumnVector(strings: [p]), ColumnVector(strings: [esc])], 1)
            return out.value(at: 0).boolValue
        }
        #expect(try like("abc", "a%") == true)
        #expect(try like("abc", "A%") == false)
        #expect(try like("a_c", "a\\_c") == true)
        #expect(try like("abc", "a\\_c") == false)
        #expect(try like("abc", "%b%") == true)
        #expect(try like("abc", "%c") == true)
        #expect(try like("abc", "a_c") == true)
        #expect(try like("héllo", "h_llo") == true)
        #expect(try like("aXbXc", "a%b%c") == true)
        #expect(try like("abc", "abc") == true)
        #expect(try like("abc", "ab") == false)
        let call = ScalarFunctionCall(name: "rlike", arguments: [s("abc"), s("b")], dataType: .boolean)
        let r = try RegexKernels.rlike(call, [ColumnVector(strings: ["abc", nil, "xyz"]), ColumnVector(strings: ["b", "b", "b"])], 3)
        #expect(r.values == [.boolean(true), .null, .boolean(false)])
    }
}
