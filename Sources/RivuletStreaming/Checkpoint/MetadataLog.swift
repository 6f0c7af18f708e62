import RivuletCore
import RivuletState

/// A write-once log of one file per batch id in a checkpoint folder (`offsets/`, `commits/`,
/// `sources/0/`), like Spark's `HDFSMetadataLog`. Each file starts with a version line (`v1`).
///
/// Adding an entry is exclusive: if the file already exists, another writer got there first and
/// `add` fails with a `CONCURRENT_QUERY` checkpoint error rather than overwriting committed data.
public struct MetadataLog: Sendable {
    public let directory: String
    public let version: Int

    public init(directory: String, version: Int = 1) {
        self.directory = directory
        self.version = version
    }

    public func path(_ batchId: Int64) -> String { "\(directory)/\(batchId)" }

    /// Writes the entry for `batchId`; `body` is the text after the version line.
    public func add(_ batchId: Int64, _ body: String) throws(RivuletError) {
        try CheckpointFiles.writeAtomically("v\(version)\n" + body, to: path(batchId), overwrite: false)
    }

    /// The body of the entry for `batchId`, or nil if there is none. A file with an unknown version
    /// line is reported by name.
    public func get(_ batchId: Int64) throws(RivuletError) -> String? {
        let p = path(batchId)
        guard CheckpointFiles.exists(p) else { return nil }
        let text = try CheckpointFiles.readText(p)
        guard let nl = text.firstIndex(of: "\n") else {
            throw RivuletError(.checkpoint, "Checkpoint file \(p) is truncated: no version line", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        let header = text[..<nl]
        guard header.hasPrefix("v"), let v = Int(header.dropFirst()) else {
            throw RivuletError(.checkpoint, "Checkpoint file \(p) is corrupt: expected a version line like 'v1', found '\(header.prefix(40))'", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        guard v <= version else {
            throw RivuletError(.checkpoint, "Checkpoint file \(p) has version v\(v), but this build supports up to v\(version)", errorClass: "INVALID_LOG_VERSION.EXACT_MESSAGE")
        }
        return String(text[text.index(after: nl)...])
    }

    /// Batch ids with an entry, ascending (temporary and foreign files are ignored).
    public func batchIds() -> [Int64] {
        CheckpointFiles.list(directory).compactMap { Int64($0) }.sorted()
    }

    /// The newest entry, if any.
    public func latest() throws(RivuletError) -> (batchId: Int64, body: String)? {
        guard let id = batchIds().last, let body = try get(id) else { return nil }
        return (id, body)
    }

    /// Deletes entries with batch id below `threshold`.
    public func purge(before threshold: Int64) {
        for id in batchIds() where id < threshold { CheckpointFiles.delete(path(id)) }
    }
}
