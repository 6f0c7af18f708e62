import RivuletCore

#if canImport(Glibc)
import Glibc
#endif

/// Durable file operations for checkpoint directories: every write is atomic (temp file, fsync,
/// rename, fsync of the directory), every read names the file it failed on.
public enum CheckpointFiles {
    /// Writes `bytes` to `path` atomically: readers see the old file or the whole new one, never a
    /// part. With `overwrite: false` an existing file is an error (two writers raced for it).
    public static func writeAtomically(_ bytes: [UInt8], to path: String, overwrite: Bool = true) throws(RivuletError) {
        let dir = parent(of: path)
        try createDirectory(dir)
        let temp = dir + "/." + basename(of: path) + ".\(UInt64.random(in: 0...UInt64.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw ioError("cannot create temporary file", temp) }
        var ok = bytes.withUnsafeBytes { buf -> Bool in
            guard let base = buf.baseAddress else { return true }
            var off = 0
            while off < buf.count {
                let n = write(fd, base + off, buf.count - off)
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok else {
            unlink(temp)
            throw ioError("cannot write", path)
        }
        if !overwrite {
            // link() fails if the target exists, which makes the publish step exclusive.
            let linked = link(temp, path) == 0
            let err = errno
            unlink(temp)
            guard linked else {
                if err == EEXIST {
                    throw RivuletError(.checkpoint, "Checkpoint file \(path) already exists: another query may be writing to the same checkpoint", errorClass: "CONCURRENT_QUERY")
                }
                throw ioError("cannot publish", path)
            }
        } else if rename(temp, path) != 0 {
            unlink(temp)
            throw ioError("cannot rename temporary file to", path)
        }
        syncDirectory(dir)
    }

    /// Writes UTF-8 text atomically.
    public static func writeAtomically(_ text: String, to path: String, overwrite: Bool = true) throws(RivuletError) {
        try writeAtomically(Array(text.utf8), to: path, overwrite: overwrite)
    }

    /// Reads a whole file.
    public static func read(_ path: String) throws(RivuletError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ioError("cannot open", path) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw ioError("cannot read", path) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    public static func readText(_ path: String) throws(RivuletError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates `path` and its parents.
    public static func createDirectory(_ path: String) throws(RivuletError) {
        if path.isEmpty || isDirectory(path) { return }
        let p = parent(of: path)
        if p != path { try createDirectory(p) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw ioError("cannot create directory", path) }
    }

    /// Names of the entries of a directory (no `.`/`..`), sorted; empty if it does not exist.
    public static func list(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Deletes a file (missing files are fine).
    public static func delete(_ path: String) { unlink(path) }

    /// Deletes a directory tree (missing is fine).
    public static func deleteRecursively(_ path: String) {
        if isDirectory(path) {
            for n in list(path) { deleteRecursively(path + "/" + n) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func basename(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private static func ioError(_ what: String, _ path: String) -> RivuletError {
        let reason = String(cString: strerror(errno))
        return RivuletError(.io, "\(what) \(path): \(reason)")
    }
}
