import Foundation
import Testing
import Rivulet

/// The seed network word count over a real TCP socket on 127.0.0.1: the test is the server (like
/// `nc -lk 9999`), writes lines, and checks each micro-batch's complete output.
@Suite struct SocketWordCountTests {
    @Test func seedNetworkWordCount() throws {
        let server = try LineServer()
        let spark = makeSession()
        let lines = try spark.readStream.format("socket").option("host", "127.0.0.1").option("port", server.port).load()
        let words = try lines.select(expr("explode(split(value, ' ')) as word"))
        let wordCounts = try words.groupBy("word").count()
        let log = BatchLog()
        let query = try wordCounts.writeStream.outputMode(.complete).foreachBatch { df, id in
            log.append(id, rendered(try df.orderBy("word").collect()))
        }.start()
        defer { query.stop() }

        server.send("hello world\n")
        try waitForLines(query, 1)
        server.send("hello rivulet\nhello\n")
        try waitForLines(query, 3)
        let batches = log.batches
        let last = try #require(batches[batches.keys.max() ?? -1])
        #expect(last == [["hello", "3"], ["rivulet", "1"], ["world", "1"]])
        #expect(batches[0] == [["hello", "1"], ["world", "1"]])
        // The peer closing the connection ends the data, not the query or its state.
        server.closeClient()
        try query.processAllAvailable()
        #expect(query.isActive)
        #expect(query.exception == nil)
    }

    /// Waits until the query has read `n` lines in total (lines arrive asynchronously).
    func waitForLines(_ q: StreamingQuery, _ n: Int64) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            try q.processAllAvailable()
            if q.recentProgress.reduce(0, { $0 + $1.numInputRows }) >= n { return }
            usleep(2000)
        }
        Issue.record("timed out waiting for \(n) lines")
    }
}

/// A one-connection TCP server on an ephemeral loopback port.
final class LineServer: @unchecked Sendable {
    let fd: Int32
    let port: Int
    private var client: Int32 = -1
    private let accepted = DispatchSemaphore(value: 0)

    init() throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, len) } } == 0
        guard s >= 0, ok, listen(s, 1) == 0 else { throw RivuletError.io("cannot listen on 127.0.0.1") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        fd = s
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread { [self] in
            client = accept(fd, nil, nil)
            accepted.signal()
        }.start()
    }

    func send(_ text: String) {
        if client < 0 { _ = accepted.wait(timeout: .now() + 10) }
        _ = text.withCString { Glibc.send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    func closeClient() { if client >= 0 { close(client) } }
    deinit { close(fd) }
}
