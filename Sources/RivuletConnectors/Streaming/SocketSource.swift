#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RivuletCore
import RivuletSQL
import RivuletStreaming
import Synchronization

/// Spark's `socket` source: reads UTF-8 text lines from a TCP server, for tutorials and debugging
/// (it keeps lines in memory and cannot recover them after a restart, as in Spark).
///
/// `start` connects (POSIX sockets) and a background thread buffers every received line with its
/// arrival time. Offsets are Spark's `LongOffset`: the index of the last line received (`0` after
/// the first line). `commit` drops committed lines. The peer closing the connection just ends
/// the data. Schema: `value STRING`, plus `timestamp TIMESTAMP` with `includeTimestamp`.
///
/// ```swift
/// let lines = try SocketSource(options: ["host": "localhost", "port": "9999"])
/// try lines.start(checkpointDirectory: nil)
/// ```
public final class SocketSource: NotifyingStreamingSource {
    /// Server host name or address.
    public let host: String
    /// Server port.
    public let port: Int
    /// Whether rows carry their arrival time.
    public let includeTimestamp: Bool
    /// Partitions lines are dealt over.
    public let numPartitions: Int
    /// `value STRING` (+ `timestamp TIMESTAMP`).
    public let schema: StructType

    private struct State {
        /// Lines after `lastCommitted`, with arrival time in microseconds.
        var lines: [(String, Int64)] = []
        var currentOffset: Int64 = -1
        var lastCommitted: Int64 = -1
        var fd: Int32 = -1
        var started = false
        var stopped = false
        /// Set when the peer closed the connection.
        var closedByPeer = false
        var availableNowEnd: Int64?
        /// Wakes an idle query when lines arrive (set by the engine).
        var onNewData: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    public func setNewDataHandler(_ handler: @escaping @Sendable () -> Void) {
        state.withLock { $0.onNewData = handler }
    }

    /// Reads `host` and `port` (both required), `includeTimestamp` (default false) and
    /// `numPartitions` (default: the number of cores).
    public init(options: [String: String]) throws(RivuletError) {
        let o = SourceOptions(options)
        guard let host = o["host"] else { throw RivuletError(.analysis, "Set a host to read from with option(\"host\", ...).") }
        guard let rawPort = o["port"] else { throw RivuletError(.analysis, "Set a port to read from with option(\"port\", ...).") }
        guard let port = Int(rawPort.trimmingASCIISpaces()), (0...65535).contains(port) else {
            throw RivuletError(.analysis, "Invalid value '\(rawPort)' for option 'port': expected a port number")
        }
        switch o["includeTimestamp"]?.lowercased() {
        case nil, "false": includeTimestamp = false
        case "true": includeTimestamp = true
        default: throw RivuletError(.analysis, "includeTimestamp must be set to either \"true\" or \"false\".")
        }
        self.host = host
        self.port = port
        numPartitions = try StreamingOptions.numPartitions(o)
        schema = includeTimestamp
            ? StructType([StructField("value", .string), StructField("timestamp", .timestamp)])
            : StructType([StructField("value", .string)])
    }

    public var description: String { "TextSocketV2[host: \(host), port: \(port)]" }

    /// Whether the server closed the connection (no more lines will come).
    public var isClosedByPeer: Bool { state.withLock { $0.closedByPeer } }

    public func start(checkpointDirectory: String?) throws(RivuletError) {
        let already = state.withLock { s in
            defer { s.started = true }
            return s.started
        }
        if already { return }
        let fd = try connectSocket()
        state.withLock { $0.fd = fd }
        let thread = Thread { [self] in self.readLoop(fd) }
        thread.name = "TextSocketSource(\(host), \(port))"
        thread.start()
    }

