import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

// Expected values come from Apache Spark 4 via scripts/golden/check_functions.py.
@Suite struct CastKernelTests {
    func cast(_ v: Value, _ from: DataType, _ to: DataType, ansi: Bool = true) throws(RivuletError) -> Value {
        try CastKernel.cast(ColumnVector(values: [v], type: from), to: to, ansi: ansi).value(at: 0)
    }
    func errorClass(_ v: Value, _ from: DataType, _ to: DataType) -> String? {
        do { _ = try cast(v, from, to); return nil } catch { return error.errorClass }
    }

    @Test func stringToNumbers() throws {
        #expect(try cast(.string(" 12 "), .string, .integer) == .int(12))
        #expect(try cast(.string("+5"), .string, .integer) == .int(5))
        #expect(errorClass(.string("1.5"), .string, .integer) == "CAST_INVALID_INPUT")
        #expect(errorClass(.string("5."), .string, .integer) == "CAST_INVALID_INPUT")
        #expect(errorClass(.string("0x10"), .string, .integer) == "CAST_INVALID_INPUT")
        #expect(errorClass(.string("1_000"), .string, .integer) == "CAST_INVALID_INPUT")
        #expect(errorClass(.string("3000000000"), .string, .integer) == "CAST_INVALID_INPUT")
        #expect(try cast(.string("abc"), .string, .integer, ansi: false) == .null)
        #expect(try cast(.string("1e3"), .string, .double) == .double(1000))
        #expect(try cast(.string(".5"), .string, .double) == .double(0.5))
        #expect(try cast(.string("Infinity"), .string, .double) == .double(.infinity))
        #expect(try cast(.string("inf"), .string, .double) == .double(.infinity))
        #expect(try cast(.string("NaN"), .string, .double).doubleValue?.isNaN == true)
        #expect(try cast(.string("123.456"), .string, .decimal(precision: 5, scale: 2)) == .decimal(DecimalValue(unscaled: 12346, scale: 2)))
    }

