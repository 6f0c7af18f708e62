import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

// Expected values come from Apache Spark 4 via scripts/golden/check_functions.py.
@Suite struct KernelDateCollectionTests {
    func dv(_ y: Int, _ m: Int, _ d: Int) -> Value { .date(Int32(DateTimeUtils.daysFromCivil(y, m, d))) }
    func tv(_ text: String) -> Value { .timestamp(DateTimeUtils.parseTimestamp(text)!) }

    @Test func fields() throws {
        #expect(try KernelHarness.call("year", date(2024, 3, 5)) == .int(2024))
        #expect(try KernelHarness.call("year", s("2024-01-01")) == .int(2024))
        #expect(try KernelHarness.call("month", ts("2024-03-05 07:00:00")) == .int(3))
        #expect(try KernelHarness.call("day", date(2024, 3, 5)) == .int(5))
        #expect(try KernelHarness.call("dayofweek", date(2024, 3, 5)) == .int(3))
        #expect(try KernelHarness.call("dayofyear", date(2024, 3, 5)) == .int(65))
        #expect(try KernelHarness.call("weekofyear", date(2024, 1, 1)) == .int(1))
        #expect(try KernelHarness.call("weekofyear", date(2021, 1, 1)) == .int(53))
        #expect(try KernelHarness.call("quarter", date(2024, 5, 1)) == .int(2))
        #expect(try KernelHarness.call("hour", ts("2024-03-05 07:08:09")) == .int(7))
        #expect(try KernelHarness.call("minute", ts("2024-03-05 07:08:09")) == .int(8))
        #expect(try KernelHarness.call("second", ts("2024-03-05 07:08:09.5")) == .int(9))
    }

