import Foundation
import RivuletCore
import RivuletTestPeers
import Testing

@testable import RivuletParquet

/// Files written by pyarrow and DuckDB (every type, codec, page version and encoding the
/// fixture script covers) read by Rivulet and compared value by value with what pyarrow (or
/// DuckDB, for its own files) reads back.
@Suite struct ReaderFixtureTests {
    struct Entry: Decodable {
        var file: String
        var columns: [String: [String]]
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func readsEveryWriterConfigurationLikeTheWriter() throws {
        let dir = try ParquetFixtures.tempDir("fixtures")
        defer { ParquetFixtures.remove(dir) }
        try ParquetFixtures.run("reader_fixtures.py", [dir])
        let manifest = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
        #expect(manifest.count >= 30)
        var failures = 0
        for entry in manifest {
            let path = dir + "/" + entry.file
            let reader: ParquetFileReader
            let batches: [RecordBatch]
            do {
                reader = try ParquetFileReader(path: path)
                batches = try reader.read(columns: nil, predicate: nil)
            } catch {
                Issue.record("\(entry.file): \(error)")
                failures += 1
                continue
            }
            #expect(batches.reduce(0) { $0 + $1.numRows } == Int(reader.numRows), "\(entry.file)")
            for (name, expected) in entry.columns.sorted(by: { $0.key < $1.key }) {
                guard let index = reader.schema.index(of: name) else {
                    Issue.record("\(entry.file): column \(name) missing from \(reader.schema.simpleString)")
                    continue
                }
                let got = batches.flatMap { b in (0..<b.numRows).map { canonical(b.columns[index].value(at: $0)) } }
                guard got.count == expected.count else {
                    Issue.record("\(entry.file) \(name): \(got.count) values, expected \(expected.count)")
                    continue
                }
                if let i = got.indices.first(where: { got[$0] != expected[$0] }) {
                    failures += 1
                    Issue.record("\(entry.file) \(name) row \(i): got \(got[i]), expected \(expected[i])")
                }
            }
        }
        #expect(failures == 0)
    }
}
