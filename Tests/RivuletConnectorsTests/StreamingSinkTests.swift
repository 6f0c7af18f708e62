import Testing
@testable import RivuletConnectors
import RivuletCore
import RivuletSQL
import RivuletStreaming

@Suite struct StreamingSinkTests {
    let schema = StructType([StructField("word", .string), StructField("count", .long)])

    @Test func consoleSinkPrintsSparksLayout() throws {
        let out = CapturedOutput()
        let sink = try ConsoleSink(options: [:], output: out)
        let batch = RecordBatch(schema: schema, rows: [[.string("spark"), .long(3)], [.string("a"), .null]])
        try sink.addBatch(0, [batch], schema: schema, outputMode: .complete)
        let expected = """
        -------------------------------------------
        Batch: 0
        -------------------------------------------
        +-----+-----+
        | word|count|
        +-----+-----+
        |spark|    3|
        |    a| NULL|
        +-----+-----+


        """
        #expect(out.text == expected)
    }

    @Test func consoleSinkNumRowsAndTruncate() throws {
        let out = CapturedOutput()
        let sink = try ConsoleSink(options: ["numRows": "1", "truncate": "false"], output: out)
        let long = String(repeating: "x", count: 25)
        let a = RecordBatch(schema: schema, rows: [[.string(long), .long(1)]])
        let b = RecordBatch(schema: schema, rows: [[.string("b"), .long(2)]])
        try sink.addBatch(4, [a, b], schema: schema, outputMode: .append)
        #expect(out.text == """
        -------------------------------------------
        Batch: 4
        -------------------------------------------
        +-------------------------+-----+
        |word                     |count|
        +-------------------------+-----+
        |\(long)|1    |
        +-------------------------+-----+
        only showing top 1 row


        """)
        let empty = CapturedOutput()
        try ConsoleSink(options: [:], output: empty).addBatch(1, [], schema: schema, outputMode: .append)
        #expect(empty.text.hasSuffix("+----+-----+\n|word|count|\n+----+-----+\n+----+-----+\n\n"))
    }

    @Test func fileSinkWritesDataThenManifest() throws {
        let dir = TempDir(); defer { dir.remove() }
        let out = dir.path + "/out"
        let sink = try FileStreamSink(format: "json", path: out, options: [:])
        let b0 = RecordBatch(schema: schema, rows: [[.string("a"), .long(1)]])
        let b1 = RecordBatch(schema: schema, rows: [[.string("b"), .long(2)], [.string("c"), .null]])
        try sink.addBatch(0, [b0, RecordBatch.empty(schema), b1], schema: schema, outputMode: .append)

        let manifest = try readText(out + "/_spark_metadata/0")
        let lines = manifest.split(separator: "\n")
        #expect(lines.first == "v1")
        #expect(lines.count == 3)
        let files = try POSIX.listDirectory(out).filter { $0.hasPrefix("part-") }.sorted()
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasSuffix("-c000.json") })
        #expect(files[0].hasPrefix("part-00000-") && files[1].hasPrefix("part-00001-"))
        for line in lines.dropFirst() {
            let v = try JSONValue.parse(String(line))
            guard case .string(let uri)? = v["path"], case .number(let size, _)? = v["size"], case .number(let mtime, _)? = v["modificationTime"] else {
                Issue.record("bad manifest line \(line)"); continue
            }
            let path = FileURI.decode(uri)
            #expect(uri.hasPrefix("file://" + out + "/part-"))
            let st = try #require(POSIX.fileStat(path))
            #expect(Int(size) == st.size)
            #expect(Int64(mtime) == st.modificationTimeMs)
            #expect(line.hasSuffix(",\"isDir\":false,\"modificationTime\":\(mtime),\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}"))
        }
        // Read back through the batch reader (which goes through the manifest).
        let read = try JSONSource(paths: [out], options: [:], userSchema: schema)
        #expect(Set(try readAll(read)) == [[.string("a"), .long(1)], [.string("b"), .long(2)], [.string("c"), .null]])
    }

    @Test func fileSinkSkipsRedeliveredBatchesAndReadersSeeOnlyCommittedFiles() throws {
        let dir = TempDir(); defer { dir.remove() }
        let out = dir.path + "/out"
        let sink = try FileStreamSink(format: "csv", path: out, options: [:])
        let b0 = RecordBatch(schema: schema, rows: [[.string("a"), .long(1)]])
        try sink.addBatch(0, [b0], schema: schema, outputMode: .append)
        try sink.addBatch(0, [b0], schema: schema, outputMode: .append)   // re-delivered after a "crash"
        #expect(try POSIX.listDirectory(out).filter { $0.hasPrefix("part-") }.count == 1)

        // A batch that crashed after writing its data file but before its manifest.
        try dir.write("out/part-00000-orphan-c000.csv", "zombie,9\n")
        let index = try FileIndex(paths: [out])
        #expect(index.files.count == 1)
        #expect(!index.files[0].path.contains("orphan"))
        #expect(try readAll(try CSVSource(paths: [out], options: [:], userSchema: schema)) == [[.string("a"), .long(1)]])
        // The file source reading the sink's folder sees the same.
        let src = try FileStreamSource(format: "csv", path: out, options: [:], userSchema: schema)
        #expect(try runBatch(src, after: nil).rows == [[.string("a"), .long(1)]])

        let update = #expect(throws: RivuletError.self) { try sink.addBatch(1, [b0], schema: schema, outputMode: .update) }
        #expect(update?.message == "Data source csv does not support Update output mode.")
    }

    @Test func textSinkAndEmptyBatchManifest() throws {
        let dir = TempDir(); defer { dir.remove() }
        let out = dir.path + "/t"
        let s = StructType([StructField("value", .string)])
        let sink = try StreamingFormats.makeSink(format: "text", options: [:], path: out, queryName: nil)
        try sink.addBatch(0, [], schema: s, outputMode: .append)
        #expect(try readText(out + "/_spark_metadata/0") == "v1\n")
        try sink.addBatch(1, [RecordBatch(schema: s, rows: [[.string("line")]])], schema: s, outputMode: .append)
        let files = try POSIX.listDirectory(out).filter { $0.hasPrefix("part-") }
        #expect(files.count == 1 && files[0].hasSuffix("-c000.txt"))
        #expect(try readAll(try TextSource(paths: [out], options: [:])) == [[.string("line")]])
        #expect(try FileSinkManifest.entries(inDirectory: out).count == 1)
    }

    @Test func factoryErrors() {
        let src = #expect(throws: RivuletError.self) { try StreamingFormats.makeSource(format: "kafka2", options: [:], userSchema: nil, path: nil) }
        #expect(src?.message == "Failed to find the data source: kafka2. Known streaming sources: socket, text, csv, json, rate, rate-micro-batch, memory, kafka.")
        let sink = #expect(throws: RivuletError.self) { try StreamingFormats.makeSink(format: "parquet2", options: [:], path: nil, queryName: nil) }
        #expect(sink?.errorClass == "DATA_SOURCE_NOT_FOUND")
        #expect(throws: RivuletError.self) { try StreamingFormats.makeSink(format: "json", options: [:], path: nil, queryName: nil) }
        #expect((try? StreamingFormats.makeSink(format: "noop", options: [:], path: nil, queryName: nil)) is NoopSink)
        #expect((try? StreamingFormats.makeSource(format: "rate", options: [:], userSchema: nil, path: nil))?.schema.simpleString == "struct<timestamp:timestamp,value:bigint>")
    }

    @Test func fileURIsRoundTrip() {
        #expect(FileURI.encode("/tmp/a b/c%d.json") == "file:///tmp/a%20b/c%25d.json")
        #expect(FileURI.decode("file:///tmp/a%20b/c%25d.json") == "/tmp/a b/c%d.json")
        #expect(FileURI.decode("file:/tmp/x") == "/tmp/x")
    }
}
