import Testing
@testable import RivuletConnectors
import RivuletCore

@Suite struct FileWriterTests {
    let schema = StructType([StructField("a", .integer), StructField("b", .string), StructField("c", .string),
                             StructField("ts", .timestamp), StructField("d", .date), StructField("dbl", .double), StructField("e", .string)])
    var batch: RecordBatch {
        RecordBatch(schema: schema, rows: [[.int(1), .null, .string("x,\"y"), .timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 1)),
                                            .date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 1))), .double(1.5), .string("")]])
    }

    func partFiles(_ dir: String, ext: String) throws -> [String] {
        try POSIX.listDirectory(dir).filter { $0.hasPrefix("part-") && $0.hasSuffix("-c000." + ext) }.sorted()
    }

    @Test func csvAndJSONOutputMatchSpark() throws {
        // check_io.py case write_csv_json
        let dir = TempDir(); defer { dir.remove() }
        try FileFormats.write(batches: [batch], format: "csv", path: dir.path + "/csv", mode: "error", options: ["header": "true"])
        let csvFiles = try partFiles(dir.path + "/csv", ext: "csv")
        #expect(csvFiles.count == 1)
        #expect(POSIX.fileStat(dir.path + "/csv/_SUCCESS") != nil)
        let csvText = String(decoding: try POSIX.ReadFile(dir.path + "/csv/" + csvFiles[0]).readAll(), as: UTF8.self)
        #expect(csvText == "a,b,c,ts,d,dbl,e\n1,,\"x,\\\"y\",2024-01-01T00:00:00.000Z,2024-01-01,1.5,\"\"\n")
        try FileFormats.write(batches: [batch], format: "json", path: dir.path + "/json", mode: "error", options: [:])
        let jsonFile = try partFiles(dir.path + "/json", ext: "json")[0]
        let jsonText = String(decoding: try POSIX.ReadFile(dir.path + "/json/" + jsonFile).readAll(), as: UTF8.self)
        #expect(jsonText == "{\"a\":1,\"c\":\"x,\\\"y\",\"ts\":\"2024-01-01T00:00:00.000Z\",\"d\":\"2024-01-01\",\"dbl\":1.5,\"e\":\"\"}\n")
    }

    @Test func roundTripsThroughTheReaders() throws {
        let dir = TempDir(); defer { dir.remove() }
        try FileFormats.write(batches: [batch, batch], format: "csv", path: dir.path + "/c", mode: "overwrite", options: ["header": "true"])
        let csv = try FileFormats.makeSource(format: "csv", paths: [dir.path + "/c"], options: ["header": "true"], userSchema: schema)
        // Like Spark, the empty string is written as `""` and reads back as null (nullValue defaults to "").
        var expected = batch.row(0).values
        expected[6] = .null
        let got = try readAll(csv)
        #expect(got == [expected, expected], "\(got)")
        try FileFormats.write(batches: [batch], format: "json", path: dir.path + "/j", mode: "overwrite", options: [:])
        let json = try FileFormats.makeSource(format: "json", paths: [dir.path + "/j"], options: [:], userSchema: schema)
        #expect(try readAll(json) == [batch.row(0).values])
        let text = RecordBatch(schema: StructType([StructField("value", .string)]), rows: [[.string("hello")], [.string("wo rld")]])
        try FileFormats.write(batches: [text], format: "text", path: dir.path + "/t", mode: "error", options: [:])
        #expect(try readAll(try FileFormats.makeSource(format: "text", paths: [dir.path + "/t"], options: [:], userSchema: nil)) == [[.string("hello")], [.string("wo rld")]])
        #expect(throws: RivuletError.self) { try FileFormats.write(batches: [batch], format: "text", path: dir.path + "/t2", mode: "error", options: [:]) }
    }

    @Test func saveModes() throws {
        let dir = TempDir(); defer { dir.remove() }
        let out = dir.path + "/o"
        try FileFormats.write(batches: [batch], format: "json", path: out, mode: "errorifexists", options: [:])
        do {
            try FileFormats.write(batches: [batch], format: "json", path: out, mode: "error", options: [:])
            Issue.record("expected PATH_ALREADY_EXISTS")
        } catch {
            #expect(error.errorClass == "PATH_ALREADY_EXISTS")
        }
        try FileFormats.write(batches: [batch], format: "json", path: out, mode: "append", options: [:])
        #expect(try partFiles(out, ext: "json").count == 2)
        try FileFormats.write(batches: [batch], format: "json", path: out, mode: "ignore", options: [:])
        #expect(try partFiles(out, ext: "json").count == 2)
        try FileFormats.write(batches: [batch], format: "json", path: out, mode: "overwrite", options: [:])
        #expect(try partFiles(out, ext: "json").count == 1)
        #expect(throws: RivuletError.self) { try FileFormats.write(batches: [batch], format: "json", path: out, mode: "bogus", options: [:]) }
    }

    @Test func unknownFormatListsKnownOnes() {
        do {
            _ = try FileFormats.makeSource(format: "parquet2", paths: ["/tmp"], options: [:], userSchema: nil)
            Issue.record("expected error")
        } catch {
            #expect(error.message.contains("csv, json, text"))
        }
    }
}
