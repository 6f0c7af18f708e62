import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import RivuletConnectors
import RivuletCore
import RivuletSQL

/// A fresh temporary directory per test, with helpers to write files and read sources back.
struct TempDir {
    let path: String

    init() {
        path = "/tmp/rivulet-io-test-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try? POSIX.makeDirectories(path)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let full = path + "/" + name
        try POSIX.makeDirectories(POSIX.parentDirectory(full))
        try POSIX.writeAtomically(Array(text.utf8), to: full)
        return full
    }

    func remove() { try? POSIX.removeTree(path) }
}

/// Reads every partition of `source` and returns the rows boxed.
func readAll(_ source: any ScanSource, required: [Int]? = nil) throws -> [[Value]] {
    var rows: [[Value]] = []
    for p in try source.partitions(requiredColumns: required) {
        try p.read { (b: RecordBatch) throws(RivuletError) in rows.append(contentsOf: b.rows.map(\.values)) }
    }
    return rows
}

/// Total row count of a scan (works for count-only scans with no columns).
func countRows(_ source: any ScanSource, required: [Int]? = nil) throws -> Int {
    var n = 0
    for p in try source.partitions(requiredColumns: required) {
        try p.read { (b: RecordBatch) throws(RivuletError) in n += b.numRows }
    }
    return n
}
