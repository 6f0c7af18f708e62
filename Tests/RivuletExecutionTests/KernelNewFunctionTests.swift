import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

// Expected values come from Apache Spark 4.3 (pyspark).
@Suite struct KernelNewFunctionTests {
    @Test func numberBases() throws {
        #expect(try KernelHarness.call("bin", i(5)) == .string("101"))
        #expect(try KernelHarness.call("bin", i(-5)) == .string(String(repeating: "1", count: 61) + "011"))
        #expect(try KernelHarness.call("hex", i(255)) == .string("FF"))
        #expect(try KernelHarness.call("hex", i(-1)) == .string("FFFFFFFFFFFFFFFF"))
        #expect(try KernelHarness.call("hex", s("ab")) == .string("6162"))
        #expect(try KernelHarness.call("conv", s("ff"), i(16), i(10)) == .string("255"))
        #expect(try KernelHarness.call("conv", s("-1"), i(10), i(16)) == .string("FFFFFFFFFFFFFFFF"))
        #expect(try KernelHarness.call("conv", s("-10"), i(10), i(-16)) == .string("-A"))
        #expect(try KernelHarness.call("conv", s("zz"), i(10), i(16)) == .null)
        #expect(try KernelHarness.call("unhex", s("6162")) == .binary([0x61, 0x62]))
    }

    @Test func regexCountAndCollections() throws {
        #expect(try KernelHarness.call("regexp_count", s("a1b2c3"), s("[0-9]")) == .int(3))
        #expect(try KernelHarness.call("array_repeat", s("x"), i(2)) == .array([.string("x"), .string("x")]))
        #expect(try KernelHarness.call("array_repeat", i(1), i(0)) == .array([]))
        #expect(try KernelHarness.call("str_to_map", s("a:1,b:2")) == .map([MapEntry(.string("a"), .string("1")), MapEntry(.string("b"), .string("2"))]))
        #expect(throws: RivuletError.self) { try KernelHarness.call("str_to_map", s("a:1,a:2")) }
    }

    @Test func jsonFieldFunctions() throws {
        #expect(try KernelHarness.call("json_array_length", s("[1,[2]]")) == .int(2))
        #expect(try KernelHarness.call("json_array_length", s("{}")) == .null)
        #expect(try KernelHarness.call("json_object_keys", s("{\"x\":1,\"y\":2}")) == .array([.string("x"), .string("y")]))
        #expect(try KernelHarness.call("json_object_keys", s("bad")) == .null)
    }

    @Test func tryArithmeticAndLazyCoalesce() throws {
        let a = T.attr("a", .integer), b = T.attr("b", .integer)
        let tryAdd = Expression.scalarFunction(ScalarFunctionCall(name: "try_eval", arguments: [.binary(.add, T.col(a), T.col(b))], dataType: .integer))
        // Only the overflowing row becomes null.
        #expect(try T.eval(tryAdd, [a, b], [[.int(1), .int(2)], [.int(Int32.max), .int(1)]]) == [.int(3), .null])
        // coalesce evaluates its second argument only where the first is null.
        let div = Expression.binary(.divide, T.col(a), T.col(b))
        let co = Expression.scalarFunction(ScalarFunctionCall(name: "coalesce", arguments: [.cast(T.col(a), .double), div], dataType: .double))
        #expect(try T.eval(co, [a, b], [[.int(1), .int(0)], [.null, .int(2)]]) == [.double(1), .null])
    }

    @Test func dateArithmeticWithYearMonthIntervals() throws {
        let dt = T.attr("d", .date)
        let plusMonth = Expression.binary(.add, T.col(dt), .literal(.yearMonthInterval(1), .yearMonthInterval(.month, .month)))
        let jan31 = Value.date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 31)))
        #expect(try T.eval(plusMonth, [dt], [[jan31]]) == [.date(Int32(DateTimeUtils.daysFromCivil(2024, 2, 29)))])
    }
}
