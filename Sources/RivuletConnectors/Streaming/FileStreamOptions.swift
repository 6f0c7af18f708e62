import RivuletCore

/// The file source's own options (Spark's `FileStreamOptions`).
struct FileStreamOptions: Sendable {
    /// What `commit` does with the files of committed batches.
    enum CleanSource: Sendable, Equatable {
        case off
        case delete
        /// Move to `<sourceArchiveDir>/<original absolute path>`.
        case archive(String)
    }

    var maxFilesPerTrigger: Int?
    var maxBytesPerTrigger: Int?
    var latestFirst: Bool
    /// Effective max age: ignored (Int64.max) with `latestFirst` and `maxFilesPerTrigger`, as Spark.
    var maxFileAgeMs: Int64
    var fileNameOnly: Bool
    var cleanSource: CleanSource
    /// `spark.sql.files.ignoreMissingFiles` (default false).
    var ignoreMissingFiles: Bool

    init(_ raw: [String: String], sourcePath: String) throws(RivuletError) {
        let o = SourceOptions(raw)
        maxFilesPerTrigger = try StreamingOptions.positiveInt(o, "maxFilesPerTrigger")
        if let bytes = o["maxBytesPerTrigger"] {
            guard let v = Int(bytes.trimmingASCIISpaces()), v > 0 else {
                throw RivuletError(.analysis, "Invalid value '\(bytes)' for option 'maxBytesPerTrigger', must be a positive integer")
            }
            guard maxFilesPerTrigger == nil else {
                throw RivuletError(.analysis, "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time")
            }
            maxBytesPerTrigger = v
        }
        latestFirst = try StreamingOptions.bool(o, "latestFirst", default: false)
        let age = try StreamingOptions.durationMs(o["maxFileAge"] ?? "7d", option: "maxFileAge", defaultUnitMs: 1)
        guard age >= 0 else { throw RivuletError(.analysis, "Invalid value '\(o["maxFileAge"] ?? "")' for option 'maxFileAge', must not be negative") }
        maxFileAgeMs = latestFirst && maxFilesPerTrigger != nil ? Int64.max : age
        fileNameOnly = try StreamingOptions.bool(o, "fileNameOnly", default: false)
        ignoreMissingFiles = try StreamingOptions.bool(o, "spark.sql.files.ignoreMissingFiles", default: false)
        switch o["cleanSource"]?.uppercased() {
        case nil, "OFF": cleanSource = .off
        case "DELETE": cleanSource = .delete
        case "ARCHIVE":
            guard let dir = o["sourceArchiveDir"], !dir.isEmpty else {
                throw RivuletError(.analysis, "Archive mode must be used with 'sourceArchiveDir' option.")
            }
            let archive = FileIndex.absolute(dir)
            let base = FileStreamSource.isGlob(sourcePath) ? POSIX.parentDirectory(sourcePath) : sourcePath
            if archive == base || archive.hasPrefix(base + "/") {
                throw RivuletError(.analysis, "Source archive directory \(FileIndex.uri(archive)) is inside the source path \(FileIndex.uri(sourcePath)): archived files would be read again. Choose a directory outside the source path.")
            }
            cleanSource = .archive(archive)
        case let other?:
            throw RivuletError(.analysis, "Invalid mode for clean source option \(o["cleanSource"] ?? other). Must be one of ARCHIVE,DELETE,OFF")
        }
    }
}

/// The files a file source has already taken (Spark's `SeenFilesMap`): a file is new if it is
/// not in the map and not older than `latest file's time - maxFileAge`.
struct SeenFiles: Sendable {
    let maxAgeMs: Int64
    let fileNameOnly: Bool
    private var map: [String: Int64] = [:]
    private(set) var latestTimestamp: Int64 = 0
    private var lastPurgeTimestamp: Int64 = 0

    init(maxAgeMs: Int64, fileNameOnly: Bool) {
        self.maxAgeMs = maxAgeMs
        self.fileNameOnly = fileNameOnly
    }

    private func key(_ uri: String) -> String { fileNameOnly ? POSIX.lastComponent(uri) : uri }

    mutating func add(_ uri: String, _ timestamp: Int64) {
        map[key(uri)] = timestamp
        latestTimestamp = max(latestTimestamp, timestamp)
    }

    func isNew(_ uri: String, _ timestamp: Int64) -> Bool {
        timestamp >= lastPurgeTimestamp && map[key(uri)] == nil
    }

    /// Forgets files older than the age limit; returns how many.
    @discardableResult
    mutating func purge() -> Int {
        let (t, overflow) = latestTimestamp.subtractingReportingOverflow(maxAgeMs)
        lastPurgeTimestamp = overflow ? Int64.min : t
        let before = map.count
        let limit = lastPurgeTimestamp
        map = map.filter { $0.value >= limit }
        return before - map.count
    }

    var count: Int { map.count }
}
