import RivuletCore
import RivuletSQL
import RivuletStreaming
import Synchronization

/// Spark's file source for `text`, `csv`, `json` and `parquet`: reads the files that land in a directory,
/// oldest first (by modification time, then name), as micro-batches.
///
/// Every `latestOffset` call lists the directory (recursively, skipping `_`/`.` names; a folder
/// written by a streaming file sink is listed from its `_spark_metadata` manifests), picks the new
/// files within the rate limit (`maxFilesPerTrigger` or `maxBytesPerTrigger`; `latestFirst`
/// reverses the order), and records them in the file log `sources/<n>/<logBatchId>` in Spark's
/// format before returning `{"logOffset":<logBatchId>}`:
///
/// ```
/// v1
/// {"path":"file:///data/in/a.json","timestamp":1700000000000,"batchId":0}
/// ```
/// A restarted query rebuilds the seen-files set from the log, so no file is read twice or
/// skipped. Files older than `maxFileAge` (default 7d) relative to the newest file seen are
/// ignored after the first batch. `cleanSource` (`off` | `delete` | `archive` with
/// `sourceArchiveDir`) deletes or moves the files of committed batches.
///
/// Hive-style `key=value` sub-directories become partition columns after the data columns; their
/// names and types are inferred from the directories present when the source is created.
///
/// ```swift
/// let src = try FileStreamSource(format: "json", path: "in/", options: [:], userSchema: schema)
/// ```
public final class FileStreamSource: StreamingSource {
    /// `text`, `csv`, `json` or `parquet`.
    public let format: String
    /// The absolute source path (may end in a glob).
    public let path: String
    /// Data columns then partition columns; every field nullable, as Spark's file sources.
    public let schema: StructType
    let dataSchema: StructType
    let partitions: PartitionSpec
    /// The directory partition values are relative to.
    let basePath: String
    let options: [String: String]
    let settings: FileStreamOptions

    struct LoggedFile: Sendable {
        let path: String
        let timestamp: Int64
        let batchId: Int64
    }

    private struct State {
        var seen: SeenFiles
        var currentLogOffset: Int64 = -1
        var entries: [Int64: [LoggedFile]] = [:]
        var log: MetadataLog?
        var availableNow: Set<String>?
        var lastCleaned: Int64?
    }
    private let state: Mutex<State>

    /// Sets the source up; `options` may hold `spark.sql.streaming.schemaInference` (the session
    /// setting) and `spark.sql.files.ignoreMissingFiles`.
    public init(format: String, path rawPath: String?, options: [String: String], userSchema: StructType?) throws(RivuletError) {
        let fmt = format.lowercased() == "txt" ? "text" : format.lowercased()
        guard ["text", "csv", "json", "parquet"].contains(fmt) else { throw FileFormats.unknownFormat(format) }
        guard let rawPath, !rawPath.isEmpty else {
            throw RivuletError(.analysis, "'path' is not specified", errorClass: "_LEGACY_ERROR_TEMP_1038")
        }
        let abs = FileIndex.absolute(rawPath)
        let glob = Self.isGlob(abs)
        if !glob && POSIX.fileStat(abs) == nil { throw FileIndex.notFound(abs) }
        let o = SourceOptions(options)
        let inference = try StreamingOptions.bool(o, "spark.sql.streaming.schemaInference", default: false)
        if fmt != "text" && userSchema == nil && !inference {
            throw RivuletError(.analysis, "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.")
        }
        self.format = fmt
        path = abs
        basePath = glob ? POSIX.parentDirectory(abs) : abs
        self.options = options
        settings = try FileStreamOptions(options, sourcePath: abs)
        let existing = try Self.listFiles(abs).map(\.path)
        partitions = PartitionSpec.infer(basePath: basePath, files: existing, userSchema: userSchema)
        let partNames = Set(partitions.schema.fields.map { $0.name.lowercased() })
        var data: StructType
        if let userSchema {
            data = StructType(userSchema.fields.filter { !partNames.contains($0.name.lowercased()) })
        } else if fmt == "text" {
            data = StructType([StructField("value", .string)])
        } else {
            let paths = existing.isEmpty ? [abs] : existing
            let inferred: StructType
            switch fmt {
            case "csv": inferred = try CSVSource(paths: paths, options: options, userSchema: nil).schema
            case "parquet": inferred = try ParquetSource(paths: paths, options: options, userSchema: nil).schema
            default: inferred = try JSONSource(paths: paths, options: options, userSchema: nil).schema
            }
            data = StructType(inferred.fields.filter { !partNames.contains($0.name.lowercased()) })
        }
        if fmt == "text" {
            guard data.count == 1, data[0].dataType == .string else {
                throw RivuletError(.analysis, "Text data source supports only a single column, and you have \(data.count) columns.", errorClass: "_LEGACY_ERROR_TEMP_1280")
            }
        }
        data = StructType(data.fields.map { StructField($0.name, $0.dataType, nullable: true, comment: $0.comment) })
        dataSchema = data
        schema = StructType(data.fields + partitions.schema.fields.map { StructField($0.name, $0.dataType) })
        state = Mutex(State(seen: SeenFiles(maxAgeMs: settings.maxFileAgeMs, fileNameOnly: settings.fileNameOnly)))
    }

