import Testing
@testable import RivuletCore

@Suite struct DateTimeUtilsTests {
    @Test func civilDaysRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = DateTimeUtils.civilFromDays(days)
            #expect(DateTimeUtils.daysFromCivil(y, m, d) == days)
        }
        #expect(DateTimeUtils.daysFromCivil(2024, 1, 1) == 19723)
        #expect(DateTimeUtils.daysFromCivil(1969, 12, 31) == -1)
    }

    @Test func parsesSparkTimestampForms() {
        let base = DateTimeUtils.micros(year: 2024, month: 1, day: 1)
        #expect(DateTimeUtils.parseTimestamp("2024-01-01") == base)
        #expect(DateTimeUtils.parseTimestamp("2024-01-01 00:00:01") == base + 1_000_000)
        #expect(DateTimeUtils.parseTimestamp("2024-01-01T00:00:00.123Z") == base + 123_000)
        #expect(DateTimeUtils.parseTimestamp("2024-01-01T02:00:00+02:00") == base)
        #expect(DateTimeUtils.parseTimestamp(" 2024-01-01 00:00:00.5 ") == base + 500_000)
        #expect(DateTimeUtils.parseTimestamp("2024-13-01") == nil)
        #expect(DateTimeUtils.parseTimestamp("2024-02-30") == nil)
        #expect(DateTimeUtils.parseTimestamp("yesterday") == nil)
        #expect(DateTimeUtils.parseTimestamp("") == nil)
    }

    @Test func parsesAndFormatsDates() {
        #expect(DateTimeUtils.parseDate("2024-02-29").map(DateTimeUtils.formatDate) == "2024-02-29")
        #expect(DateTimeUtils.parseDate("2023-02-29") == nil)
        #expect(DateTimeUtils.parseDate("2024-1-5").map(DateTimeUtils.formatDate) == "2024-01-05")
        #expect(DateTimeUtils.parseDate("2024-01-05T10:00:00").map(DateTimeUtils.formatDate) == "2024-01-05")
        #expect(DateTimeUtils.formatTimestamp(-1) == "1969-12-31 23:59:59.999999")
        #expect(DateTimeUtils.formatTimestampISO(DateTimeUtils.micros(year: 2024, month: 1, day: 1)) == "2024-01-01T00:00:00.000Z")
    }
}
