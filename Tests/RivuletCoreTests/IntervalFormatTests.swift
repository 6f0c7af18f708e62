import Testing
@testable import RivuletCore

/// Interval types with start/end fields and their Spark (ANSI style) rendering.
@Suite struct IntervalFormatTests {
    @Test func typeNamesCarryTheirFields() {
        #expect(DataType.dayTimeInterval.simpleString == "interval day to second")
        #expect(DataType.dayTimeInterval(.day, .day).simpleString == "interval day")
        #expect(DataType.dayTimeInterval(.hour, .minute).simpleString == "interval hour to minute")
        #expect(DataType.yearMonthInterval(.month, .month).simpleString == "interval month")
        #expect(DataType.dayTimeInterval(.hour, .hour).intervalWidened(with: .dayTimeInterval(.minute, .minute)) == .dayTimeInterval(.hour, .minute))
        #expect(DataType.dayTimeInterval(.day, .day).intervalWidened(with: .yearMonthInterval) == nil)
        // A field-less pattern matches every day-time interval type.
        if case .dayTimeInterval = DataType.dayTimeInterval(.minute, .second) {} else { Issue.record("pattern did not match") }
    }

    @Test func dayTimeValuesPrintWithTheTypesFields() {
        let hour: Int64 = 3_600_000_000, day = 24 * hour
        #expect(Value.dayTimeInterval(3 * day).sparkString(as: .dayTimeInterval(.day, .day)) == "INTERVAL '3' DAY")
        #expect(Value.dayTimeInterval(hour).sparkString(as: .dayTimeInterval(.hour, .hour)) == "INTERVAL '01' HOUR")
        #expect(Value.dayTimeInterval(36 * hour).sparkString(as: .dayTimeInterval(.hour, .hour)) == "INTERVAL '36' HOUR")
        #expect(Value.dayTimeInterval(90 * 60_000_000).sparkString(as: .dayTimeInterval(.minute, .minute)) == "INTERVAL '90' MINUTE")
        #expect(Value.dayTimeInterval(1_500_000).sparkString(as: .dayTimeInterval(.second, .second)) == "INTERVAL '01.5' SECOND")
        #expect(Value.dayTimeInterval(2 * hour + 30 * 60_000_000).sparkString(as: .dayTimeInterval(.hour, .minute)) == "INTERVAL '02:30' HOUR TO MINUTE")
        #expect(Value.dayTimeInterval(-day).sparkString(as: .dayTimeInterval(.day, .day)) == "INTERVAL '-1' DAY")
        #expect(Value.dayTimeInterval(12 * hour).sparkString(as: .dayTimeInterval) == "INTERVAL '0 12:00:00' DAY TO SECOND")
        #expect(Value.array([.dayTimeInterval(day)]).sparkString(as: .array(.dayTimeInterval(.day, .day))) == "[INTERVAL '1' DAY]")
    }

    @Test func yearMonthValuesPrintWithTheTypesFields() {
        #expect(Value.yearMonthInterval(12).sparkString(as: .yearMonthInterval(.year, .year)) == "INTERVAL '1' YEAR")
        #expect(Value.yearMonthInterval(14).sparkString(as: .yearMonthInterval(.month, .month)) == "INTERVAL '14' MONTH")
        #expect(Value.yearMonthInterval(-27).sparkString(as: .yearMonthInterval) == "INTERVAL '-2-3' YEAR TO MONTH")
    }
}
