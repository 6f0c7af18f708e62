import RivuletCore
import Synchronization

/// Spark's default (HDFS-backed) state store provider, in-process: the state of one operator
/// partition is an in-memory map; every committed batch writes a delta file `<version>.delta`, and
/// every `minDeltasForSnapshot` versions a full `<version>.snapshot` is written so recovery never
/// replays long chains. Files older than `minVersionsToRetain` versions are deleted.
///
/// Loading version `v` reads the newest snapshot at or below `v` and the deltas after it. A missing
/// or corrupt file fails the load with an error naming the file; state is never silently reset.
public final class StateStoreProvider: Sendable {
    public let id: StateStoreId
    public let minDeltasForSnapshot: Int
    public let minVersionsToRetain: Int
    /// The most recently committed or loaded version, kept to avoid re-reading files every batch.
    private let cached = Mutex<(version: Int64, map: [StateKey: [UInt8]])?>(nil)

    public init(id: StateStoreId, minDeltasForSnapshot: Int = 10, minVersionsToRetain: Int = 100) {
        self.id = id
        self.minDeltasForSnapshot = max(1, minDeltasForSnapshot)
        self.minVersionsToRetain = max(1, minVersionsToRetain)
    }

    /// The state as of `version` (0 is the empty initial state), ready for updates.
    public func getStore(version: Int64) throws(RivuletError) -> StateStore {
        if let hit = cached.withLock({ c in c.flatMap { $0.version == version ? $0.map : nil } }) {
            return StateStore(id: id, version: version, map: hit)
        }
        let map = try load(version: version)
        cached.withLock { $0 = (version, map) }
        return StateStore(id: id, version: version, map: map)
    }

    /// Persists the store's changes as version `store.version + 1` and returns that version.
    /// Re-committing a version (a re-run batch) overwrites its delta with the same content.
    @discardableResult
    public func commit(_ store: StateStore) throws(RivuletError) -> Int64 {
        let newVersion = store.version + 1
        let records = store.changes.map { k, v -> StateFileCodec.Record in
            if let v { return .put(k.bytes, v) } else { return .remove(k.bytes) }
        }
        try CheckpointFiles.writeAtomically(StateFileCodec.encode(magic: StateFileCodec.deltaMagic, records: records), to: deltaPath(newVersion))
        if newVersion % Int64(minDeltasForSnapshot) == 0 {
            let snapshot = store.map.map { StateFileCodec.Record.put($0.key.bytes, $0.value) }
            try CheckpointFiles.writeAtomically(StateFileCodec.encode(magic: StateFileCodec.snapshotMagic, records: snapshot), to: snapshotPath(newVersion))
            cleanup(upTo: newVersion)
        }
        cached.withLock { $0 = (newVersion, store.map) }
        return newVersion
    }

    /// The newest version with a delta or snapshot file, or 0.
    public func latestVersion() -> Int64 {
        versions().map(\.version).max() ?? 0
    }

    func deltaPath(_ v: Int64) -> String { "\(id.directory)/\(v).delta" }
    func snapshotPath(_ v: Int64) -> String { "\(id.directory)/\(v).snapshot" }

    private func versions() -> [(version: Int64, snapshot: Bool)] {
        CheckpointFiles.list(id.directory).compactMap { name in
            if name.hasSuffix(".delta"), let v = Int64(name.dropLast(6)) { return (v, false) }
            if name.hasSuffix(".snapshot"), let v = Int64(name.dropLast(9)) { return (v, true) }
            return nil
        }
    }

    private func load(version: Int64) throws(RivuletError) -> [StateKey: [UInt8]] {
        if version == 0 { return [:] }
        let files = versions()
        let start = files.filter { $0.snapshot && $0.version <= version }.map(\.version).max() ?? 0
        var map: [StateKey: [UInt8]] = [:]
        if start > 0 {
            let path = snapshotPath(start)
            for r in try StateFileCodec.decode(try CheckpointFiles.read(path), magic: StateFileCodec.snapshotMagic, path: path) {
                if case .put(let k, let v) = r { map[StateKey(k)] = v }
            }
        }
        var v = start + 1
        while v <= version {
            let path = deltaPath(v)
            guard CheckpointFiles.exists(path) else {
                throw RivuletError(.checkpoint, "Cannot load state version \(version) of \(id): the file \(path) is missing", errorClass: "CANNOT_LOAD_STATE_STORE")
            }
            for r in try StateFileCodec.decode(try CheckpointFiles.read(path), magic: StateFileCodec.deltaMagic, path: path) {
                switch r {
                case .put(let k, let val): map[StateKey(k)] = val
                case .remove(let k): map.removeValue(forKey: StateKey(k))
                }
            }
            v += 1
        }
        return map
    }

    /// Deletes files no longer needed to load any of the last `minVersionsToRetain` versions.
    private func cleanup(upTo latest: Int64) {
        let oldestToKeep = latest - Int64(minVersionsToRetain) + 1
        guard oldestToKeep > 1 else { return }
        let files = versions()
        // The snapshot that versions >= oldestToKeep can start from must survive.
        guard let base = files.filter({ $0.snapshot && $0.version <= oldestToKeep }).map(\.version).max() else { return }
        for f in files where f.version < base || (f.version == base && !f.snapshot) {
            CheckpointFiles.delete(f.snapshot ? snapshotPath(f.version) : deltaPath(f.version))
        }
    }
}
