#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RivuletCore

/// Thin, throwing wrappers over the POSIX file calls the connectors use (no Foundation).
enum POSIX {
    /// The C `errno` text, e.g. `No such file or directory`.
    static func lastError() -> String {
        guard let p = strerror(errno) else { return "error \(errno)" }
        var bytes: [UInt8] = []
        var i = 0
        while p[i] != 0 { bytes.append(UInt8(bitPattern: p[i])); i += 1 }
        return String(decoding: bytes, as: UTF8.self)
    }

    struct FileStat {
        var isDirectory: Bool
        var isRegular: Bool
        var size: Int
        /// Last modification time in milliseconds since the epoch (Hadoop's `getModificationTime`).
        var modificationTimeMs: Int64 = 0
    }

    static func fileStat(_ path: String) -> FileStat? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let type = st.st_mode & S_IFMT
        #if canImport(Darwin)
        let mtime = Int64(st.st_mtimespec.tv_sec) * 1000 + Int64(st.st_mtimespec.tv_nsec) / 1_000_000
        #else
        let mtime = Int64(st.st_mtim.tv_sec) * 1000 + Int64(st.st_mtim.tv_nsec) / 1_000_000
        #endif
        return FileStat(isDirectory: type == S_IFDIR, isRegular: type == S_IFREG, size: Int(st.st_size), modificationTimeMs: mtime)
    }

    /// Moves `from` to `to` (same file system), creating `to`'s parent directories.
    static func move(_ from: String, to: String) throws(RivuletError) {
        try makeDirectories(parentDirectory(to))
        if rename(from, to) != 0 {
            throw RivuletError(.io, "Cannot move \(from) to \(to): \(lastError())")
        }
    }

    /// Deletes one file.
    static func deleteFile(_ path: String) throws(RivuletError) {
        if unlink(path) != 0 { throw RivuletError(.io, "Cannot delete file \(path): \(lastError())") }
    }

    /// Names in a directory (without `.` and `..`), unsorted.
    static func listDirectory(_ path: String) throws(RivuletError) -> [String] {
        guard let dir = opendir(path) else {
            throw RivuletError(.io, "Cannot list directory \(path): \(lastError())")
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The current working directory.
    static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "/" }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// An open, read-only file.
    final class ReadFile {
        let fd: Int32
        let path: String
        init(_ path: String) throws(RivuletError) {
            self.path = path
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw RivuletError(.io, "Cannot open file \(path): \(POSIX.lastError())") }
        }
        deinit { close(fd) }

        /// Reads up to `count` bytes at `offset` into `buffer[at...]`; returns the bytes read (0 at EOF).
        func read(into buffer: UnsafeMutableRawPointer, count: Int, offset: Int) throws(RivuletError) -> Int {
            var done = 0
            while done < count {
                let n = pread(fd, buffer + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RivuletError(.io, "Cannot read file \(path): \(POSIX.lastError())")
                }
                if n == 0 { break }
                done += n
            }
            return done
        }

        /// The whole file.
        func readAll() throws(RivuletError) -> [UInt8] {
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw RivuletError(.io, "Cannot stat file \(path): \(POSIX.lastError())") }
            var out = [UInt8](repeating: 0, count: max(Int(st.st_size), 0) + 1)
            var got = 0
            while true {
                if got == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: out.count)) }
                let want = out.count - got
                let start = got
                let r = out.withUnsafeMutableBytes { (p: UnsafeMutableRawBufferPointer) -> Result<Int, RivuletError> in
                    guard let base = p.baseAddress else { return .success(0) }
                    do throws(RivuletError) { return .success(try read(into: base + start, count: want, offset: start)) } catch { return .failure(error) }
                }
                let n = try r.get()
                got += n
                if n < want { break }
            }
            out.removeSubrange(got...)
            return out
        }
    }

    /// Writes `data` to `path` atomically: a temporary file in the same directory, fsync, rename.
    static func writeAtomically(_ data: [UInt8], to path: String) throws(RivuletError) {
        let tmp = parentDirectory(path) + "/." + lastComponent(path) + ".tmp-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw RivuletError(.io, "Cannot create file \(tmp): \(lastError())") }
        var ok = true
        var message = ""
        data.withUnsafeBytes { p in
            var done = 0
            while done < p.count, let base = p.baseAddress {
                let n = write(fd, base + done, p.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false; message = lastError(); return
                }
                done += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; message = lastError() }
        close(fd)
        if !ok {
            unlink(tmp)
            throw RivuletError(.io, "Cannot write file \(path): \(message)")
        }
        if rename(tmp, path) != 0 {
            let m = lastError()
            unlink(tmp)
            throw RivuletError(.io, "Cannot rename \(tmp) to \(path): \(m)")
        }
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws(RivuletError) {
        if let st = fileStat(path) {
            if st.isDirectory { return }
            throw RivuletError(.io, "Cannot create directory \(path): a file with that name exists")
        }
        let parent = parentDirectory(path)
        if parent != path && !parent.isEmpty { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw RivuletError(.io, "Cannot create directory \(path): \(lastError())")
        }
    }

    /// Deletes a file or a directory tree.
    static func removeTree(_ path: String) throws(RivuletError) {
        guard let st = fileStat(path) else { return }
        if st.isDirectory {
            for name in try listDirectory(path) { try removeTree(path + "/" + name) }
            if rmdir(path) != 0 { throw RivuletError(.io, "Cannot delete directory \(path): \(lastError())") }
        } else if unlink(path) != 0 {
            throw RivuletError(.io, "Cannot delete file \(path): \(lastError())")
        }
    }

    static func parentDirectory(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        if i == path.startIndex { return "/" }
        return String(path[..<i])
    }

    static func lastComponent(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: i)...])
    }

    /// Shell-style match of `name` against `pattern` (`*`, `?`, `[...]`).
    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
