import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

@Suite("ExpressionEvaluator")
struct EvaluatorTests {
    let a = T.attr("a", .integer)
    let b = T.attr("b", .integer)

    @Test func integerArithmeticAndNulls() throws {
        let rows: [[Value]] = [[.int(1), .int(2)], [.int(-7), .int(2)], [.null, .int(3)], [.int(5), .null]]
        #expect(try T.eval(.binary(.add, T.col(a), T.col(b)), [a, b], rows) == [.int(3), .int(-5), .null, .null])
        #expect(try T.eval(.binary(.subtract, T.col(a), T.col(b)), [a, b], rows) == [.int(-1), .int(-9), .null, .null])
        #expect(try T.eval(.binary(.multiply, T.col(a), T.col(b)), [a, b], rows) == [.int(2), .int(-14), .null, .null])
        // Java remainder: sign of the dividend.
        #expect(try T.eval(.binary(.remainder, T.col(a), T.col(b)), [a, b], rows) == [.int(1), .int(-1), .null, .null])
        // `/` is double, `div` is bigint.
        #expect(try T.eval(.binary(.divide, T.col(a), T.col(b)), [a, b], rows) == [.double(0.5), .double(-3.5), .null, .null])
        #expect(try T.eval(.binary(.integralDivide, T.col(a), T.col(b)), [a, b], rows) == [.long(0), .long(-3), .null, .null])
        #expect(try T.eval(.unary(.negate, T.col(a)), [a, b], rows) == [.int(-1), .int(7), .null, .int(-5)])
    }

    @Test func overflowRaisesAnsiError() {
        let rows: [[Value]] = [[.int(Int32.max), .int(1)]]
        let e = rivuletError { _ = try T.eval(.binary(.add, T.col(a), T.col(b)), [a, b], rows) }
        #expect(e?.errorClass == "ARITHMETIC_OVERFLOW")
        #expect(e?.message.hasPrefix("integer overflow") == true)
        #expect(e?.message.contains("try_add") == true)
        let l = T.attr("l", .long)
        let e2 = rivuletError { _ = try T.eval(.binary(.multiply, T.col(l), T.long(2)), [l], [[.long(Int64.max)]]) }
        #expect(e2?.errorClass == "ARITHMETIC_OVERFLOW")
        #expect(e2?.message.hasPrefix("long overflow") == true)
        let e3 = rivuletError { _ = try T.eval(.unary(.negate, T.col(a)), [a], [[.int(Int32.min)]]) }
        #expect(e3?.errorClass == "ARITHMETIC_OVERFLOW")
        // A null row never raises, whatever its buffer holds.
        #expect((try? T.eval(.binary(.add, T.col(a), T.col(b)), [a, b], [[.null, .int(1)]])) == [.null])
    }

    @Test func divisionByZeroRaisesAnsiError() {
        for op in [BinaryOperator.divide, .integralDivide] {
            let e = rivuletError { _ = try T.eval(.binary(op, T.col(a), T.col(b)), [a, b], [[.int(1), .int(0)]]) }
            #expect(e?.errorClass == "DIVIDE_BY_ZERO", "\(op)")
            #expect(e?.message.hasPrefix("Division by zero. Use `try_divide`") == true)
        }
        // `%` by zero is Spark's REMAINDER_BY_ZERO, for integers and doubles alike.
        let r = rivuletError { _ = try T.eval(.binary(.remainder, T.col(a), T.col(b)), [a, b], [[.int(1), .int(0)]]) }
        #expect(r?.errorClass == "REMAINDER_BY_ZERO")
        #expect(r?.message.hasPrefix("Remainder by zero. Use `try_mod`") == true)
        let d = T.attr("d", .double)
        let e = rivuletError { _ = try T.eval(.binary(.divide, T.col(d), .literal(.double(0), .double)), [d], [[.double(1)]]) }
        #expect(e?.errorClass == "DIVIDE_BY_ZERO")
        // null divisor: null, no error
        #expect((try? T.eval(.binary(.divide, T.col(a), T.col(b)), [a, b], [[.int(1), .null]])) == [.null])
    }

    @Test func decimalArithmetic() throws {
        let t = DataType.decimal(precision: 5, scale: 2)
        let x = T.attr("x", t), y = T.attr("y", t)
        let rows: [[Value]] = [[.decimal(DecimalValue(unscaled: 150, scale: 2)), .decimal(DecimalValue(unscaled: 25, scale: 2))]]
        let sum = Expression.binary(.add, T.col(x), T.col(y))
        #expect(sum.dataType == .decimal(precision: 6, scale: 2))
        #expect(try T.eval(sum, [x, y], rows) == [.decimal(DecimalValue(unscaled: 175, scale: 2))])
        let prod = Expression.binary(.multiply, T.col(x), T.col(y))
        #expect(try T.eval(prod, [x, y], rows) == [.decimal(DecimalValue(unscaled: 3750, scale: 4))])
        let quot = Expression.binary(.divide, T.col(x), T.col(y))
        guard case .decimal(_, let s) = quot.dataType else { Issue.record("not decimal"); return }
        #expect(try T.eval(quot, [x, y], rows) == [.decimal(DecimalValue(unscaled: 6 * DecimalValue.pow10(s), scale: s))])
    }