    static func isGlob(_ path: String) -> Bool {
        POSIX.lastComponent(path).contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    public var description: String { "FileStreamSource[\(FileIndex.uri(path))]" }

    // MARK: Listing

    struct ListedFile {
        let path: String
        let modificationTime: Int64
        let size: Int
    }

    /// Every data file now under `path`, unsorted.
    static func listFiles(_ path: String) throws(RivuletError) -> [ListedFile] {
        if !isGlob(path), let committed = try FileSinkManifest.committedFiles(inDirectory: path) {
            return committed.map { ListedFile(path: $0.path, modificationTime: $0.modificationTime, size: $0.size) }
        }
        var out: [ListedFile] = []
        func collect(_ p: String) throws(RivuletError) {
            guard let st = POSIX.fileStat(p) else { return }   // vanished while listing
            if st.isDirectory {
                for name in (try? POSIX.listDirectory(p)) ?? [] where !FileIndex.isHidden(name) {
                    try collect(p == "/" ? "/" + name : p + "/" + name)
                }
            } else {
                out.append(ListedFile(path: p, modificationTime: st.modificationTimeMs, size: st.size))
            }
        }
        if isGlob(path) {
            let dir = POSIX.parentDirectory(path), pattern = POSIX.lastComponent(path)
            for name in (try? POSIX.listDirectory(dir)) ?? [] where !FileIndex.isHidden(name) && POSIX.matches(pattern, name) {
                try collect(dir == "/" ? "/" + name : dir + "/" + name)
            }
        } else {
            try collect(path)
        }
        return out
    }

    // MARK: StreamingSource

    public func start(checkpointDirectory: String?) throws(RivuletError) {
        guard let dir = checkpointDirectory else { return }
        let log = MetadataLog(directory: dir)
        let restored = try Self.readLog(dir)
        state.withLock { s in
            s.log = log
            for (id, files) in restored {
                s.entries[id] = files
                for f in files { s.seen.add(FileURI.encode(f.path), f.timestamp) }
                s.currentLogOffset = max(s.currentLogOffset, id)
            }
            s.seen.purge()
        }
    }

    /// All entries of the file log in `dir`, by log batch id (reads Spark's `<n>.compact` files too).
    static func readLog(_ dir: String) throws(RivuletError) -> [Int64: [LoggedFile]] {
        guard POSIX.fileStat(dir)?.isDirectory == true else { return [:] }
        var plain: [Int64] = []
        var compact: [Int64] = []
        for name in try POSIX.listDirectory(dir) {
            if let id = Int64(name) { plain.append(id) } else if name.hasSuffix(".compact"), let id = Int64(name.dropLast(8)) { compact.append(id) }
        }
        var out: [Int64: [LoggedFile]] = [:]
        var files: [String] = []
        if let c = compact.max() {
            files.append(dir + "/\(c).compact")
            plain = plain.filter { $0 > c }
        }
        files += plain.sorted().map { dir + "/\($0)" }
        for file in files {
            for line in try LogJSON.logLines(file) {
                let obj = try LogJSON.object(line, file: file)
                guard let uri = LogJSON.string(obj["path"]), let ts = LogJSON.int64(obj["timestamp"]), let batch = LogJSON.int64(obj["batchId"]) else {
                    throw RivuletError(.checkpoint, "Log file \(file) is corrupt: an entry lacks 'path', 'timestamp' or 'batchId'", errorClass: "CHECKPOINT_FILE_CORRUPT")
                }
                out[batch, default: []].append(LoggedFile(path: FileURI.decode(uri), timestamp: ts, batchId: batch))
            }
        }
        return out
    }

    public func prepareForTriggerAvailableNow() throws(RivuletError) {
        let now = Set(try Self.listFiles(path).map(\.path))
        state.withLock { $0.availableNow = now }
    }

    public func latestOffset(after start: SourceOffset?) throws(RivuletError) -> SourceOffset? {
        var listed = try Self.listFiles(path)
        let latestFirst = settings.latestFirst
        listed.sort { a, b in
            if a.modificationTime != b.modificationTime { return latestFirst ? a.modificationTime > b.modificationTime : a.modificationTime < b.modificationTime }
            return a.path < b.path
        }
        let settings = self.settings
        let offset = try state.withLock { (s: inout State) throws(RivuletError) -> Int64 in
            var candidates = listed
            if let only = s.availableNow { candidates = candidates.filter { only.contains($0.path) } }
            let newFiles = candidates.filter { s.seen.isNew(FileURI.encode($0.path), $0.modificationTime) }
            var chosen: [ListedFile]
            if let n = settings.maxFilesPerTrigger {
                chosen = Array(newFiles.prefix(n))
            } else if let maxBytes = settings.maxBytesPerTrigger {
                // At least one file, then more while the total stays within the limit.
                chosen = []
                var total = 0
                for f in newFiles {
                    if !chosen.isEmpty && total + f.size > maxBytes { break }
                    chosen.append(f)
                    total += f.size
                }
            } else {
                chosen = newFiles
            }
            for f in chosen { s.seen.add(FileURI.encode(f.path), f.modificationTime) }
            s.seen.purge()
            if !chosen.isEmpty {
                let id = s.currentLogOffset + 1
                let logged = chosen.map { LoggedFile(path: $0.path, timestamp: $0.modificationTime, batchId: id) }
                let body = logged.map { "{\"path\":\(LogJSON.quote(FileURI.encode($0.path))),\"timestamp\":\($0.timestamp),\"batchId\":\(id)}" }
                    .joined(separator: "\n")
                if let log = s.log {
                    do throws(RivuletError) { try log.add(id, body) } catch {
                        throw RivuletError(.checkpoint, "Concurrent update to the log. Multiple streaming jobs detected for \(id): \(error.message)", errorClass: "CONCURRENT_QUERY")
                    }
                }
                s.entries[id] = logged
                s.currentLogOffset = id
            }
            return s.currentLogOffset
        }
        if offset < 0 { return start }
        return Self.offset(offset)
    }

    static func offset(_ logOffset: Int64) -> SourceOffset { SourceOffset(json: "{\"logOffset\":\(logOffset)}") }

    /// Reads `{"logOffset":N}` (or a bare number, Spark's legacy form).
    func parseOffset(_ o: SourceOffset) throws(RivuletError) -> Int64 {
        if let n = Int64(o.json.trimmingASCIISpaces()) { return n }
        if let v = try? JSONValue.parse(o.json), let n = LogJSON.int64(v["logOffset"]) { return n }
        throw RivuletError(.checkpoint, "Invalid offset '\(o.json)' for \(description): expected {\"logOffset\":n}", errorClass: "CHECKPOINT_FILE_CORRUPT")
    }

    /// The logged files of log batches `from ... to`.
    private func loggedFiles(_ from: Int64, _ to: Int64) throws(RivuletError) -> [LoggedFile] {
        guard from <= to else { return [] }
        let r: Result<[LoggedFile], RivuletError> = state.withLock { s in
            var out: [LoggedFile] = []
            var missing: [Int64] = []
            for id in from...to {
                if let e = s.entries[id] { out += e } else { missing.append(id) }
            }
            guard missing.isEmpty else {
                // Entries not cached (another process wrote them): read the log once more.
                guard let dir = s.log?.directory else {
                    return .failure(RivuletError(.checkpoint, "\(description): file log entries \(missing) are missing", errorClass: "CHECKPOINT_FILE_CORRUPT"))
                }
                do throws(RivuletError) {
                    let all = try Self.readLog(dir)
                    var again: [LoggedFile] = []
                    for id in from...to {
                        guard let e = all[id] else {
                            return .failure(RivuletError(.checkpoint, "The file log \(dir) has no entry for batch \(id)", errorClass: "CHECKPOINT_FILE_CORRUPT"))
                        }
                        s.entries[id] = e
                        again += e
                    }
                    return .success(again)
                } catch { return .failure(error) }
            }
            return .success(out)
        }
        return try r.get()
    }

    public func planBatch(start: SourceOffset?, end: SourceOffset) throws(RivuletError) -> any ScanSource {
        let from = try start.map { (o: SourceOffset) throws(RivuletError) in try parseOffset(o) } ?? -1
        let to = try parseOffset(end)
        guard from <= to else {
            throw RivuletError(.checkpoint, "Invalid offset range for \(description): start \(from) is after end \(to)")
        }
        let files = try loggedFiles(from + 1, to).map {
            FileStreamBatchScan.FileToRead(path: $0.path, partitionValues: partitions.values(forFile: $0.path, basePath: basePath))
        }
        return FileStreamBatchScan(formatName: format, baseDetail: description, schema: schema, dataSchema: dataSchema,
                                   files: files, options: options, ignoreMissingFiles: settings.ignoreMissingFiles)
    }

    public func commit(_ end: SourceOffset) throws(RivuletError) {
        guard settings.cleanSource != .off else { return }
        let to = try parseOffset(end)
        let from = state.withLock { s -> Int64 in
            defer { s.lastCleaned = max(s.lastCleaned ?? to, to) }
            return (s.lastCleaned ?? (to - 1)) + 1
        }
        for f in try loggedFiles(from, to) { clean(f.path) }
    }

    /// Deletes or archives one file of a committed batch; failures are warnings, as in Spark.
    private func clean(_ file: String) {
        do {
            switch settings.cleanSource {
            case .off: return
            case .delete: try POSIX.deleteFile(file)
            case .archive(let dir): try POSIX.move(file, to: dir + file)
            }
        } catch {
            warn("Fail to clean up file \(FileURI.encode(file)): \(error.message)")
        }
    }
}
