import Foundation
import Testing
import Rivulet

/// Parquet files written by Apache Spark 4.3 (parquet-mr 1.17) — snappy with INT96 timestamps and
/// PLAIN_DICTIONARY pages (Spark's defaults), gzip with TIMESTAMP_MICROS, zstd with TIMESTAMP_MILLIS,
/// writer v2 without dictionary (DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY), and the legacy format —
/// read by Rivulet exactly as Spark reads them. The files and the expected rows were produced by
/// `scripts/golden/generate_parquet_fixtures.py` (Spark's own `to_json` of what it read back).
@Suite struct ParquetSparkFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/parquet-spark")

    static func expected() throws -> [String: [String]] {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try JSONDecoder().decode([String: [String]].self, from: data)
    }

    static let names = ["spark-default", "spark-micros-gzip", "spark-millis-zstd", "spark-v2-nodict", "spark-legacy-format"]

    @Test(arguments: names)
    func readsWhatSparkWrote(_ name: String) throws {
        let expected = try #require(try Self.expected()[name])
        let spark = makeSession()
        let rows = try spark.read.parquet(Self.folder.appendingPathComponent("\(name).parquet").path)
            .orderBy("id").selectExpr("to_json(struct(*, CAST(ts AS STRING) AS ts_text)) AS j").collect()
        let actual = rows.map { $0.getString(0) ?? "null" }
        #expect(actual.count == expected.count)
        for (index, (a, e)) in zip(actual, expected).enumerated() where a != e {
            Issue.record("\(name) row \(index):\n  rivulet: \(a)\n  spark:   \(e)")
            break
        }
    }

    @Test func fixturesCoverSparksDefaultsAndTheDeltaEncodings() throws {
        // Guards against regenerating the fixtures with settings that stop exercising the reader.
        let spark = makeSession()
        let schema = try spark.read.parquet(Self.folder.appendingPathComponent("spark-default.parquet").path).schema
        #expect(schema.ddl.contains("ts TIMESTAMP") && schema.ddl.contains("m MAP<STRING, INT>"))
        #expect(try Self.expected().keys.sorted() == Self.names.sorted())
    }
}