    @Test func threeValuedLogic() throws {
        let p = T.attr("p", .boolean), q = T.attr("q", .boolean)
        let vals: [Value] = [.boolean(true), .boolean(false), .null]
        var rows: [[Value]] = []
        for x in vals { for y in vals { rows.append([x, y]) } }
        func and3(_ x: Value, _ y: Value) -> Value {
            if x == .boolean(false) || y == .boolean(false) { return .boolean(false) }
            if x.isNull || y.isNull { return .null }
            return .boolean(true)
        }
        func or3(_ x: Value, _ y: Value) -> Value {
            if x == .boolean(true) || y == .boolean(true) { return .boolean(true) }
            if x.isNull || y.isNull { return .null }
            return .boolean(false)
        }
        #expect(try T.eval(.binary(.and, T.col(p), T.col(q)), [p, q], rows) == rows.map { and3($0[0], $0[1]) })
        #expect(try T.eval(.binary(.or, T.col(p), T.col(q)), [p, q], rows) == rows.map { or3($0[0], $0[1]) })
        #expect(try T.eval(.unary(.not, T.col(p)), [p, q], rows) == rows.map { r in r[0].boolValue.map { .boolean(!$0) } ?? .null })
    }

    @Test func andSkipsRightSideWhereLeftDecides() throws {
        // b <> 0 AND a / b > 1: the division never runs for b = 0.
        let cond = Expression.binary(.and, .binary(.notEqual, T.col(b), T.int(0)),
                                     .binary(.greaterThan, .binary(.divide, T.col(a), T.col(b)), .literal(.double(1), .double)))
        let rows: [[Value]] = [[.int(4), .int(0)], [.int(4), .int(2)], [.int(1), .int(2)]]
        #expect(try T.eval(cond, [a, b], rows) == [.boolean(false), .boolean(true), .boolean(false)])
    }

    @Test func caseWhenEvaluatesBranchesLazily() throws {
        let e = Expression.caseWhen(
            [WhenBranch(.binary(.equal, T.col(b), T.int(0)), T.long(-1)),
             WhenBranch(.binary(.greaterThan, T.col(a), T.int(100)), T.long(100))],
            elseValue: .binary(.integralDivide, T.col(a), T.col(b)))
        let rows: [[Value]] = [[.int(10), .int(0)], [.int(500), .int(3)], [.int(9), .int(2)], [.null, .int(2)]]
        #expect(try T.eval(e, [a, b], rows) == [.long(-1), .long(100), .long(4), .null])
        let noElse = Expression.caseWhen([WhenBranch(.binary(.greaterThan, T.col(a), T.int(9)), T.str("big"))], elseValue: nil)
        #expect(try T.eval(noElse, [a, b], rows) == [.string("big"), .string("big"), .null, .null])
    }