    @Test func parsingAndFormatting() throws {
        #expect(try KernelHarness.call("to_timestamp", s("2024-01-02 03:04:05")) == tv("2024-01-02 03:04:05"))
        #expect(try KernelHarness.call("to_timestamp", s("2024/01/02"), s("yyyy/MM/dd")) == tv("2024-01-02 00:00:00"))
        do { _ = try KernelHarness.call("to_timestamp", s("garbage")); Issue.record("expected error") } catch { #expect(error.errorClass == "CAST_INVALID_INPUT") }
        do { _ = try KernelHarness.call("to_timestamp", s("bad"), s("yyyy/MM/dd")); Issue.record("expected error") } catch {
            #expect(error.errorClass == "CANNOT_PARSE_TIMESTAMP")
            #expect(error.message.hasPrefix("Text 'bad' could not be parsed at index 0."))
        }
        #expect(try KernelHarness.call("to_date", s("2024/01/02"), s("yyyy/MM/dd")) == dv(2024, 1, 2))
        #expect(try KernelHarness.call("unix_timestamp", s("2024-01-01 00:00:00")) == .long(1704067200))
        #expect(try KernelHarness.call("from_unixtime", l(0)) == .string("1970-01-01 00:00:00"))
        #expect(try KernelHarness.call("from_unixtime", l(1_700_000_000), s("yyyy/MM/dd HH")) == .string("2023/11/14 22"))
        #expect(try KernelHarness.call("date_format", ts("2024-03-05 07:08:09.123"), s("yyyy-MM-dd HH:mm:ss.SSS")) == .string("2024-03-05 07:08:09.123"))
        #expect(try KernelHarness.call("date_format", date(2024, 3, 5), s("EEE MMM d")) == .string("Tue Mar 5"))
        #expect(try KernelHarness.call("date_format", ts("2024-03-05 17:08:09"), s("hh a")) == .string("05 PM"))
        #expect(try KernelHarness.call("timestamp_seconds", i(1)) == .timestamp(1_000_000))
        #expect(try KernelHarness.call("timestamp_millis", l(1500)) == .timestamp(1_500_000))
        #expect(try KernelHarness.call("unix_millis", ts("1970-01-01 00:00:01")) == .long(1000))
    }

    @Test func arithmetic() throws {
        #expect(try KernelHarness.call("date_add", date(2024, 2, 28), i(2)) == dv(2024, 3, 1))
        #expect(try KernelHarness.call("date_add", s("2024-01-01"), i(1)) == dv(2024, 1, 2))
        #expect(try KernelHarness.call("date_sub", date(2024, 3, 1), i(1)) == dv(2024, 2, 29))
        #expect(try KernelHarness.call("datediff", date(2024, 3, 1), date(2024, 2, 1)) == .int(29))
        #expect(try KernelHarness.call("add_months", date(2024, 1, 31), i(1)) == dv(2024, 2, 29))
        #expect(try KernelHarness.call("months_between", date(2024, 3, 31), date(2024, 2, 29)) == .double(1.0))
        #expect(try KernelHarness.call("months_between", ts("2024-03-15 00:00:00"), ts("2024-02-01 00:00:00")) == .double(1.4516129))
        #expect(try KernelHarness.call("last_day", date(2024, 2, 10)) == dv(2024, 2, 29))
        #expect(try KernelHarness.call("next_day", date(2024, 3, 5), s("Mon")) == dv(2024, 3, 11))
        #expect(try KernelHarness.call("trunc", date(2024, 3, 5), s("MM")) == dv(2024, 3, 1))
        #expect(try KernelHarness.call("trunc", date(2024, 3, 5), s("week")) == dv(2024, 3, 4))
        #expect(try KernelHarness.call("trunc", date(2024, 3, 5), s("Q")) == .null)
        #expect(try KernelHarness.call("date_trunc", s("hour"), ts("2024-03-05 07:08:09")) == tv("2024-03-05 07:00:00"))
        #expect(try KernelHarness.call("date_trunc", s("week"), ts("2024-03-05 07:08:09")) == tv("2024-03-04 00:00:00"))
        #expect(try KernelHarness.call("make_date", i(2024), i(2), i(29)) == dv(2024, 2, 29))
        do { _ = try KernelHarness.call("make_date", i(2024), i(2), i(30)); Issue.record("expected error") } catch {
            #expect(error.message == "Invalid date 'FEBRUARY 30'.")
        }
    }

    @Test func collections() throws {
        let arr: Expression = .literal(.array([.int(3), .null, .int(1)]), .array(.integer))
        #expect(try KernelHarness.call("size", arr) == .int(3))
        #expect(try KernelHarness.call("size", .literal(.null, .array(.integer))) == .null)
        #expect(try KernelHarness.call("array_sort", arr) == .array([.int(1), .int(3), .null]))
        #expect(try KernelHarness.call("sort_array", arr) == .array([.null, .int(1), .int(3)]))
        #expect(try KernelHarness.call("sort_array", arr, .literal(.boolean(false), .boolean)) == .array([.int(3), .int(1), .null]))
        #expect(try KernelHarness.call("array_max", arr) == .int(3))
        #expect(try KernelHarness.call("array_contains", arr, i(3)) == .boolean(true))
        #expect(try KernelHarness.call("array_contains", arr, i(5)) == .null)
        #expect(try KernelHarness.call("array_position", arr, i(1)) == .long(3))
        #expect(try KernelHarness.call("array_remove", arr, i(3)) == .array([.null, .int(1)]))
        #expect(try KernelHarness.call("element_at", arr, i(-1)) == .int(1))
        do { _ = try KernelHarness.call("element_at", arr, i(4)); Issue.record("expected error") } catch {
            #expect(error.errorClass == "INVALID_ARRAY_INDEX_IN_ELEMENT_AT")
        }
        #expect(try KernelHarness.call("try_element_at", arr, i(4)) == .null)
        #expect(try KernelHarness.call("array", i(1), l(2)) == .array([.long(1), .long(2)]))
        #expect(try KernelHarness.call("array_distinct", .literal(.array([.int(1), .int(2), .int(1), .null, .null]), .array(.integer))) == .array([.int(1), .int(2), .null]))
        #expect(try KernelHarness.call("array_join", .literal(.array([.string("a"), .null, .string("b")]), .array(.string)), s(",")) == .string("a,b"))
        #expect(try KernelHarness.call("array_join", .literal(.array([.string("a"), .null, .string("b")]), .array(.string)), s(","), s("N")) == .string("a,N,b"))
        #expect(try KernelHarness.call("sequence", i(1), i(10), i(3)) == .array([.int(1), .int(4), .int(7), .int(10)]))
        #expect(try KernelHarness.call("sequence", i(5), i(1)) == .array([.int(5), .int(4), .int(3), .int(2), .int(1)]))
        let four: Expression = .literal(.array([.int(1), .int(2), .int(3), .int(4)]), .array(.integer))
        #expect(try KernelHarness.call("slice", four, i(2), i(2)) == .array([.int(2), .int(3)]))
        #expect(try KernelHarness.call("slice", four, i(-2), i(5)) == .array([.int(3), .int(4)]))
        #expect(try KernelHarness.call("reverse", four) == .array([.int(4), .int(3), .int(2), .int(1)]))
        let m = try KernelHarness.call("map", i(1), s("a"), i(2), s("b"))
        #expect(m == .map([MapEntry(.int(1), .string("a")), MapEntry(.int(2), .string("b"))]))
        let mapLit: Expression = .literal(m, .map(.integer, .string))
        #expect(try KernelHarness.call("map_keys", mapLit) == .array([.int(1), .int(2)]))
        #expect(try KernelHarness.call("element_at", mapLit, i(3)) == .null)
        #expect(try KernelHarness.call("struct", i(1), s("a")) == .struct([.int(1), .string("a")]))
        #expect(try KernelHarness.call("flatten", .literal(.array([.array([.int(1)]), .array([.int(2), .int(3)])]), .array(.array(.integer)))) == .array([.int(1), .int(2), .int(3)]))
        #expect(try KernelHarness.call("concat", .literal(.array([.int(1)]), .array(.integer)), .literal(.array([.int(2)]), .array(.integer))) == .array([.int(1), .int(2)]))
    }
}
