import Foundation
import RivuletCore
import RivuletTestPeers
import Testing

@testable import RivuletParquet

/// Projection decodes only the requested columns' chunks: a file whose other chunks are
/// overwritten with garbage still reads the projected column.
@Suite struct ReaderProjectionTests {
    @Test(.enabled(if: TestPeers.enabled(.python)))
    func projectionTouchesOnlyItsColumnChunks() throws {
        let dir = try ParquetFixtures.tempDir("projection")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/skip.parquet"
        try ParquetFixtures.run("skipping_fixture.py", [path])
        let clean = try ParquetFileReader(path: path)
        let expected = try clean.read(columns: ["name", "id"], predicate: nil)

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let keep = Set(["id", "name"])
        for (g, rg) in clean.metadata.rowGroups.enumerated() {
            for chunk in rg.columns {
                guard let m = chunk.metaData, !keep.contains(m.pathInSchema[0]) else { continue }
                for i in try clean.chunkRange(m, rowGroup: g, path: m.pathInSchema.joined(separator: ".")) { bytes[i] = 0xFF }
            }
        }
        let damagedPath = dir + "/damaged.parquet"
        try Data(bytes).write(to: URL(fileURLWithPath: damagedPath))
        for reader in [try ParquetFileReader(path: damagedPath), try ParquetFileReader(bytes: bytes, name: "damaged.parquet")] {
            let got = try reader.read(columns: ["name", "id"], predicate: nil)
            #expect(got.count == expected.count)
            for (a, b) in zip(got, expected) {
                #expect(a.schema == b.schema)
                #expect(a.schema.names == ["name", "id"])
                #expect(a.rows.map(\.values) == b.rows.map(\.values))
            }
            #expect(throws: RivuletError.self) { _ = try reader.read(columns: ["price"], predicate: nil) }
        }
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func unknownColumnIsAnAnalysisErrorNamingTheFile() throws {
        let dir = try ParquetFixtures.tempDir("projection-err")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/skip.parquet"
        try ParquetFixtures.run("skipping_fixture.py", [path])
        let reader = try ParquetFileReader(path: path)
        do {
            _ = try reader.read(columns: ["nope"], predicate: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .analysis)
            #expect(error.message.contains("nope") && error.message.contains(path))
        }
        // Case-insensitive like Spark's default resolution; the batch keeps the file's name.
        let b = try reader.readRowGroup(0, columns: ["ID"])
        #expect(b.schema.names == ["id"])
        #expect(b.numRows == 50)
    }
}