    @Test func comparisonsFollowSparkOrdering() throws {
        let s = T.attr("s", .string), t = T.attr("t", .string)
        let rows: [[Value]] = [[.string("a"), .string("b")], [.string("é"), .string("z")], [.string("ab"), .string("a")], [.null, .string("a")]]
        // UTF-8 byte order: "é" (0xC3...) > "z".
        #expect(try T.eval(.binary(.lessThan, T.col(s), T.col(t)), [s, t], rows) == [.boolean(true), .boolean(false), .boolean(false), .null])
        #expect(try T.eval(.binary(.nullSafeEqual, T.col(s), T.str("a")), [s, t], rows) == [.boolean(true), .boolean(false), .boolean(false), .boolean(false)])
        #expect(try T.eval(.binary(.nullSafeEqual, T.col(s), .literal(.null, .string)), [s, t], rows) == [.boolean(false), .boolean(false), .boolean(false), .boolean(true)])
        let d = T.attr("d", .double)
        let drows: [[Value]] = [[.double(.nan)], [.double(-0.0)], [.double(1e308)]]
        #expect(try T.eval(.binary(.equal, T.col(d), .literal(.double(.nan), .double)), [d], drows) == [.boolean(true), .boolean(false), .boolean(false)])
        #expect(try T.eval(.binary(.equal, T.col(d), .literal(.double(0), .double)), [d], drows) == [.boolean(false), .boolean(true), .boolean(false)])
        #expect(try T.eval(.binary(.greaterThan, T.col(d), .literal(.double(.infinity), .double)), [d], drows) == [.boolean(true), .boolean(false), .boolean(false)])
        // literal on the left flips the operator
        #expect(try T.eval(.binary(.lessThan, T.int(2), T.col(a)), [a], [[.int(1)], [.int(3)]]) == [.boolean(false), .boolean(true)])
        // arrays compare element-wise
        let arr = T.attr("arr", .array(.integer))
        let arows: [[Value]] = [[.array([.int(1), .int(2)])], [.array([.int(1)])], [.array([.int(0), .int(9)])]]
        #expect(try T.eval(.binary(.greaterThan, T.col(arr), .literal(.array([.int(1)]), .array(.integer))), [arr], arows)
                == [.boolean(true), .boolean(false), .boolean(false)])
    }

    @Test func inListWithNulls() throws {
        let rows: [[Value]] = [[.int(1)], [.int(2)], [.null]]
        #expect(try T.eval(.inList(T.col(a), [T.int(2), T.int(3)]), [a], rows) == [.boolean(false), .boolean(true), .null])
        // 1 IN (2, null) is null; 2 IN (2, null) is true.
        #expect(try T.eval(.inList(T.col(a), [T.int(2), .literal(.null, .integer)]), [a], rows) == [.null, .boolean(true), .null])
        #expect(try T.eval(.unary(.not, .inList(T.col(a), [T.int(2)])), [a], rows) == [.boolean(true), .boolean(false), .null])
    }

    @Test func nullChecksConcatAndBitwise() throws {
        let s = T.attr("s", .string)
        let rows: [[Value]] = [[.string("x"), .int(6)], [.null, .int(3)]]
        #expect(try T.eval(.isNull(T.col(s)), [s, a], rows) == [.boolean(false), .boolean(true)])
        #expect(try T.eval(.isNotNull(T.col(s)), [s, a], rows) == [.boolean(true), .boolean(false)])
        #expect(try T.eval(.binary(.concat, T.col(s), T.str("yz")), [s, a], rows) == [.string("xyz"), .null])
        #expect(try T.eval(.binary(.bitwiseAnd, T.col(a), T.int(3)), [s, a], rows) == [.int(2), .int(3)])
        #expect(try T.eval(.binary(.bitwiseXor, T.col(a), T.int(3)), [s, a], rows) == [.int(5), .int(0)])
        #expect(try T.eval(.unary(.bitwiseNot, T.col(a)), [s, a], rows) == [.int(~6), .int(~3)])
    }

    @Test func nestedAccess() throws {
        let st = StructType([StructField("x", .integer), StructField("y", .string)])
        let s = T.attr("s", .struct(st)), arr = T.attr("arr", .array(.string)), m = T.attr("m", .map(.string, .integer))
        let rows: [[Value]] = [
            [.struct([.int(1), .string("p")]), .array([.string("a"), .string("b")]), .map([MapEntry(.string("k"), .int(7))])],
            [.null, .array([.string("c")]), .map([])],
        ]
        let attrs = [s, arr, m]
        #expect(try T.eval(.getStructField(T.col(s), ordinal: 1, name: "y"), attrs, rows) == [.string("p"), .null])
        #expect(try T.eval(.getArrayItem(T.col(arr), T.int(0)), attrs, rows) == [.string("a"), .string("c")])
        #expect(try T.eval(.getMapValue(T.col(m), T.str("k")), attrs, rows) == [.int(7), .null])
        let e = rivuletError { _ = try T.eval(.getArrayItem(T.col(arr), T.int(1)), attrs, rows) }
        #expect(e?.errorClass == "INVALID_ARRAY_INDEX")
        #expect(e?.message.hasPrefix("The index 1 is out of bounds. The array has 1 elements.") == true)
    }

    @Test func timestampPlusInterval() throws {
        let ts = T.attr("ts", .timestamp)
        let day = DateTimeUtils.microsPerDay
        let e = Expression.binary(.add, T.col(ts), .literal(.dayTimeInterval(day), .dayTimeInterval))
        #expect(try T.eval(e, [ts], [[.timestamp(5)]]) == [.timestamp(5 + day)])
        let d = T.attr("d", .date)
        let e2 = Expression.binary(.subtract, T.col(d), .literal(.dayTimeInterval(2 * day), .dayTimeInterval))
        #expect(try T.eval(e2, [d], [[.date(10)]]) == [.date(8)])
    }

    @Test func unknownColumnsAndFunctionsAreClearErrors() {
        let missing = T.attr("zz", .integer)
        let e = rivuletError { _ = try ExpressionEvaluator(T.col(missing), input: [a]) }
        #expect(e?.code == .internal)
        #expect(e?.message.contains("zz#") == true)
        let call = ScalarFunctionCall(name: "no_such_fn_xyz", arguments: [T.col(a)], dataType: .integer)
        let f = rivuletError { _ = try ExpressionEvaluator(.scalarFunction(call), input: [a]) }
        #expect(f?.code == .unsupportedOperation)
        #expect(f?.message == "function 'no_such_fn_xyz' is not implemented")
    }

    @Test func literalsBroadcast() throws {
        #expect(try T.eval(T.str("hi"), [a], [[.int(1)], [.int(2)]]) == [.string("hi"), .string("hi")])
        #expect(try T.evalConst(.binary(.add, T.long(40), T.long(2))) == .long(42))
        #expect(try T.evalConst(.literal(.null, .integer)) == .null)
    }
}
