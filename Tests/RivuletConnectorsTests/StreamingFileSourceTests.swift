import Testing
@testable import RivuletConnectors
import RivuletCore
import RivuletSQL
import RivuletStreaming

@Suite struct StreamingFileSourceTests {
    let jsonSchema = StructType([StructField("id", .long), StructField("name", .string)])

    @Test func picksUpFilesArrivingBetweenBatchesAndLogsThemInSparkFormat() throws {
        let dir = TempDir(); defer { dir.remove() }
        let input = dir.path + "/in", ckpt = dir.path + "/ckpt/sources/0"
        try dir.write("in/a.json", "{\"id\":1,\"name\":\"a\"}\n")
        setModificationTime(input + "/a.json", seconds: 1_700_000_000)
        let src = try FileStreamSource(format: "json", path: input, options: [:], userSchema: jsonSchema)
        try src.start(checkpointDirectory: ckpt)
        #expect(src.description == "FileStreamSource[file:\(input)]")

        let b0 = try runBatch(src, after: nil)
        #expect(b0.end?.json == "{\"logOffset\":0}")
        #expect(b0.rows == [[.long(1), .string("a")]])
        // Nothing new: the offset stays put.
        #expect(try runBatch(src, after: b0.end).end == b0.end)

        try dir.write("in/b.json", "{\"id\":2,\"name\":\"b\"}\n{\"id\":3,\"name\":\"c\"}\n")
        setModificationTime(input + "/b.json", seconds: 1_700_000_100)
        let b1 = try runBatch(src, after: b0.end)
        #expect(b1.end?.json == "{\"logOffset\":1}")
        #expect(b1.rows == [[.long(2), .string("b")], [.long(3), .string("c")]])

        let log0 = try readText(ckpt + "/0")
        #expect(log0 == "v1\n{\"path\":\"file://\(input)/a.json\",\"timestamp\":1700000000000,\"batchId\":0}")
        let log1 = try readText(ckpt + "/1")
        #expect(log1 == "v1\n{\"path\":\"file://\(input)/b.json\",\"timestamp\":1700000100000,\"batchId\":1}")
        // The range is replayable.
        #expect(try readAll(try src.planBatch(start: nil, end: b1.end!)).count == 3)
    }

