import Testing
import Synchronization
@testable import RivuletConnectors
import RivuletCore
import RivuletSQL
import RivuletStreaming

@Suite struct StreamingMemoryTests {
    let schema = StructType([StructField("k", .string), StructField("n", .long)])

    @Test func memoryStreamOffsetsReplayAndCommit() throws {
        let input = MemoryStream(schema: schema)
        #expect(try input.latestOffset(after: nil) == nil)
        #expect(input.addData([[.string("a"), .long(1)], [.string("b"), .long(2)]]).json == "0")
        #expect(input.addData([[.string("c"), .long(3)]]).json == "1")
        let end = try #require(try input.latestOffset(after: nil))
        #expect(end.json == "1")
        #expect(try readAll(try input.planBatch(start: nil, end: end)).count == 3)
        #expect(try readAll(try input.planBatch(start: LongOffset.make(0), end: end)) == [[.string("c"), .long(3)]])
        #expect(try readAll(try input.planBatch(start: nil, end: end), required: [1]) == [[.long(1)], [.long(2)], [.long(3)]])
        try input.commit(LongOffset.make(0))
        // Committed data is gone; the uncommitted batch still replays.
        #expect(throws: RivuletError.self) { try input.planBatch(start: nil, end: end) }
        #expect(try readAll(try input.planBatch(start: LongOffset.make(0), end: end)) == [[.string("c"), .long(3)]])
    }

    @Test func memoryStreamTestHooks() throws {
        let input = MemoryStream(schema: schema, name: "hooks_stream")
        #expect(MemoryStream.named("HOOKS_STREAM") === input)
        #expect(try StreamingFormats.makeSource(format: "memory", options: ["name": "hooks_stream"], userSchema: nil, path: nil) === input)
        input.addData([[.string("a"), .long(1)]])
        input.pause()
        input.addData([[.string("b"), .long(2)]])
        #expect(try input.latestOffset(after: nil)?.json == "0")
        input.resume()
        #expect(try input.latestOffset(after: nil)?.json == "1")
        input.fail(with: RivuletError(.connector, "boom"))
        let e = #expect(throws: RivuletError.self) { try input.latestOffset(after: nil) }
        #expect(e?.message == "boom")
        #expect(try input.latestOffset(after: nil)?.json == "1")   // fails once
        #expect(!input.isEnded)
        input.end()
        #expect(input.isEnded)
        try input.prepareForTriggerAvailableNow()
        input.addData([[.string("c"), .long(3)]])
        #expect(try input.latestOffset(after: nil)?.json == "1")
    }

    @Test func memorySinkAppendCompleteAndRedelivery() throws {
        let sink = MemorySink(queryName: "q")
        let b0 = RecordBatch(schema: schema, rows: [[.string("a"), .long(1)]])
        let b1 = RecordBatch(schema: schema, rows: [[.string("b"), .long(2)]])
        try sink.addBatch(0, [b0], schema: schema, outputMode: .append)
        try sink.addBatch(1, [b1], schema: schema, outputMode: .append)
        try sink.addBatch(1, [b1], schema: schema, outputMode: .append)   // re-delivered: ignored
        #expect(sink.allRows() == [[.string("a"), .long(1)], [.string("b"), .long(2)]])
        #expect(sink.latestBatchId == 1)

        // The view reads the rows current when it executes, not when it was made.
        let view = sink.asScanSource()
        #expect(view.schema == schema)
        let parts = try view.partitions(requiredColumns: [1])
        try sink.addBatch(2, [b0], schema: schema, outputMode: .update)
        var seen: [[Value]] = []
        for p in parts { try p.read { (b: RecordBatch) throws(RivuletError) in seen += b.rows.map(\.values) } }
        #expect(seen == [[.long(1)], [.long(2)], [.long(1)]])

        let complete = MemorySink(queryName: "c")
        try complete.addBatch(0, [b0, b1], schema: schema, outputMode: .complete)
        try complete.addBatch(1, [b1], schema: schema, outputMode: .complete)
        #expect(complete.allRows() == [[.string("b"), .long(2)]])
        try complete.addBatch(0, [b0], schema: schema, outputMode: .complete)   // old id: ignored
        #expect(complete.allRows() == [[.string("b"), .long(2)]])

        let e = #expect(throws: RivuletError.self) { try StreamingFormats.makeSink(format: "memory", options: [:], path: nil, queryName: nil) }
        #expect(e?.message == "queryName must be specified for memory sink")
    }

    @Test func foreachWriterLifecycle() throws {
        final class Recorder: ForeachWriter {
            let events = Mutex<[String]>([])
            let skipPartition: Int64
            let failOn: String?
            init(skipPartition: Int64 = -1, failOn: String? = nil) { self.skipPartition = skipPartition; self.failOn = failOn }
            func open(partitionId: Int64, epochId: Int64) throws -> Bool {
                events.withLock { $0.append("open \(partitionId) \(epochId)") }
                return partitionId != skipPartition
            }
            func process(_ row: Row) throws {
                let k = row["k"]?.stringValue ?? "?"
                if k == failOn { throw RivuletError(.execution, "bad row \(k)") }
                events.withLock { $0.append("process \(k)") }
            }
            func close(error: (any Error)?) {
                events.withLock { $0.append(error.map { "close \(($0 as? RivuletError)?.message ?? "\($0)")" } ?? "close") }
            }
        }
        let b0 = RecordBatch(schema: schema, rows: [[.string("a"), .long(1)], [.string("b"), .long(2)]])
        let b1 = RecordBatch(schema: schema, rows: [[.string("c"), .long(3)]])
        let w = Recorder(skipPartition: 1)
        try ForeachSink(writer: w).addBatch(7, [b0, b1], schema: schema, outputMode: .append)
        #expect(w.events.withLock { $0 } == ["open 0 7", "process a", "process b", "close", "open 1 7", "close"])

        let failing = Recorder(failOn: "b")
        let e = #expect(throws: RivuletError.self) { try ForeachSink(writer: failing).addBatch(0, [b0], schema: schema, outputMode: .append) }
        #expect(e?.message == "bad row b")
        #expect(failing.events.withLock { $0 } == ["open 0 0", "process a", "close bad row b"])

        let empty = Recorder()
        try ForeachSink(writer: empty).addBatch(3, [], schema: schema, outputMode: .append)
        #expect(empty.events.withLock { $0 } == ["open 0 3", "close"])
    }
}
