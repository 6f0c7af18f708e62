import Testing
@testable import RivuletCore

@Suite struct ValueFormattingTests {
    /// Expected strings are Java's `Double.toString`, which Spark's cast to string uses.
    @Test(arguments: [
        (1.0, "1.0"), (0.1, "0.1"), (-2.5, "-2.5"), (1e7, "1.0E7"), (12345678.9, "1.23456789E7"),
        (1e-3, "0.001"), (1e-4, "1.0E-4"), (0.30000000000000004, "0.30000000000000004"), (1e21, "1.0E21"),
        (123.456, "123.456"), (-0.0, "-0.0"), (Double.nan, "NaN"), (-Double.infinity, "-Infinity"),
    ])
    func doublesPrintLikeJava(value: Double, expected: String) {
        #expect(SparkFormat.double(value) == expected)
    }

    /// Java prints at least two significant digits: the smallest subnormals, whose shortest form
    /// has one digit, come out as the closest two-digit decimal (values from Spark 4.3 on Java 17;
    /// see Tests/RivuletTests/Golden/parquet-spark, where Spark wrote 4.9E-324).
    @Test func subnormalsPrintLikeJava() {
        #expect(SparkFormat.double(.leastNonzeroMagnitude) == "4.9E-324")
        #expect(SparkFormat.double(-.leastNonzeroMagnitude) == "-4.9E-324")
        #expect(SparkFormat.double(.leastNonzeroMagnitude * 3) == "1.5E-323")
        #expect(SparkFormat.float(.leastNonzeroMagnitude) == "1.4E-45")
        #expect(SparkFormat.double(2.2250738585072014E-308) == "2.2250738585072014E-308")
    }

    @Test func decimalsRoundAndPrint() throws {
        let d = try #require(DecimalValue(parsing: "-12.345"))
        #expect(d.description == "-12.345")
        #expect(d.rescaled(to: 2)?.description == "-12.35")
        #expect(d.rescaled(to: 5)?.description == "-12.34500")
        #expect(DecimalValue(parsing: "0.05")?.description == "0.05")
        #expect(DecimalValue(parsing: "1e3")?.description == "1000")
        #expect(DecimalValue(parsing: "abc") == nil)
        #expect(DecimalValue(unscaled: 5, scale: 3).description == "0.005")
        #expect(DecimalValue(parsing: "99.99")?.rescaled(to: 1, precision: 3) == nil)
    }

    @Test func castToStringRenderingOfNestedValues() {
        let v: Value = .array([.int(1), .null, .int(3)])
        #expect(v.sparkString() == "[1, null, 3]")
        #expect(Value.null.sparkString() == "NULL")
        #expect(Value.map([MapEntry(.string("a"), .long(1))]).sparkString() == "{a -> 1}")
        #expect(Value.struct([.int(1), .string("x"), .null]).sparkString() == "{1, x, null}")
        #expect(Value.timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5, micros: 120_000)).sparkString() == "2024-01-02 03:04:05.12")
        #expect(Value.date(0).sparkString() == "1970-01-01")
        #expect(Value.dayTimeInterval(86_400_000_000 + 3_600_000_000).sparkString() == "INTERVAL '1 01:00:00' DAY TO SECOND")
    }
}
