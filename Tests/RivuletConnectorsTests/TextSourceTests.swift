import Testing
@testable import RivuletConnectors
import RivuletCore

@Suite struct TextSourceTests {
    @Test func splitsOnAllLineEndings() throws {
        // check_io.py case text_crlf: a\r\nb\rc\n\nd -> a, b, c, "", d
        let dir = TempDir(); defer { dir.remove() }
        let f = try dir.write("t.txt", "a\r\nb\rc\n\nd")
        let src = try TextSource(paths: [f], options: [:])
        #expect(src.schema.simpleString == "struct<value:string>")
        #expect(try readAll(src) == [[.string("a")], [.string("b")], [.string("c")], [.string("")], [.string("d")]])
        #expect(try countRows(src, required: []) == 5)
    }

    @Test func trailingNewlineAddsNoRowAndEmptyFileNone() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("a.txt", "x\ny\n")
        try dir.write("b.txt", "")
        let src = try TextSource(paths: [dir.path], options: [:])
        #expect(try readAll(src) == [[.string("x")], [.string("y")]])
    }

    @Test func wholetextAndLineSep() throws {
        let dir = TempDir(); defer { dir.remove() }
        let f = try dir.write("w.txt", "a|b\nc|")
        #expect(try readAll(try TextSource(paths: [f], options: ["wholetext": "true"])) == [[.string("a|b\nc|")]])
        #expect(try readAll(try TextSource(paths: [f], options: ["lineSep": "|"])) == [[.string("a")], [.string("b\nc")]])
    }

    @Test func smallSplitsReadEveryLineExactlyOnce() throws {
        let dir = TempDir(); defer { dir.remove() }
        var text = ""
        var expected: [[Value]] = []
        var rng = UInt64(7)
        for i in 0..<500 {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let word = String(repeating: "w", count: Int(rng >> 59)) + String(i)
            let sep = ["\n", "\r\n", "\r"][Int((rng >> 40) % 3)]
            text += word + sep
            expected.append([.string(word)])
        }
        let f = try dir.write("big.txt", text)
        for size in [1, 2, 3, 7, 64, 1000] {
            let src = try TextSource(paths: [f], options: ["maxPartitionBytes": String(size)], batchRows: 37)
            #expect(try readAll(src) == expected, "split size \(size)")
        }
    }

    @Test func batchesHoldAtMostBatchRows() throws {
        let dir = TempDir(); defer { dir.remove() }
        let f = try dir.write("n.txt", (0..<100).map(String.init).joined(separator: "\n"))
        var sizes: [Int] = []
        for p in try TextSource(paths: [f], options: [:], batchRows: 30).partitions(requiredColumns: nil) {
            try p.read { (b: RecordBatch) throws(RivuletError) in sizes.append(b.numRows) }
        }
        #expect(sizes == [30, 30, 30, 10])
    }
}

@Suite struct FileIndexTests {
    @Test func missingPathIsPathNotFound() {
        do {
            _ = try FileIndex(paths: ["/nonexistent/x"])
            Issue.record("expected PATH_NOT_FOUND")
        } catch {
            // check_io.py case path_not_found
            #expect(error.errorClass == "PATH_NOT_FOUND")
            #expect(error.code == .io)
            #expect(error.message == "Path does not exist: file:/nonexistent/x.")
        }
    }

    @Test func skipsHiddenFilesRecursesAndSorts() throws {
        let dir = TempDir(); defer { dir.remove() }
        try dir.write("b.txt", "b")
        try dir.write("a.txt", "a")
        try dir.write("_SUCCESS", "")
        try dir.write(".a.txt.crc", "x")
        try dir.write("_temporary/0", "x")   // (a `_spark_metadata` folder would switch to the sink manifest listing)
        try dir.write("sub/c.txt", "c")
        let idx = try FileIndex(paths: [dir.path])
        #expect(idx.files.map { POSIX.lastComponent($0.path) } == ["a.txt", "b.txt", "c.txt"])
        let globbed = try FileIndex(paths: [dir.path + "/*.txt"])
        #expect(globbed.files.map { POSIX.lastComponent($0.path) } == ["a.txt", "b.txt"])
        #expect(throws: RivuletError.self) { try FileIndex(paths: [dir.path + "/*.csv"]) }
    }

    @Test func relativePathsBecomeAbsolute() {
        #expect(FileIndex.absolute("/a/./b/../c//d") == "/a/c/d")
        #expect(FileIndex.absolute("file:/x/y") == "/x/y")
        #expect(FileIndex.absolute("rel").hasPrefix("/"))
    }
}
