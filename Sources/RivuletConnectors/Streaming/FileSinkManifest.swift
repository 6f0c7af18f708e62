import RivuletCore

/// The manifest a streaming file sink writes per batch, `<path>/_spark_metadata/<batchId>`, in
/// Spark's `FileStreamSinkLog` format:
///
/// ```
/// v1
/// {"path":"file:///out/part-00000-<uuid>-c000.json","size":42,"isDir":false,"modificationTime":1700000000000,"blockReplication":1,"blockSize":33554432,"action":"add"}
/// ```
/// Readers of the folder see only files named in manifests (Spark's `MetadataLogFileIndex`).
public enum FileSinkManifest {
    /// The manifest folder's name.
    public static let directoryName = "_spark_metadata"

    /// One file of a committed batch.
    public struct Entry: Sendable, Equatable {
        /// Absolute local path.
        public var path: String
        /// Size in bytes.
        public var size: Int
        /// Modification time, epoch milliseconds.
        public var modificationTime: Int64
        /// `add` or `delete`.
        public var action: String

        /// An entry for one file.
        public init(path: String, size: Int, modificationTime: Int64, action: String = "add") {
            self.path = path
            self.size = size
            self.modificationTime = modificationTime
            self.action = action
        }

        /// The JSON line Spark writes for this entry (its `SinkFileStatus`).
        public var json: String {
            "{\"path\":\(LogJSON.quote(FileURI.encode(path))),\"size\":\(size),\"isDir\":false,\"modificationTime\":\(modificationTime),"
                + "\"blockReplication\":1,\"blockSize\":33554432,\"action\":\(LogJSON.quote(action))}"
        }
    }

    /// Whether `directory` is the output of a streaming file sink.
    public static func hasMetadata(_ directory: String) -> Bool {
        POSIX.fileStat(directory + "/" + directoryName)?.isDirectory == true
    }

    /// The files committed by a streaming file sink in `directory` (adds minus deletes over the
    /// latest `<n>.compact` file and every batch after it), or nil when the directory has no
    /// `_spark_metadata` folder.
    public static func committedFiles(inDirectory directory: String) throws(RivuletError) -> [FileIndex.File]? {
        guard hasMetadata(directory) else { return nil }
        var live: [String: FileIndex.File] = [:]
        var order: [String] = []
        for entry in try entries(inDirectory: directory) {
            if entry.action == "delete" {
                live[entry.path] = nil
            } else {
                if live[entry.path] == nil { order.append(entry.path) }
                live[entry.path] = FileIndex.File(path: entry.path, size: entry.size, modificationTime: entry.modificationTime)
            }
        }
        return order.compactMap { live[$0] }
    }

    /// Every manifest entry in log order.
    public static func entries(inDirectory directory: String) throws(RivuletError) -> [Entry] {
        let logDir = directory + "/" + directoryName
        var batches: [(id: Int64, compact: Bool)] = []
        for name in try POSIX.listDirectory(logDir) {
            if let id = Int64(name) {
                batches.append((id, false))
            } else if name.hasSuffix(".compact"), let id = Int64(name.dropLast(8)) {
                batches.append((id, true))
            }
        }
        let lastCompact = batches.filter(\.compact).map(\.id).max()
        let chosen = batches.filter { b in
            guard let c = lastCompact else { return true }
            return b.compact ? b.id == c : b.id > c
        }.sorted { $0.id < $1.id }
        var out: [Entry] = []
        for b in chosen {
            let file = logDir + "/" + String(b.id) + (b.compact ? ".compact" : "")
            for line in try LogJSON.logLines(file) {
                let obj = try LogJSON.object(line, file: file)
                guard let uri = LogJSON.string(obj["path"]) else {
                    throw RivuletError(.checkpoint, "Log file \(file) is corrupt: an entry has no 'path'", errorClass: "CHECKPOINT_FILE_CORRUPT")
                }
                out.append(Entry(path: FileURI.decode(uri), size: Int(LogJSON.int64(obj["size"]) ?? 0),
                                 modificationTime: LogJSON.int64(obj["modificationTime"]) ?? 0,
                                 action: LogJSON.string(obj["action"]) ?? "add"))
            }
        }
        return out
    }

    /// The newest batch id with a manifest (compacted or not), or nil.
    public static func latestBatchId(inDirectory directory: String) -> Int64? {
        let names = (try? POSIX.listDirectory(directory + "/" + directoryName)) ?? []
        return names.compactMap { n -> Int64? in
            if let id = Int64(n) { return id }
            if n.hasSuffix(".compact") { return Int64(n.dropLast(8)) }
            return nil
        }.max()
    }

    /// Deletes what crashed attempts of a streaming file sink left in `directory`: part files
    /// (`part-*`) that no manifest entry names (matched by file name, which holds a UUID) and
    /// that are not older than the sink itself, and hidden temp files of the atomic writes
    /// (`.part-*.tmp-*`). The sink's birth is the modification time of the hidden marker
    /// `_spark_metadata/.rivulet-sink`, created by the first call, before any data file is
    /// written: files that were in the folder before the sink started (a batch write, say) are
    /// never touched. Folders starting with `_` or `.` (the manifest itself) are not entered.
    public static func removeUncommitted(inDirectory directory: String) throws(RivuletError) {
        let marker = directory + "/" + directoryName + "/.rivulet-sink"
        if POSIX.fileStat(marker) == nil { try POSIX.writeAtomically([], to: marker) }
        guard let born = POSIX.fileStat(marker)?.modificationTimeMs else { return }
        let named = Set(try entries(inDirectory: directory).map { POSIX.lastComponent($0.path) })
        func sweep(_ dir: String) throws(RivuletError) {
            for name in (try? POSIX.listDirectory(dir)) ?? [] {
                let p = dir + "/" + name
                guard let st = POSIX.fileStat(p) else { continue }
                if st.isDirectory {
                    if !name.hasPrefix("_") && !name.hasPrefix(".") { try sweep(p) }
                } else if name.hasPrefix("part-") && !named.contains(name) && st.modificationTimeMs >= born {
                    try POSIX.deleteFile(p)
                } else if name.hasPrefix(".part-") && name.contains(".tmp-") {
                    try POSIX.deleteFile(p)
                }
            }
        }
        try sweep(directory)
    }
}
