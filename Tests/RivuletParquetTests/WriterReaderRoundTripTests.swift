import RivuletCore
import Testing
@testable import RivuletParquet

/// Files the writer produces, read back by Rivulet's own ``ParquetFileReader``.
@Suite struct WriterReaderRoundTripTests {
    @Test(arguments: [1, 2])
    func everyTypeRoundTripsThroughTheReader(version: Int) throws {
        let batches = WriterTestTable.batches(randomRows: 400, parts: 2)
        let schema = WriterTestTable.schema
        let expected = WriterFixtures.canonColumns(RecordBatch.concat(batches, schema: schema))
        for codec in ParquetCompression.allCases {
            for dictionary in WriterRoundTripTests.Dictionary.allCases {
                let label = "\(codec.rawValue) v\(version) dictionary \(dictionary.rawValue)"
                var options = WriterRoundTripTests.options(codec, version: version, dictionary: dictionary)
                options.rowGroupSize = 8 * 1024
                let w = ParquetFileWriter(schema: schema, options: options)
                for b in batches { try w.write(b) }
                let reader = try ParquetFileReader(bytes: try w.finish(), name: label)
                #expect(reader.rowGroupCount > 1, "\(label)")
                let back = RecordBatch.concat(try reader.read(), schema: reader.schema)
                #expect(back.numRows == expected[0].count, "\(label)")
                let got = WriterFixtures.canonColumns(back)
                for (i, (g, e)) in zip(got, expected).enumerated() where g != e {
                    let k = zip(g, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(g.count, e.count)
                    Issue.record("\(label): column \(schema[i].name) differs at row \(k): got \(k < g.count ? g[k] : "<missing>"), expected \(k < e.count ? e[k] : "<missing>")")
                }
            }
        }
    }

    /// Types the Parquet schema alone determines. Interval and void columns are plain INT32 / INT64
    /// / UNKNOWN in Parquet; Spark restores them from the schema JSON in the footer, which the
    /// reader does not consult yet.
    @Test func readerSeesTheSparkSchema() throws {
        let w = ParquetFileWriter(schema: WriterTestTable.schema, options: ParquetWriteOptions())
        try w.write(RecordBatch(schema: WriterTestTable.schema, rows: WriterTestTable.rows(randomRows: 10)))
        let reader = try ParquetFileReader(bytes: try w.finish(), name: "schema")
        for (a, b) in zip(reader.schema.fields, WriterTestTable.schema.fields) where !["ym", "dt", "v"].contains(b.name) {
            #expect(a.name == b.name)
            #expect(a.dataType == b.dataType, "column \(a.name)")
            #expect(a.nullable == b.nullable, "column \(a.name)")
        }
    }
}
