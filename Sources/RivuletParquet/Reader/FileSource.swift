#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RivuletCore

/// Where a Parquet file's bytes come from: memory, or a file read with `pread` (so a projection
/// reads only the column chunks it needs).
enum FileSource: Sendable {
    case memory([UInt8])
    case file(path: String, size: Int)

    /// An open handle for a batch of range reads.
    final class Handle {
        let fd: Int32
        /// The file's size when it was opened.
        let size: Int

        init(fd: Int32, size: Int) {
            self.fd = fd
            self.size = size
        }

        deinit { close(fd) }
    }

    /// Opens `path` (a regular file) for reading.
    static func open(path: String) throws(RivuletError) -> Handle {
        let fd = path.withCString { openReadOnly($0) }
        guard fd >= 0 else { throw .io("Cannot open Parquet file '\(path)': \(errnoText())") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errnoText()
            close(fd)
            throw .io("Cannot stat Parquet file '\(path)': \(e)")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .io("'\(path)' is not a regular file")
        }
        return Handle(fd: fd, size: Int(st.st_size))
    }

    /// Reads exactly `range` of the file through `handle`.
    static func read(_ handle: Handle, _ range: Range<Int>, path: String) throws(RivuletError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: range.count)
        var done = 0
        let fd = handle.fd
        var failure: RivuletError?
        out.withUnsafeMutableBytes { p in
            while done < range.count {
                let n = pread(fd, p.baseAddress.map { $0 + done }, range.count - done, off_t(range.lowerBound + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failure = .io("Cannot read \(range.count) bytes at offset \(range.lowerBound) of Parquet file '\(path)': " + (n == 0 ? "the file is shorter than expected (was it truncated?)" : errnoText()))
                    return
                }
                done += n
            }
        }
        if let failure { throw failure }
        return out
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// `open(2)` read-only (a free function so the name does not clash with `FileSource.open`).
private func openReadOnly(_ path: UnsafePointer<CChar>) -> Int32 { open(path, O_RDONLY) }
