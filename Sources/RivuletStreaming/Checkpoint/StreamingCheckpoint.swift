import Foundation
import RivuletCore
import RivuletState

/// The checkpoint folder of one streaming query, laid out like Spark's:
/// `metadata` (the query id), `offsets/` (write-ahead log), `commits/`, `sources/`, `state/`.
///
/// Opening it takes an exclusive lock (a `.lock` file holding the run id, created with `O_EXCL`),
/// so a second running query on the same checkpoint is refused with a clear error.
public final class StreamingCheckpoint: Sendable {
    public let root: String
    public let queryId: String
    public let offsets: MetadataLog
    public let commits: MetadataLog
    private let lockPath: String

    /// Opens (creating if needed) the checkpoint at `root` and locks it for `runId`.
    public init(root: String, runId: String) throws(RivuletError) {
        self.root = root
        self.offsets = MetadataLog(directory: root + "/offsets")
        self.commits = MetadataLog(directory: root + "/commits")
        self.lockPath = root + "/.lock"
        try CheckpointFiles.createDirectory(root)
        let metadataPath = root + "/metadata"
        if CheckpointFiles.exists(metadataPath) {
            let text = try CheckpointFiles.readText(metadataPath)
            guard let obj = parseObject(text.split(separator: "\n").first.map(String.init) ?? ""), let id = obj["id"] as? String else {
                throw RivuletError(.checkpoint, "Checkpoint file \(metadataPath) is corrupt: expected {\"id\":\"...\"}", errorClass: "CHECKPOINT_FILE_CORRUPT")
            }
            queryId = id
        } else {
            let id = UUID().uuidString.lowercased()
            try CheckpointFiles.writeAtomically("{\"id\":\"\(id)\"}\n", to: metadataPath, overwrite: false)
            queryId = id
        }
        do {
            try CheckpointFiles.writeAtomically(runId + "\n", to: lockPath, overwrite: false)
        } catch {
            let holder = (try? CheckpointFiles.readText(lockPath))?.trimmingASCIISpaces() ?? "?"
            if Self.lockIsStale(holder) {
                CheckpointFiles.delete(lockPath)
                try CheckpointFiles.writeAtomically(runId + "\n", to: lockPath, overwrite: false)
            } else {
                throw RivuletError(.checkpoint, "Another streaming query (run \(holder)) is already active on the checkpoint \(root); stop it first or use another checkpointLocation", errorClass: "CONCURRENT_QUERY")
            }
        }
    }

    /// Releases the lock.
    public func close() { CheckpointFiles.delete(lockPath) }

    /// Lock holders are `pid:<n>:<uuid>` run ids; a lock whose process is gone (a crash) is stale.
    static func lockIsStale(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":")
        guard parts.count >= 2, parts[0] == "pid", let pid = Int32(parts[1]) else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// A run id that records this process, so a lock left by a crashed process can be recognised.
    public static func makeRunId() -> String { "pid:\(getpid()):\(UUID().uuidString.lowercased())" }

    /// The state folder's root (for ``StateStoreId``).
    public var stateRoot: String { root }

    /// Where a source keeps its own log (`sources/<index>`).
    public func sourceDirectory(_ index: Int) -> String { "\(root)/sources/\(index)" }

    /// Deletes offsets and commits older than the last `minBatchesToRetain` batches.
    public func purge(keeping minBatchesToRetain: Int, latestBatchId: Int64) {
        let threshold = latestBatchId - Int64(minBatchesToRetain) + 1
        guard threshold > 0 else { return }
        offsets.purge(before: threshold)
        commits.purge(before: threshold)
    }
}
