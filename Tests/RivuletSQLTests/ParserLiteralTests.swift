import Testing
import RivuletCore
@testable import RivuletSQL

@Suite("Parser literals")
struct ParserLiteralTests {
    @Test("integer literals widen int -> bigint -> decimal, sign folded in")
    func integers() {
        #expect(Render.parse("1") == "1:int")
        #expect(Render.parse("2147483647") == "2147483647:int")
        #expect(Render.parse("2147483648") == "2147483648:bigint")
        #expect(Render.parse("-2147483648") == "-2147483648:int")
        #expect(Render.parse("- 2147483648") == "-2147483648:int")
        #expect(Render.parse("-2147483649") == "-2147483649:bigint")
        #expect(Render.parse("9223372036854775808") == "9223372036854775808:decimal(19,0)")
        #expect(Render.parse("-9223372036854775808") == "-9223372036854775808:bigint")
        #expect(Render.parse("007") == "7:int")
    }

    @Test("suffixed numeric literals")
    func suffixes() {
        #expect(Render.parse("1L") == "1:bigint")
        #expect(Render.parse("1l") == "1:bigint")
        #expect(Render.parse("1S") == "1:smallint")
        #expect(Render.parse("1Y") == "1:tinyint")
        #expect(Render.parse("-128Y") == "-128:tinyint")
        #expect(Render.parse("1D") == "1.0:double")
        #expect(Render.parse("1.5D") == "1.5:double")
        #expect(Render.parse("1F") == "1.0:float")
        #expect(Render.parse("1.5BD") == "1.5:decimal(2,1)")
        #expect(Render.parse("1e3BD") == "1000:decimal(4,0)")
        #expect(Render.parse("1.5e-3BD") == "0.0015:decimal(4,4)")
        #expect(Render.parse("1.0E10BD") == "10000000000:decimal(11,0)")
    }

    @Test("decimal and exponent literals: 1.5 is DECIMAL(2,1), 1e3 is DOUBLE")
    func decimalsAndDoubles() {
        #expect(Render.parse("1.5") == "1.5:decimal(2,1)")
        #expect(Render.parse(".5") == "0.5:decimal(1,1)")
        #expect(Render.parse("1.") == "1:decimal(1,0)")
        #expect(Render.parse("0.00") == "0.00:decimal(2,2)")
        #expect(Render.parse("0.05") == "0.05:decimal(2,2)")
        #expect(Render.parse("123.4500") == "123.4500:decimal(7,4)")
        #expect(Render.parse("-1.5") == "-1.5:decimal(2,1)")
        #expect(Render.parse("1e3") == "1000.0:double")
        #expect(Render.parse("1E3") == "1000.0:double")
        #expect(Render.parse("1.5E-2") == "0.015:double")
        #expect(Render.parse("-1e3") == "-1000.0:double")
    }

    @Test("numeric range errors follow Spark's error classes")
    func numericErrors() {
        let e = Render.expressionError("128Y")
        #expect(e?.errorClass == "INVALID_NUMERIC_LITERAL_RANGE")
        #expect(e?.message == "Numeric literal 128 is outside the valid range for tinyint with minimum value of -128 and maximum value of 127. Please adjust the value accordingly.")
        #expect(Render.expressionError("32768S")?.errorClass == "INVALID_NUMERIC_LITERAL_RANGE")
        #expect(Render.expressionError("9223372036854775808L")?.errorClass == "INVALID_NUMERIC_LITERAL_RANGE")
        #expect(Render.expressionError("1e400")?.errorClass == "INVALID_NUMERIC_LITERAL_RANGE")
        let big = Render.expressionError("999999999999999999999999999999999999999")
        #expect(big?.errorClass == "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION")
        #expect(big?.message == "Decimal precision 39 exceeds max precision 38.")
        #expect(Render.expressionError("1.00000000000000000000000000000000000001")?.errorClass == "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION")
        #expect(Render.expressionError("1e99999999999999999999BD") != nil)
    }

    @Test("digits followed by letters form an identifier, as in Spark")
    func digitIdentifiers() {
        #expect(Render.parse("1a") == "`1a`")
        #expect(Render.parse("t.1col") == "t.`1col`")
        #expect(Render.parse("123abc + 1") == "(`123abc` + 1:int)")
        #expect(Render.parse("1.5a") == "1:int['5a']")
    }

    @Test("strings: both quotes, escapes, doubled quotes, adjacent concatenation, raw strings")
    func strings() {
        #expect(Render.parse("'abc'") == "'abc'")
        #expect(Render.parse("\"dq\"") == "'dq'")
        #expect(Render.parse("'a' 'b' \"c\"") == "'abc'")
        #expect(Render.parse("'a''b'") == "'a'b'")
        #expect(Render.parse(#"'x\ty\u0041\''"#) == "'x\tyA''")
        #expect(Render.parse(#"'a\qb'"#) == "'aqb'")
        #expect(Render.parse(#"'\n\r\\\"\0'"#) == "'\n\r\\\"\u{0}'")
        #expect(Render.parse(#"'\%\_'"#) == #"'\%\_'"#)
        #expect(Render.parse(#"r'a\nb'"#) == #"'a\nb'"#)
        #expect(Render.parse(#"R"C:\x""#) == #"'C:\x'"#)
        #expect(Render.parse("'ünï' || 'x'") == "('ünï' || 'x')")
    }

