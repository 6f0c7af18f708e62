import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

// Expected values come from Apache Spark 4 via scripts/golden/check_functions.py.
@Suite struct KernelMathTests {
    func decimal(_ text: String) -> Value { .decimal(DecimalValue(parsing: text)!) }

    @Test func rounding() throws {
        #expect(try KernelHarness.call("round", dec("2.5", 2, 1)) == decimal("3"))
        #expect(try KernelHarness.call("round", dec("-2.5", 2, 1)) == decimal("-3"))
        #expect(try KernelHarness.call("round", dec("1.2345", 5, 4), i(2)) == decimal("1.23"))
        #expect(try KernelHarness.call("round", i(15), i(-1)) == .int(20))
        #expect(try KernelHarness.call("round", d(2.5)) == .double(3.0))
        #expect(try KernelHarness.call("bround", d(2.5)) == .double(2.0))
        #expect(try KernelHarness.call("round", dec("123.456", 6, 3), i(1)) == decimal("123.5"))
        #expect(try KernelHarness.call("round", dec("123.456", 6, 3), i(-1)) == decimal("120"))
        #expect(try KernelHarness.call("round", s("1.5")) == .double(2.0))
        #expect(try KernelHarness.call("floor", dec("1.5", 2, 1)) == decimal("1"))
        #expect(try KernelHarness.call("ceil", dec("1.5", 2, 1)) == decimal("2"))
        #expect(try KernelHarness.call("floor", dec("-1.5", 2, 1)) == decimal("-2"))
        #expect(try KernelHarness.call("ceil", i(5)) == .long(5))
        #expect(try KernelHarness.call("floor", d(-1.5)) == .long(-2))
        #expect(try KernelHarness.call("ceiling", d(1.2)) == .long(2))
    }

    @Test func basicFunctions() throws {
        #expect(try KernelHarness.call("abs", i(-5)) == .int(5))
        #expect(throws: RivuletError.self) { try KernelHarness.call("abs", i(Int32.min)) }
        #expect(try KernelHarness.call("sqrt", i(4)) == .double(2))
        #expect(try KernelHarness.call("sqrt", s("4")) == .double(2))
        #expect(try KernelHarness.call("sqrt", i(-1)).doubleValue?.isNaN == true)
        #expect(try KernelHarness.call("ln", i(0)) == .null)
        #expect(try KernelHarness.call("log", i(10), i(100)) == .double(2))
        #expect(try KernelHarness.call("log", i(100)) == .double(4.605170185988092))
        #expect(try KernelHarness.call("log10", i(1000)) == .double(3))
        #expect(try KernelHarness.call("log2", i(8)) == .double(3))
        #expect(try KernelHarness.call("pow", i(2), i(10)) == .double(1024))
        #expect(try KernelHarness.call("exp", i(0)) == .double(1))
        #expect(try KernelHarness.call("signum", i(-3)) == .double(-1))
    }

    @Test func modulo() throws {
        #expect(try KernelHarness.call("mod", i(7), i(3)) == .int(1))
        #expect(try KernelHarness.call("mod", i(-7), i(3)) == .int(-1))
        #expect(try KernelHarness.call("pmod", i(-7), i(3)) == .int(2))
        #expect(try KernelHarness.call("pmod", dec("7.5", 2, 1), i(2)) == decimal("1.5"))
        do { _ = try KernelHarness.call("mod", i(7), i(0)); Issue.record("expected error") }
        catch { #expect(error.errorClass == "REMAINDER_BY_ZERO") }
    }

    @Test func greatestLeastCoalesce() throws {
        #expect(try KernelHarness.call("greatest", i(1), dec("2.5", 2, 1), nullLit) == decimal("2.5"))
        #expect(try KernelHarness.call("least", i(1), l(2)) == .long(1))
        #expect(try KernelHarness.call("greatest", s("a"), s("b")) == .string("b"))
        #expect(try KernelHarness.call("coalesce", nullLit, i(1), l(2)) == .long(1))
        #expect(try KernelHarness.call("nvl", nullLit, s("x")) == .string("x"))
        let a = ColumnVector(values: [.null, .long(2), .null], type: .long)
        let b = ColumnVector(values: [.long(7), .long(8), .null], type: .long)
        #expect(try KernelHarness.column("coalesce", [a, b]).values == [.long(7), .long(2), .null])
    }

    @Test func hashMatchesSpark() throws {
        #expect(try KernelHarness.call("hash", s("a")) == .int(1485273170))
        #expect(try KernelHarness.call("hash", s("")) == .int(142593372))
        #expect(try KernelHarness.call("hash", s("abc")) == .int(1322437556))
        #expect(try KernelHarness.call("hash", s("hello world")) == .int(-1528836094))
        #expect(try KernelHarness.call("hash", s("héllo")) == .int(1212979866))
        #expect(try KernelHarness.call("hash", i(1)) == .int(-559580957))
        #expect(try KernelHarness.call("hash", l(1)) == .int(-1712319331))
        #expect(try KernelHarness.call("hash", dec("1.5", 2, 1)) == .int(-18083236))
        #expect(try KernelHarness.call("hash", .literal(.float(1.5), .float)) == .int(-221251528))
        #expect(try KernelHarness.call("hash", d(-0.0)) == .int(-1670924195))
        #expect(try KernelHarness.call("hash", d(0.0)) == .int(-1670924195))
        #expect(try KernelHarness.call("hash", nullLit) == .int(42))
        #expect(try KernelHarness.call("hash", i(1), s("a")) == .int(-936062819))
        #expect(try KernelHarness.call("hash", .literal(.boolean(true), .boolean)) == .int(-559580957))
        #expect(try KernelHarness.call("hash", date(2024, 1, 1)) == .int(-456589419))
        #expect(try KernelHarness.call("hash", ts("2024-01-01 00:00:00")) == .int(1545358984))
        #expect(try KernelHarness.call("hash", dec("1.5", 10, 2)) == .int(-2056712946))
        #expect(try KernelHarness.call("hash", dec("1.5", 30, 2)) == .int(-339019914))
        #expect(try KernelHarness.call("hash", i(1), nullLit, s("x")) == .int(-1305545736))
        #expect(try KernelHarness.call("hash", .literal(.binary(Array("ab".utf8)), .binary)) == .int(-97053317))
        #expect(try KernelHarness.call("hash", i(-1)) == .int(-1604776387))
        #expect(try KernelHarness.call("hash", l(123456789012)) == .int(-1439831649))
        #expect(try KernelHarness.call("hash", .literal(.array([.int(1), .int(2)]), .array(.integer, containsNull: false))) == .int(-222940379))
        #expect(try KernelHarness.call("xxhash64", s("a")) == .long(-8582455328737087284))
        #expect(try KernelHarness.call("xxhash64", i(1)) == .long(-6698625589789238999))
        #expect(try KernelHarness.call("xxhash64", l(1)) == .long(-7001672635703045582))
        #expect(try KernelHarness.call("xxhash64", nullLit) == .long(42))
        #expect(try KernelHarness.call("xxhash64", s("hello world")) == .long(7620854247404556961))
        #expect(try KernelHarness.call("crc32", s("abc")) == .long(891568578))
    }
}
