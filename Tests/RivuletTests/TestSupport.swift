import Foundation
import Rivulet

/// A fresh session per test so temporary views never collide between parallel tests.
func makeSession(partitions: Int = 4) -> SparkSession {
    SparkSession.builder.appName("tests").config("spark.sql.shuffle.partitions", partitions).create()
}

/// A new empty temporary directory.
func makeTempDir(_ name: String = "rivulet-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `dir/name` and returns the path.
@discardableResult
func writeFile(_ dir: URL, _ name: String, _ text: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Rows as arrays of Spark cast-to-string renderings (order kept).
func rendered(_ rows: [Row]) -> [[String]] { rows.map { $0.values.map { $0.sparkString() } } }
