import RivuletCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a ``ParquetFileWriter`` puts its bytes: a memory buffer or a file written sequentially.
final class ParquetOutput {
    private var memory: [UInt8] = []
    private var fd: Int32 = -1
    private let path: String?
    /// Bytes written so far (the file offset of the next byte).
    private(set) var offset: Int64 = 0

    /// An in-memory output.
    init() { path = nil }

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(RivuletError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw .io("Cannot create the Parquet file \(path): \(Self.lastError())") }
    }

    deinit {
        if fd >= 0 { _ = posixClose(fd) }
    }

    /// Small writes (page headers, short pages) are gathered here and written in larger blocks.
    private var pending: [UInt8] = []
    private static let pendingLimit = 1 << 20

    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws(RivuletError) {
        guard !bytes.isEmpty else { return }
        offset += Int64(bytes.count)
        if path == nil {
            memory.append(contentsOf: bytes)
        } else if bytes.count < 64 * 1024 {
            pending.append(contentsOf: bytes)
            if pending.count >= Self.pendingLimit { try flush() }
        } else {
            try flush()
            try writeToFile(bytes)
        }
    }

    /// Writes the gathered small writes to the file.
    private func flush() throws(RivuletError) {
        guard !pending.isEmpty else { return }
        try writeToFile(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func writeToFile(_ bytes: [UInt8]) throws(RivuletError) {
        var failure: String? = nil
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let n = posixWrite(fd, base + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = Self.lastError()
                    return
                }
                done += n
            }
        }
        if let failure { throw .io("Cannot write the Parquet file \(path ?? ""): \(failure)") }
    }

    /// Flushes and closes a file output.
    func close() throws(RivuletError) {
        guard fd >= 0 else { return }
        try flush()
        let rc = posixClose(fd)
        fd = -1
        if rc != 0 { throw .io("Cannot close the Parquet file \(path ?? ""): \(Self.lastError())") }
    }

    /// The bytes of an in-memory output.
    var bytes: [UInt8] { memory }

    /// Whether this writes to memory.
    var isMemory: Bool { path == nil }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

// The class's own `write` / `close` shadow the POSIX functions inside it.
@inline(__always) private func posixClose(_ fd: Int32) -> Int32 { close(fd) }
@inline(__always) private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
