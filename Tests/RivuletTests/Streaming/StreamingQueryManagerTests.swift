import Foundation
import Testing
import Rivulet

@Suite struct StreamingQueryManagerTests {
    final class Recorder: StreamingQueryListener, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var events: [String] = []
        func record(_ e: String) { lock.lock(); events.append(e); lock.unlock() }
        var snapshot: [String] { lock.lock(); defer { lock.unlock() }; return events }
        func onQueryStarted(_ event: QueryStartedEvent) { record("started:\(event.name ?? "")") }
        func onQueryProgress(_ event: StreamingQueryProgress) { record("progress:\(event.batchId)") }
        func onQueryIdle(_ event: QueryIdleEvent) { record("idle") }
        func onQueryTerminated(_ event: QueryTerminatedEvent) { record("terminated:\(event.exception == nil)") }
    }

    @Test func listenersSeeTheLifecycleAndManagerTracksQueries() async throws {
        let spark = makeSession()
        let recorder = Recorder()
        spark.streams.addListener(recorder)
        let input = MemoryStream(schema: try StructType.fromDDL("value STRING"))
        let q = try input.toDF(spark).writeStream.format("memory").queryName("events_q").start()
        #expect(spark.streams.active.map(\.id) == [q.id])
        #expect(spark.streams.get(q.id)?.name == "events_q")
        _ = input.addData([[.string("x")]])
        try q.processAllAvailable()
        #expect(q.status.isTriggerActive == false)
        q.stop()
        #expect(!q.isActive)
        #expect(spark.streams.active.isEmpty)
        try await spark.streams.awaitAnyTermination()
        let events = recorder.snapshot
        #expect(events.first == "started:events_q")
        #expect(events.contains("progress:0"))
        #expect(events.last == "terminated:true")
        spark.streams.resetTerminated()
        spark.streams.removeListener(recorder)
    }

    @Test func availableNowStopsByItselfAndAwaitTerminationReturns() async throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        for i in 0..<5 { try writeFile(dir, "f\(i).txt", "line \(i)\n") }
        let q = try spark.readStream.option("maxFilesPerTrigger", 2).text(dir.path)
            .writeStream.format("memory").queryName("avail").trigger(.availableNow).start()
        try await q.awaitTermination()
        #expect(!q.isActive)
        #expect(q.recentProgress.count == 3)
        #expect(try spark.table("avail").count() == 5)
        let timedOut = try await q.awaitTermination(timeout: .milliseconds(10))
        #expect(timedOut)
    }

    @Test func failingSourceTerminatesWithItsError() async throws {
        let spark = makeSession()
        let input = MemoryStream(schema: try StructType.fromDDL("value STRING"))
        let q = try input.toDF(spark).writeStream.format("memory").queryName("failing").start()
        input.fail(with: RivuletError(.connector, "the test source broke"))
        do {
            try await q.awaitTermination()
            Issue.record("expected the source's error")
        } catch {
            #expect(error.message.contains("the test source broke"))
        }
        #expect(q.exception?.message.contains("the test source broke") == true)
        #expect(!q.isActive)
    }
}
