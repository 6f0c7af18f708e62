import Foundation
import RivuletTestPeers

/// Helpers shared by the Parquet reader tests: fixture scripts and temporary directories.
enum ParquetFixtures {
    /// `Tests/RivuletParquetTests/Scripts/<name>`.
    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/\(name)").path
    }

    /// Runs a fixture script with the peers' Python; returns its stdout.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        try TestPeers.run(try TestPeers.python(), [script(name)] + arguments)
    }

    /// A fresh temporary directory.
    static func tempDir(_ label: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rivulet-pq-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func remove(_ dir: String) { try? FileManager.default.removeItem(atPath: dir) }
}
