import Testing
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
@testable import RivuletConnectors
import RivuletCore
import RivuletSQL
import RivuletStreaming

/// Runs one micro-batch the way the engine does: latest offset, plan exactly that range, read it,
/// commit. Returns the new end offset (unchanged when there was no new data) and the rows.
@discardableResult
func runBatch(_ source: any StreamingSource, after start: SourceOffset?, commit: Bool = true) throws -> (end: SourceOffset?, rows: [[Value]]) {
    guard let end = try source.latestOffset(after: start), end != start else { return (start, []) }
    let rows = try readAll(try source.planBatch(start: start, end: end))
    if commit { try source.commit(end) }
    return (end, rows)
}

/// Sets a file's modification time (seconds since the epoch).
func setModificationTime(_ path: String, seconds: Int) {
    var times = [timeval(tv_sec: seconds, tv_usec: 0), timeval(tv_sec: seconds, tv_usec: 0)]
    _ = utimes(path, &times)
}

/// A one-connection TCP server on 127.0.0.1 (a real peer for the socket source).
final class LineServer: @unchecked Sendable {
    // @unchecked: the descriptors are written once in init and only read afterwards; the client
    // descriptor is guarded by `client`.
    let port: Int
    private let listenFD: Int32
    private let client = Mutex<Int32>(-1)
    private let accepted = DispatchSemaphore(value: 0)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RivuletError(.io, "socket failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 1) == 0 else { Glibc.close(fd); throw RivuletError(.io, "bind/listen failed") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        listenFD = fd
        let t = Thread { [self] in
            let c = accept(self.listenFD, nil, nil)
            self.client.withLock { $0 = c }
            self.accepted.signal()
        }
        t.start()
    }

    /// Waits for the source to connect.
    func waitForClient() { accepted.wait() }

    func send(_ text: String) {
        let fd = client.withLock { $0 }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Closes the connection (the peer going away) and the listener.
    func close() {
        let fd = client.withLock { c -> Int32 in defer { c = -1 }; return c }
        if fd >= 0 { Glibc.close(fd) }
        Glibc.close(listenFD)
    }
}

/// Polls `condition` for up to two seconds.
func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<200 {
        if try condition() { return true }
        usleep(10_000)
    }
    return false
}

/// A free local port with nothing listening (bind to 0, read the port, close).
func unusedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    Glibc.close(fd)
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// A clock tests move by hand (epoch milliseconds).
final class ManualClock: Sendable {
    private let now: Mutex<Int64>
    init(_ start: Int64) { now = Mutex(start) }
    func advance(ms: Int64) { now.withLock { $0 += ms } }
    var millis: Int64 { now.withLock { $0 } }
}

let stringSchema = StructType([StructField("value", .string)])

/// A whole file as text.
func readText(_ path: String) throws -> String {
    String(decoding: try POSIX.ReadFile(path).readAll(), as: UTF8.self)
}
