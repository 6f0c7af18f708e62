import Foundation
import RivuletCore
import RivuletTestPeers
import Testing
@testable import RivuletParquet

@Suite struct WriterSmokeTests {
    @Test(.enabled(if: TestPeers.enabled(.python))) func smoke() throws {
        let schema = StructType([StructField("id", .long), StructField("s", .string), StructField("a", .array(.integer))])
        let batch = RecordBatch(schema: schema, rows: [
            [.long(1), .string("x"), .array([.int(1), .null])],
            [.null, .null, .null],
            [.long(3), .string(""), .array([])],
        ])
        var o = ParquetWriteOptions()
        o.compression = .uncompressed
        let w = ParquetFileWriter(schema: schema, options: o)
        try w.write(batch)
        let bytes = try w.finish()
        let dir = try ParquetFixtures.tempDir("smoke")
        defer { ParquetFixtures.remove(dir) }
        let path = dir + "/a.parquet"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let out = try ParquetFixtures.run("writer_read_back.py", [path])
        print(out)
    }
}