    private func connectSocket() throws(RivuletError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            let why = String(cString: gai_strerror(rc))
            throw RivuletError(.connector, "Cannot connect to socket \(host):\(port): \(why)")
        }
        defer { freeaddrinfo(list) }
        var lastErrno: Int32 = ECONNREFUSED
        var p: UnsafeMutablePointer<addrinfo>? = first
        while let ai = p {
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if fd >= 0 {
                if connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return fd }
                lastErrno = errno
                close(fd)
            } else {
                lastErrno = errno
            }
            p = ai.pointee.ai_next
        }
        let why = String(cString: strerror(lastErrno))
        throw RivuletError(.connector, "Cannot connect to socket \(host):\(port): \(why)")
    }

    /// Receives bytes until the peer closes or `stop` shuts the socket down; lines end at `\n`,
    /// `\r\n` or `\r` (Java's `BufferedReader.readLine`), a last unterminated line counts too.
    private func readLoop(_ fd: Int32) {
        var pending: [UInt8] = []
        var skipLF = false
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var lines: [String] = []
            for i in 0..<n {
                let c = chunk[i]
                if skipLF {
                    skipLF = false
                    if c == 0x0A { continue }
                }
                if c == 0x0A || c == 0x0D {
                    lines.append(String(decoding: pending, as: UTF8.self))
                    pending.removeAll(keepingCapacity: true)
                    skipLF = c == 0x0D
                } else {
                    pending.append(c)
                }
            }
            if !lines.isEmpty { append(lines) }
        }
        if !pending.isEmpty { append([String(decoding: pending, as: UTF8.self)]) }
        close(fd)
        state.withLock { s in
            if s.fd == fd { s.fd = -1 }
            if !s.stopped { s.closedByPeer = true }
        }
        if !isStopped { warn("Stream closed by \(host):\(port)") }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func append(_ lines: [String]) {
        let now = StreamingClock.systemMillis() * 1000
        let wake = state.withLock { s in
            for l in lines { s.lines.append((l, now)) }
            s.currentOffset += Int64(lines.count)
            return s.onNewData
        }
        wake?()
    }

    public func prepareForTriggerAvailableNow() throws(RivuletError) {
        state.withLock { $0.availableNowEnd = $0.currentOffset }
    }

    public func latestOffset(after start: SourceOffset?) throws(RivuletError) -> SourceOffset? {
        let current = state.withLock { s in min(s.currentOffset, s.availableNowEnd ?? .max) }
        return current < 0 ? start : LongOffset.make(current)
    }

    public func planBatch(start: SourceOffset?, end: SourceOffset) throws(RivuletError) -> any ScanSource {
        let from = try start.map { (o: SourceOffset) throws(RivuletError) in try LongOffset.parse(o, source: description) } ?? -1
        let to = try LongOffset.parse(end, source: description)
        let r: Result<[(String, Int64)], RivuletError> = state.withLock { s in
            guard from >= s.lastCommitted, to <= s.currentOffset, from <= to else {
                return .failure(RivuletError(.connector, "\(description): lines \(from + 1) to \(to) are no longer buffered (the socket source cannot replay committed or lost data)"))
            }
            return .success(Array(s.lines[Int(from - s.lastCommitted)..<Int(to - s.lastCommitted)]))
        }
        let rows = try r.get()
        // Lines are dealt round-robin over the partitions, as Spark does.
        let parts = max(1, min(numPartitions, rows.count))
        var slices: [[RecordBatch]] = []
        for p in 0..<parts {
            var values = ByteArrayBuilder(capacity: rows.count / parts + 1)
            var times: [Int64] = []
            var i = p
            while i < rows.count {
                values.append(rows[i].0)
                times.append(rows[i].1)
                i += parts
            }
            var columns = [ColumnVector(strings: values.finish())]
            if includeTimestamp { columns.append(ColumnVector(dataType: .timestamp, count: times.count, validity: nil, storage: .int64(times))) }
            slices.append([RecordBatch(unchecked: schema, columns: columns, numRows: times.count)])
        }
        return InMemoryScan(formatName: "socket", explainDetail: description, schema: schema, partitionBatches: rows.isEmpty ? [] : slices)
    }

    public func commit(_ end: SourceOffset) throws(RivuletError) {
        let to = try LongOffset.parse(end, source: description)
        try state.withLock { (s: inout State) throws(RivuletError) in
            guard to >= s.lastCommitted else {
                throw RivuletError(.execution, "Offsets committed out of order: \(s.lastCommitted) followed by \(to)")
            }
            let drop = Int(min(to, s.currentOffset) - s.lastCommitted)
            s.lines.removeFirst(min(max(0, drop), s.lines.count))
            s.lastCommitted = to
        }
    }

    public func stop() {
        let fd = state.withLock { s -> Int32 in
            s.stopped = true
            return s.fd
        }
        // recv cannot be interrupted otherwise; the reader thread closes the descriptor.
        if fd >= 0 { shutdown(fd, Int32(SHUT_RDWR)) }
    }
}

/// Prints a warning to standard error, as Spark logs one.
func warn(_ message: String) {
    let bytes = Array("WARN: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
