import Foundation
import Testing
@testable import RivuletCore
@testable import RivuletState
@testable import RivuletStreaming

@Suite struct CheckpointTests {
    func tempRoot() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rivulet-ckpt-\(UUID().uuidString)").path
    }

    @Test func offsetSeqRoundTripsInSparkLayout() throws {
        let seq = OffsetSeq(batchWatermarkMs: 5000, batchTimestampMs: 1_700_000_000_000,
                            conf: ["spark.sql.shuffle.partitions": "4"], offsets: ["{\"logOffset\":3}", nil])
        let text = seq.serialize()
        #expect(text == "{\"batchWatermarkMs\":5000,\"batchTimestampMs\":1700000000000,\"conf\":{\"spark.sql.shuffle.partitions\":\"4\"}}\n{\"logOffset\":3}\n-")
        #expect(try OffsetSeq.parse(text, path: "x") == seq)
        #expect(throws: RivuletError.self) { try OffsetSeq.parse("not json\n1", path: "offsets/0") }
    }

    @Test func logEntriesAreWriteOnceAndVersioned() throws {
        let root = tempRoot()
        let log = MetadataLog(directory: root + "/commits")
        try log.add(0, CommitMetadata().serialize())
        try log.add(1, CommitMetadata(nextBatchWatermarkMs: 10).serialize())
        #expect(try CheckpointFiles.readText(root + "/commits/1") == "v1\n{\"nextBatchWatermarkMs\":10}")
        #expect(throws: RivuletError.self) { try log.add(1, "{}") }
        #expect(try log.latest()?.batchId == 1)
        let body = try #require(try log.get(1))
        #expect(try CommitMetadata.parse(body, path: "") == CommitMetadata(nextBatchWatermarkMs: 10))
        try CheckpointFiles.writeAtomically("v9\n{}", to: root + "/commits/2")
        do {
            _ = try log.get(2)
            Issue.record("future version accepted")
        } catch {
            #expect(error.message.contains("commits/2"))
        }
        log.purge(before: 1)
        #expect(log.batchIds() == [1, 2])
    }

    @Test func secondQueryOnSameCheckpointIsRefused() throws {
        let root = tempRoot()
        let first = try StreamingCheckpoint(root: root, runId: StreamingCheckpoint.makeRunId())
        do {
            _ = try StreamingCheckpoint(root: root, runId: StreamingCheckpoint.makeRunId())
            Issue.record("two queries shared a checkpoint")
        } catch {
            #expect(error.errorClass == "CONCURRENT_QUERY")
        }
        let id = first.queryId
        first.close()
        let again = try StreamingCheckpoint(root: root, runId: StreamingCheckpoint.makeRunId())
        #expect(again.queryId == id)
        again.close()
    }

    @Test func staleLockFromDeadProcessIsTakenOver() throws {
        let root = tempRoot()
        try CheckpointFiles.createDirectory(root)
        // pid 2^22+1 is above Linux's pid_max default, so no such process exists.
        try CheckpointFiles.writeAtomically("pid:4194305:dead\n", to: root + "/.lock")
        let ckpt = try StreamingCheckpoint(root: root, runId: StreamingCheckpoint.makeRunId())
        ckpt.close()
    }

    @Test func corruptMetadataIsReportedByName() throws {
        let root = tempRoot()
        try CheckpointFiles.writeAtomically("garbage", to: root + "/metadata")
        do {
            _ = try StreamingCheckpoint(root: root, runId: "r")
            Issue.record("corrupt metadata accepted")
        } catch {
            #expect(error.message.contains("metadata"))
        }
    }
}