    @Test func maxFilesPerTriggerTakesOldestFirst() throws {
        let dir = TempDir(); defer { dir.remove() }
        for (i, name) in ["c", "a", "b"].enumerated() {
            try dir.write("in/\(name).txt", name + "\n")
            setModificationTime(dir.path + "/in/\(name).txt", seconds: 1_700_000_000 + i)
        }
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["maxFilesPerTrigger": "2"], userSchema: nil)
        let b0 = try runBatch(src, after: nil)
        #expect(b0.rows == [[.string("c")], [.string("a")]])
        let b1 = try runBatch(src, after: b0.end)
        #expect(b1.rows == [[.string("b")]])
        #expect(throws: RivuletError.self) { try FileStreamSource(format: "text", path: dir.path + "/in", options: ["maxFilesPerTrigger": "0"], userSchema: nil) }
    }

    @Test func sameModificationTimeOrdersByName() throws {
        let dir = TempDir(); defer { dir.remove() }
        for name in ["b", "c", "a"] {
            try dir.write("in/\(name).txt", name)
            setModificationTime(dir.path + "/in/\(name).txt", seconds: 1_700_000_000)
        }
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["maxFilesPerTrigger": "1"], userSchema: nil)
        var end: SourceOffset?
        var seen: [[Value]] = []
        for _ in 0..<3 { let b = try runBatch(src, after: end); end = b.end; seen += b.rows }
        #expect(seen == [[.string("a")], [.string("b")], [.string("c")]])
    }

    @Test func maxBytesPerTriggerTakesAtLeastOneFile() throws {
        let dir = TempDir(); defer { dir.remove() }
        let sizes = [("a", 6), ("b", 3), ("c", 3), ("d", 10)]
        for (i, (name, size)) in sizes.enumerated() {
            try dir.write("in/\(name).txt", String(repeating: name, count: size - 1) + "\n")
            setModificationTime(dir.path + "/in/\(name).txt", seconds: 1_700_000_000 + i)
        }
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["maxBytesPerTrigger": "9"], userSchema: nil)
        let b0 = try runBatch(src, after: nil)
        #expect(b0.rows == [[.string("aaaaa")], [.string("bb")]])   // 6 + 3 = 9
        let b1 = try runBatch(src, after: b0.end)
        #expect(b1.rows == [[.string("cc")]])                        // 3 + 10 > 9
        let b2 = try runBatch(src, after: b1.end)
        #expect(b2.rows == [[.string("ddddddddd")]])                 // bigger than the limit, still read
        let both = #expect(throws: RivuletError.self) {
            try FileStreamSource(format: "text", path: dir.path + "/in", options: ["maxBytesPerTrigger": "9", "maxFilesPerTrigger": "1"], userSchema: nil)
        }
        #expect(both?.message == "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time")
    }

    @Test func latestFirstTakesNewestFirst() throws {
        let dir = TempDir(); defer { dir.remove() }
        for (i, name) in ["old", "mid", "new"].enumerated() {
            try dir.write("in/\(name).txt", name)
            setModificationTime(dir.path + "/in/\(name).txt", seconds: 1_700_000_000 + i * 10)
        }
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["latestFirst": "true", "maxFilesPerTrigger": "1"], userSchema: nil)
        var end: SourceOffset?
        var seen: [[Value]] = []
        for _ in 0..<3 { let b = try runBatch(src, after: end); end = b.end; seen += b.rows }
        #expect(seen == [[.string("new")], [.string("mid")], [.string("old")]])
    }

    @Test func maxFileAgeIgnoresFilesOlderThanTheNewestMinusTheAge() throws {
        let dir = TempDir(); defer { dir.remove() }
        let t0 = 1_700_000_000
        try dir.write("in/first.txt", "first")
        setModificationTime(dir.path + "/in/first.txt", seconds: t0)
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["maxFileAge": "1h"], userSchema: nil)
        let b0 = try runBatch(src, after: nil)
        #expect(b0.rows == [[.string("first")]])
        try dir.write("in/stale.txt", "stale")
        setModificationTime(dir.path + "/in/stale.txt", seconds: t0 - 7200)   // 2h older than the newest file
        try dir.write("in/recent.txt", "recent")
        setModificationTime(dir.path + "/in/recent.txt", seconds: t0 - 1800)  // 30 min older: still valid
        let b1 = try runBatch(src, after: b0.end)
        #expect(b1.rows == [[.string("recent")]])
        #expect(try runBatch(src, after: b1.end).rows.isEmpty)
    }

    @Test func cleanSourceDeleteRemovesOnlyCommittedFiles() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/a.txt", "a")
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["cleanSource": "delete"], userSchema: nil)
        let b0 = try runBatch(src, after: nil, commit: false)
        #expect(b0.rows == [[.string("a")]])
        #expect(POSIX.fileStat(dir.path + "/in/a.txt") != nil)   // not committed yet
        try src.commit(b0.end!)
        #expect(POSIX.fileStat(dir.path + "/in/a.txt") == nil)
    }

    @Test func cleanSourceArchiveMovesUnderTheArchiveDirectory() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/sub/a.txt", "a")
        let archive = dir.path + "/archive"
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["cleanSource": "ARCHIVE", "sourceArchiveDir": archive], userSchema: nil)
        let b0 = try runBatch(src, after: nil)
        #expect(b0.rows == [[.string("a")]])
        #expect(POSIX.fileStat(dir.path + "/in/sub/a.txt") == nil)
        // Spark keeps the file's full path under the archive directory.
        #expect(POSIX.fileStat(archive + dir.path + "/in/sub/a.txt") != nil)

        let noDir = #expect(throws: RivuletError.self) { try FileStreamSource(format: "text", path: dir.path + "/in", options: ["cleanSource": "archive"], userSchema: nil) }
        #expect(noDir?.message == "Archive mode must be used with 'sourceArchiveDir' option.")
        #expect(throws: RivuletError.self) {
            try FileStreamSource(format: "text", path: dir.path + "/in", options: ["cleanSource": "archive", "sourceArchiveDir": dir.path + "/in/old"], userSchema: nil)
        }
        let bad = #expect(throws: RivuletError.self) { try FileStreamSource(format: "text", path: dir.path + "/in", options: ["cleanSource": "move"], userSchema: nil) }
        #expect(bad?.message == "Invalid mode for clean source option move. Must be one of ARCHIVE,DELETE,OFF")
    }

    @Test func partitionDirectoriesBecomeTypedColumns() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/year=2024/country=DE/a.json", "{\"id\":1,\"name\":\"x\"}\n")
        try dir.write("in/year=2025/country=US%3AWest/b.json", "{\"id\":2,\"name\":\"y\"}\n")
        let src = try FileStreamSource(format: "json", path: dir.path + "/in", options: [:], userSchema: jsonSchema)
        #expect(src.schema.simpleString == "struct<id:bigint,name:string,year:int,country:string>")
        let b0 = try runBatch(src, after: nil)
        #expect(Set(b0.rows) == [[.long(1), .string("x"), .int(2024), .string("DE")], [.long(2), .string("y"), .int(2025), .string("US:West")]])
        // Column pruning: only a partition column, and only a data column.
        let scan = try src.planBatch(start: nil, end: b0.end!)
        #expect(Set(try readAll(scan, required: [2])) == [[.int(2024)], [.int(2025)]])
        #expect(Set(try readAll(scan, required: [1, 3])) == [[.string("x"), .string("DE")], [.string("y"), .string("US:West")]])
        // A partition that appears later gets its value parsed with the inferred type.
        try dir.write("in/year=2026/country=FR/c.json", "{\"id\":3,\"name\":\"z\"}\n")
        #expect(try runBatch(src, after: b0.end).rows == [[.long(3), .string("z"), .int(2026), .string("FR")]])
    }

    @Test func partitionTypesFollowTheUserSchemaAndWiden() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/k=1/a.txt", "a")
        try dir.write("in/k=2.5/b.txt", "b")
        try dir.write("in/d=2024-01-02/c.txt", "c")
        let spec = PartitionSpec.infer(basePath: dir.path + "/in", files: [dir.path + "/in/k=1/a.txt", dir.path + "/in/k=2.5/b.txt"], userSchema: nil)
        #expect(spec.schema.simpleString == "struct<k:double>")
        #expect(PartitionSpec.inferType("2024-01-02") == .date)
        #expect(PartitionSpec.inferType("2024-01-02 10:00:00") == .timestamp)
        #expect(PartitionSpec.inferType("12345678901") == .long)
        #expect(PartitionSpec.inferType("__HIVE_DEFAULT_PARTITION__") == .null)
        let user = StructType([StructField("value", .string), StructField("k", .string)])
        let typed = PartitionSpec.infer(basePath: dir.path + "/in", files: [dir.path + "/in/k=1/a.txt"], userSchema: user)
        #expect(typed.schema.simpleString == "struct<k:string>")
    }

    @Test func restartRecoversSeenFilesFromTheLog() throws {
        let dir = TempDir(); defer { dir.remove() }
        let ckpt = dir.path + "/ckpt/sources/0"
        try dir.write("in/a.txt", "a")
        setModificationTime(dir.path + "/in/a.txt", seconds: 1_700_000_000)
        let first = try FileStreamSource(format: "text", path: dir.path + "/in", options: [:], userSchema: nil)
        try first.start(checkpointDirectory: ckpt)
        let b0 = try runBatch(first, after: nil)
        // A file arrives, is logged for batch 1, but the query crashes before running it.
        try dir.write("in/b.txt", "b")
        setModificationTime(dir.path + "/in/b.txt", seconds: 1_700_000_010)
        let pending = try first.latestOffset(after: b0.end)
        #expect(pending?.json == "{\"logOffset\":1}")
        first.stop()

        try dir.write("in/c.txt", "c")
        setModificationTime(dir.path + "/in/c.txt", seconds: 1_700_000_020)
        let second = try FileStreamSource(format: "text", path: dir.path + "/in", options: [:], userSchema: nil)
        try second.start(checkpointDirectory: ckpt)
        // The engine replays the logged batch 1 with the same offsets...
        #expect(try readAll(try second.planBatch(start: b0.end, end: pending!)) == [[.string("b")]])
        // ...then the next batch has only the new file: nothing twice, nothing skipped.
        let b2 = try runBatch(second, after: pending)
        #expect(b2.end?.json == "{\"logOffset\":2}")
        #expect(b2.rows == [[.string("c")]])
    }

    @Test func missingSchemaAndMissingPathErrors() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/a.json", "{\"id\":1}\n")
        let e = #expect(throws: RivuletError.self) { try FileStreamSource(format: "json", path: dir.path + "/in", options: [:], userSchema: nil) }
        #expect(e?.message == "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.")
        // With schema inference on, the schema comes from the files already there.
        let inferred = try FileStreamSource(format: "json", path: dir.path + "/in", options: ["spark.sql.streaming.schemaInference": "true"], userSchema: nil)
        #expect(inferred.schema.simpleString == "struct<id:bigint>")
        // Text needs no schema.
        #expect(try FileStreamSource(format: "text", path: dir.path + "/in", options: [:], userSchema: nil).schema.simpleString == "struct<value:string>")
        let missing = #expect(throws: RivuletError.self) { try FileStreamSource(format: "text", path: dir.path + "/nope", options: [:], userSchema: nil) }
        #expect(missing?.errorClass == "PATH_NOT_FOUND")
        let noPath = #expect(throws: RivuletError.self) { try StreamingFormats.makeSource(format: "csv", options: [:], userSchema: jsonSchema, path: nil) }
        #expect(noPath?.message == "'path' is not specified")
    }

    @Test func vanishedFileIsAnErrorNamingItOrSkipped() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/a.txt", "a")
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: [:], userSchema: nil)
        let end = try #require(try src.latestOffset(after: nil))
        try POSIX.removeTree(dir.path + "/in/a.txt")
        let e = #expect(throws: RivuletError.self) { try readAll(try src.planBatch(start: nil, end: end)) }
        #expect(e?.errorClass == "FAILED_READ_FILE.FILE_NOT_EXIST")
        #expect(e?.message.contains("file://\(dir.path)/in/a.txt") == true)

        try dir.write("in/b.txt", "b")
        let lenient = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["spark.sql.files.ignoreMissingFiles": "true"], userSchema: nil)
        let end2 = try #require(try lenient.latestOffset(after: nil))
        try POSIX.removeTree(dir.path + "/in/b.txt")
        #expect(try readAll(try lenient.planBatch(start: nil, end: end2)).isEmpty)
    }

    @Test func csvWithUserSchemaAndHiddenFilesSkipped() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/a.csv", "id,name\n1,x\n2,y\n")
        try dir.write("in/_tmp.csv", "9,hidden\n")
        try dir.write("in/.b.csv", "9,hidden\n")
        let src = try FileStreamSource(format: "csv", path: dir.path + "/in", options: ["header": "true"], userSchema: jsonSchema)
        #expect(try runBatch(src, after: nil).rows == [[.long(1), .string("x")], [.long(2), .string("y")]])
    }

    @Test func availableNowStopsAtTheFilesPresentWhenPrepared() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("in/a.txt", "a")
        let src = try FileStreamSource(format: "text", path: dir.path + "/in", options: ["maxFilesPerTrigger": "1"], userSchema: nil)
        try src.prepareForTriggerAvailableNow()
        try dir.write("in/b.txt", "b")
        let b0 = try runBatch(src, after: nil)
        #expect(b0.rows == [[.string("a")]])
        #expect(try runBatch(src, after: b0.end).end == b0.end)
    }
}
