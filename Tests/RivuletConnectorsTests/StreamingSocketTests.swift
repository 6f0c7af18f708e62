import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import RivuletConnectors
import RivuletCore
import RivuletStreaming

@Suite(.serialized) struct StreamingSocketTests {
    @Test func linesArriveAcrossBatches() throws {
        let server = try LineServer(); defer { server.close() }
        let src = try SocketSource(options: ["host": "127.0.0.1", "port": String(server.port), "numPartitions": "1"])
        #expect(src.schema.simpleString == "struct<value:string>")
        try src.start(checkpointDirectory: nil)
        defer { src.stop() }
        server.waitForClient()
        #expect(try src.latestOffset(after: nil) == nil)
        server.send("hello world\nsecond li")
        #expect(try eventually { try src.latestOffset(after: nil)?.json == "0" })
        let b0 = try runBatch(src, after: nil)
        #expect(b0.rows == [[.string("hello world")]])
        server.send("ne\r\nthird\rfourth\n")
        #expect(try eventually { try src.latestOffset(after: b0.end)?.json == "3" })
        let b1 = try runBatch(src, after: b0.end)
        #expect(b1.rows == [[.string("second line")], [.string("third")], [.string("fourth")]])
        // Committed lines are gone: the range cannot be planned again.
        #expect(throws: RivuletError.self) { try src.planBatch(start: nil, end: b1.end!) }
    }

    @Test func includeTimestampAddsArrivalTime() throws {
        let server = try LineServer(); defer { server.close() }
        let src = try SocketSource(options: ["host": "localhost", "port": String(server.port), "includeTimestamp": "true"])
        #expect(src.schema.simpleString == "struct<value:string,timestamp:timestamp>")
        let before = StreamingClock.systemMillis() * 1000
        try src.start(checkpointDirectory: nil)
        defer { src.stop() }
        server.waitForClient()
        server.send("a\nb\n")
        #expect(try eventually { try src.latestOffset(after: nil)?.json == "1" })
        let rows = try runBatch(src, after: nil).rows
        #expect(Set(rows.map { $0[0] }) == [.string("a"), .string("b")])
        let after = StreamingClock.systemMillis() * 1000
        for r in rows {
            guard case .timestamp(let t) = r[1] else { Issue.record("no timestamp"); continue }
            #expect(t >= before && t <= after)
        }
    }

    @Test func refusedConnectionIsAClearError() throws {
        let port = unusedPort()
        let src = try SocketSource(options: ["host": "localhost", "port": String(port)])
        let e = #expect(throws: RivuletError.self) { try src.start(checkpointDirectory: nil) }
        #expect(e?.code == .connector)
        #expect(e?.message == "Cannot connect to socket localhost:\(port): Connection refused")
    }

    @Test func peerCloseEndsTheDataWithoutCrashing() throws {
        let server = try LineServer()
        let src = try SocketSource(options: ["host": "127.0.0.1", "port": String(server.port)])
        try src.start(checkpointDirectory: nil)
        defer { src.stop() }
        server.waitForClient()
        server.send("last line without newline")
        server.close()
        #expect(eventually { src.isClosedByPeer })
        let b = try runBatch(src, after: nil)
        #expect(b.rows == [[.string("last line without newline")]])
        #expect(try runBatch(src, after: b.end).end == b.end)
    }

    @Test func optionErrors() {
        let noHost = #expect(throws: RivuletError.self) { try StreamingFormats.makeSource(format: "socket", options: ["port": "1"], userSchema: nil, path: nil) }
        #expect(noHost?.message == "Set a host to read from with option(\"host\", ...).")
        let noPort = #expect(throws: RivuletError.self) { try SocketSource(options: ["host": "x"]) }
        #expect(noPort?.message == "Set a port to read from with option(\"port\", ...).")
        let ts = #expect(throws: RivuletError.self) { try SocketSource(options: ["host": "x", "port": "1", "includeTimestamp": "yes"]) }
        #expect(ts?.message == "includeTimestamp must be set to either \"true\" or \"false\".")
    }
}