    @Test("boolean, null and binary literals")
    func constants() {
        #expect(Render.parse("TRUE") == "true:boolean")
        #expect(Render.parse("false") == "false:boolean")
        #expect(Render.parse("NULL") == "NULL")
        #expect(Render.parse("X'1F2a'") == "X'1F2A':binary")
        #expect(Render.parse("x'123'") == "X'0123':binary")
        let e = Render.expressionError("X'zz'")
        #expect(e?.errorClass == "INVALID_TYPED_LITERAL")
        #expect(e?.message == "The value of the typed literal \"X\" is invalid: 'zz'.")
    }

    @Test("DATE and TIMESTAMP typed literals")
    func typedLiterals() throws {
        #expect(try SQLParser.parseExpression("DATE '2024-01-01'") == .literal(.date(19723), .date))
        #expect(try SQLParser.parseExpression("date'2024-03-05'") == .literal(.date(Int32(DateTimeUtils.daysFromCivil(2024, 3, 5))), .date))
        let ts = DateTimeUtils.micros(year: 2024, month: 1, day: 1, hour: 10)
        #expect(try SQLParser.parseExpression("TIMESTAMP '2024-01-01 10:00:00'") == .literal(.timestamp(ts), .timestamp))
        #expect(try SQLParser.parseExpression("timestamp_ntz '2024-01-01 10:00:00'") == .literal(.timestamp(ts), .timestamp))
        let e = Render.queryError("SELECT date '2024-13-01'")
        #expect(e?.code == .sql)
        #expect(e?.errorClass == "INVALID_TYPED_LITERAL")
        #expect(e?.message == "The value of the typed literal \"DATE\" is invalid: '2024-13-01'.")
        #expect(e?.position == SourcePosition(line: 1, column: 7, offset: 7))
        #expect(Render.expressionError("TIMESTAMP '2024-01-01 10:00:00x'")?.errorClass == "INVALID_TYPED_LITERAL")
        // Without a string after it, DATE is just a column name.
        #expect(Render.parse("date + 1") == "(date + 1:int)")
    }

    private func dayTime(_ text: String) -> Int64? {
        guard case .literal(.dayTimeInterval(let m), .dayTimeInterval)? = try? SQLParser.parseExpression(text) else { return nil }
        return m
    }

    private func yearMonth(_ text: String) -> Int32? {
        guard case .literal(.yearMonthInterval(let m), .yearMonthInterval)? = try? SQLParser.parseExpression(text) else { return nil }
        return m
    }

    @Test("day-time interval literals")
    func dayTimeIntervals() {
        let sec: Int64 = 1_000_000, hour = 3600 * sec, day = 24 * hour
        #expect(dayTime("INTERVAL '1' DAY") == day)
        #expect(dayTime("INTERVAL 2 HOURS") == 2 * hour)
        #expect(dayTime("interval '1 day 2 hours'") == day + 2 * hour)
        #expect(dayTime("INTERVAL 'interval 3 minutes'") == 180 * sec)
        #expect(dayTime("INTERVAL '10' SECOND") == 10 * sec)
        #expect(dayTime("INTERVAL 1 DAY 2 HOURS 3 MINUTES") == day + 2 * hour + 180 * sec)
        #expect(dayTime("INTERVAL -1 DAY") == -day)
        #expect(dayTime("INTERVAL '-1' DAY") == -day)
        #expect(dayTime("INTERVAL 1.5 SECONDS") == 1_500_000)
        #expect(dayTime("INTERVAL 2 WEEKS") == 14 * day)
        #expect(dayTime("INTERVAL 5 MILLISECONDS 7 MICROSECONDS") == 5007)
        #expect(dayTime("INTERVAL '1 2:03:04.5' DAY TO SECOND") == day + 2 * hour + 184 * sec + 500_000)
        #expect(dayTime("INTERVAL '-1 2' DAY TO HOUR") == -(day + 2 * hour))
        #expect(dayTime("INTERVAL '10:20' HOUR TO MINUTE") == 10 * hour + 20 * 60 * sec)
        #expect(dayTime("INTERVAL '20:30.25' MINUTE TO SECOND") == 20 * 60 * sec + 30 * sec + 250_000)
        #expect(Render.expressionError("INTERVAL '1 25' DAY TO HOUR")?.code == .sql)
        #expect(Render.expressionError("INTERVAL 'abc' DAY")?.code == .sql)
    }

    @Test("year-month interval literals and the mixing error")
    func yearMonthIntervals() {
        #expect(yearMonth("INTERVAL 1 MONTH") == 1)
        #expect(yearMonth("INTERVAL '1' YEAR") == 12)
        #expect(yearMonth("INTERVAL 1 YEAR 2 MONTHS") == 14)
        #expect(yearMonth("INTERVAL '1-2' YEAR TO MONTH") == 14)
        #expect(yearMonth("INTERVAL '-1-2' YEAR TO MONTH") == -14)
        let e = Render.expressionError("interval 1 month 2 days")
        #expect(e?.message == "Cannot mix year-month and day-time fields: interval 1 month 2 days.")
        #expect(e?.position?.column == 0)
        #expect(Render.expressionError("INTERVAL 1.5 MONTHS") != nil)
    }

    @Test("an interval literal ends where the next unit-value pair does not follow")
    func intervalBoundaries() {
        #expect(Render.parse("ts + INTERVAL 1 DAY - x").hasSuffix(" - x)"))
        #expect(Render.parse("INTERVAL '1 day' AS d").hasSuffix(" AS d"))
        #expect(Render.parse("interval") == "interval")
    }
}