    @Test func overflowAndTruncation() throws {
        do { _ = try cast(.long(3_000_000_000), .long, .integer); Issue.record("expected overflow") } catch {
            #expect(error.errorClass == "CAST_OVERFLOW")
            #expect(error.message == "The value 3000000000L of the type \"BIGINT\" cannot be cast to \"INT\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.")
        }
        #expect(try cast(.long(3_000_000_000), .long, .integer, ansi: false) == .null)
        #expect(errorClass(.int(128), .integer, .byte) == "CAST_OVERFLOW")
        #expect(try cast(.int(127), .integer, .byte) == .byte(127))
        #expect(try cast(.double(1.9), .double, .integer) == .int(1))
        #expect(try cast(.double(-1.9), .double, .integer) == .int(-1))
        #expect(errorClass(.double(1e20), .double, .long) == "CAST_OVERFLOW")
        #expect(errorClass(.double(.nan), .double, .integer) == "CAST_OVERFLOW")
        #expect(try cast(.decimal(DecimalValue(unscaled: 125, scale: 2)), .decimal(precision: 10, scale: 2), .integer) == .int(1))
        #expect(try cast(.double(1.5), .double, .decimal(precision: 3, scale: 2)) == .decimal(DecimalValue(unscaled: 150, scale: 2)))
        #expect(try cast(.decimal(DecimalValue(unscaled: 123456, scale: 3)), .decimal(precision: 6, scale: 3), .decimal(precision: 4, scale: 1))
                == .decimal(DecimalValue(unscaled: 1235, scale: 1)))
        #expect(errorClass(.decimal(DecimalValue(unscaled: 123456, scale: 3)), .decimal(precision: 6, scale: 3), .decimal(precision: 3, scale: 1))
                == "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION")
    }

    @Test func booleansAndDates() throws {
        for t in ["true", "t", "yes", "1", " Y "] { #expect(try cast(.string(t), .string, .boolean) == .boolean(true)) }
        for f in ["false", "f", "no", "0"] { #expect(try cast(.string(f), .string, .boolean) == .boolean(false)) }
        #expect(errorClass(.string("x"), .string, .boolean) == "CAST_INVALID_INPUT")
        #expect(try cast(.int(2), .integer, .boolean) == .boolean(true))
        #expect(try cast(.boolean(true), .boolean, .integer) == .int(1))
        #expect(try cast(.string("2024-01-02"), .string, .date) == .date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 2))))
        #expect(try cast(.string(" 2024-01-02"), .string, .date) == .date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 2))))
        #expect(errorClass(.string("2024-13-01"), .string, .date) == "CAST_INVALID_INPUT")
        let t = DateTimeUtils.micros(year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5)
        #expect(try cast(.string("2024-01-02 03:04:05"), .string, .timestamp) == .timestamp(t))
        #expect(try cast(.string("2024-01-02T03:04:05Z"), .string, .timestamp) == .timestamp(t))
        #expect(try cast(.timestamp(t), .timestamp, .date) == .date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 2))))
        #expect(try cast(.date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 2))), .date, .timestamp) == .timestamp(t - 3 * 3600_000_000 - 4 * 60_000_000 - 5_000_000))
        #expect(try cast(.timestamp(t), .timestamp, .long) == .long(1704164645))
        #expect(try cast(.int(1), .integer, .timestamp) == .timestamp(1_000_000))
    }

    @Test func toStringRendering() throws {
        #expect(try cast(.double(1.5), .double, .string) == .string("1.5"))
        #expect(try cast(.double(1e10), .double, .string) == .string("1.0E10"))
        #expect(try cast(.float(1.5), .float, .string) == .string("1.5"))
        #expect(try cast(.boolean(true), .boolean, .string) == .string("true"))
        #expect(try cast(.long(-1234567890123), .long, .string) == .string("-1234567890123"))
        #expect(try cast(.int(0), .integer, .string) == .string("0"))
        #expect(try cast(.long(Int64.min), .long, .string) == .string("-9223372036854775808"))
        #expect(try cast(.array([.int(1), .int(2)]), .array(.integer), .string) == .string("[1, 2]"))
        #expect(try cast(.map([MapEntry(.int(1), .string("a"))]), .map(.integer, .string), .string) == .string("{1 -> a}"))
        let st = DataType.struct(StructType([StructField("a", .integer), StructField("b", .integer)]))
        #expect(try cast(.struct([.int(1), .null]), st, .string) == .string("{1, null}"))
        #expect(try cast(.binary(Array("ab".utf8)), .binary, .string) == .string("ab"))
        #expect(try cast(.date(0), .date, .string) == .string("1970-01-01"))
        #expect(try cast(.timestamp(1_500_000), .timestamp, .string) == .string("1970-01-01 00:00:01.5"))
        #expect(try cast(.decimal(DecimalValue(unscaled: 123450, scale: 3)), .decimal(precision: 10, scale: 3), .string) == .string("123.450"))
    }

    @Test func nestedAndNulls() throws {
        let col = ColumnVector(values: [.array([.int(1), .null]), .null], type: .array(.integer))
        let out = try CastKernel.cast(col, to: .array(.string), ansi: true)
        #expect(out.values == [.array([.string("1"), .null]), .null])
        let ints = ColumnVector(values: [.int(1), .null, .int(3)], type: .integer)
        #expect(try CastKernel.cast(ints, to: .long, ansi: true).values == [.long(1), .null, .long(3)])
        #expect(try CastKernel.cast(ints, to: .string, ansi: true).values == [.string("1"), .null, .string("3")])
        #expect(try CastKernel.cast(.nulls(.null, count: 2), to: .integer, ansi: true).values == [.null, .null])
    }

    @Test func tryCastDescriptor() throws {
        #expect(try KernelHarness.call("try_cast", s("abc"), s("int")) == .null)
        #expect(try KernelHarness.call("try_cast", s("12"), s("bigint")) == .long(12))
    }
}
