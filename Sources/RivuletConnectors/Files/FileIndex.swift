import RivuletCore

/// The data files behind a list of user paths, expanded the way Spark's `InMemoryFileIndex` does.
///
/// A path may name a file, a directory (listed recursively), or use glob characters (`*`, `?`,
/// `[...]`) in its last component. Hidden and bookkeeping files — names starting with `_` or `.`
/// (`_SUCCESS`, `.part-0.crc`, `_spark_metadata`) — are skipped. Files are sorted by path.
///
/// ```swift
/// let index = try FileIndex(paths: ["data/logs"])
/// index.files.map(\.path)   // ["/abs/data/logs/part-00000.txt", ...]
/// ```
public struct FileIndex: Sendable {
    /// One data file.
    public struct File: Sendable, Hashable {
        /// Absolute path.
        public let path: String
        /// Size in bytes.
        public let size: Int
        /// Last modification time in milliseconds since the epoch.
        public var modificationTime: Int64 = 0
    }

    /// The paths as given, made absolute.
    public let rootPaths: [String]
    /// The data files, sorted by path.
    public let files: [File]

    /// Expands `paths`; a path that does not exist (or a glob that matches nothing) is
    /// `PATH_NOT_FOUND`.
    public init(paths: [String]) throws(RivuletError) {
        var roots: [String] = []
        var found: [File] = []
        if paths.count == 1, let manifest = try FileSinkManifest.committedFiles(inDirectory: Self.absolute(paths[0])) {
            rootPaths = [Self.absolute(paths[0])]
            files = manifest.sorted { $0.path < $1.path }
            return
        }
        for raw in paths {
            let abs = Self.absolute(raw)
            roots.append(abs)
            let last = POSIX.lastComponent(abs)
            if last.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                let dir = POSIX.parentDirectory(abs)
                guard POSIX.fileStat(dir)?.isDirectory == true else { throw Self.notFound(abs) }
                let names = try POSIX.listDirectory(dir).filter { POSIX.matches(last, $0) && !Self.isHidden($0) }.sorted()
                if names.isEmpty { throw Self.notFound(abs) }
                for n in names { try Self.collect(dir == "/" ? "/" + n : dir + "/" + n, into: &found) }
            } else {
                guard POSIX.fileStat(abs) != nil else { throw Self.notFound(abs) }
                try Self.collect(abs, into: &found)
            }
        }
        rootPaths = roots
        var seen = Set<String>()
        files = found.filter { seen.insert($0.path).inserted }.sorted { $0.path < $1.path }
    }

    /// Spark's `PATH_NOT_FOUND` error.
    static func notFound(_ path: String) -> RivuletError {
        RivuletError(.io, "Path does not exist: \(uri(path)).", errorClass: "PATH_NOT_FOUND")
    }

    /// `file:/abs/path`, as Spark prints local paths.
    public static func uri(_ path: String) -> String { "file:" + path }

    /// Whether Spark ignores a file or directory of this name.
    public static func isHidden(_ name: String) -> Bool {
        name.hasPrefix("_") || name.hasPrefix(".") || name.hasSuffix("._COPYING_")
    }

    private static func collect(_ path: String, into out: inout [File]) throws(RivuletError) {
        guard let st = POSIX.fileStat(path) else { throw notFound(path) }
        if st.isDirectory {
            for name in try POSIX.listDirectory(path) where !isHidden(name) {
                try collect(path + "/" + name, into: &out)
            }
        } else {
            out.append(File(path: path, size: st.size, modificationTime: st.modificationTimeMs))
        }
    }

    /// `path` made absolute against the working directory, with `.`/`..`/`//` and a `file:` scheme removed.
    public static func absolute(_ raw: String) -> String {
        var p = raw
        if p.hasPrefix("file://") { p.removeFirst(7) } else if p.hasPrefix("file:") { p.removeFirst(5) }
        if !p.hasPrefix("/") { p = POSIX.currentDirectory() + "/" + p }
        var parts: [Substring] = []
        for c in p.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }
}
