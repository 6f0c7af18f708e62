import Testing
@testable import RivuletCore

@Suite struct ColumnVectorTests {
    @Test func takeWithNullIndicesAndStrings() {
        let v = ColumnVector(strings: ["a", nil, "ccc"])
        let t = v.take([2, -1, 0, 1])
        #expect(t.values == [.string("ccc"), .null, .string("a"), .null])
        #expect(t.nullCount == 2)
    }

    @Test func concatKeepsValuesAndNulls() {
        let a = ColumnVector(values: [.array([.int(1), .int(2)]), .null], type: .array(.integer))
        let b = ColumnVector(values: [.array([]), .array([.int(3)])], type: .array(.integer))
        let c = ColumnVector.concat([a, b], type: .array(.integer))
        #expect(c.values == [.array([.int(1), .int(2)]), .null, .array([]), .array([.int(3)])])
        let s = ColumnVector.concat([ColumnVector(strings: ["x"]), ColumnVector(strings: [nil, "yz"])], type: .string)
        #expect(s.values == [.string("x"), .null, .string("yz")])
    }

    @Test func builderRoundTripsEveryType() throws {
        let schema = try StructType.fromDDL("b BOOLEAN, i INT, l BIGINT, d DOUBLE, s STRING, dt DATE, ts TIMESTAMP, dec DECIMAL(5,2), m MAP<STRING,INT>, st STRUCT<x: INT, y: STRING>")
        let row: [Value] = [.boolean(true), .int(7), .long(-8), .double(1.5), .string("é"), .date(3), .timestamp(4),
                            .decimal(DecimalValue(unscaled: 12345, scale: 2)), .map([MapEntry(.string("k"), .int(1))]), .struct([.int(1), .null])]
        let batch = RecordBatch(schema: schema, rows: [row, [Value](repeating: .null, count: row.count)])
        #expect(batch.row(0).values == row)
        #expect(batch.row(1).values.allSatisfy { $0.isNull })
        let sliced = batch.slice(1..<2)
        #expect(sliced.numRows == 1)
        #expect(sliced.row(0).values.allSatisfy { $0.isNull })
    }

    @Test func batchRejectsMismatchedColumns() {
        #expect(throws: RivuletError.self) {
            try RecordBatch(schema: StructType([StructField("a", .long)]), columns: [ColumnVector(int64: [1]), ColumnVector(int64: [2])])
        }
        #expect(throws: RivuletError.self) {
            try RecordBatch(schema: StructType([StructField("a", .long), StructField("b", .long)]), columns: [ColumnVector(int64: [1]), ColumnVector(int64: [2, 3])])
        }
    }

    @Test func bitmapCountsAndClears() {
        var b = Bitmap(count: 70, value: true)
        #expect(b.popCount == 70)
        b.clear(65)
        #expect(!b[65] && b[64])
        #expect(b.popCount == 69)
    }
}
