import Testing
@testable import RivuletConnectors
import RivuletCore
import RivuletStreaming

@Suite struct StreamingRateTests {
    @Test func valueAtSecondMatchesSparksRampUpTable() {
        // RateStreamProvider's example: rampUpTime 4, rowsPerSecond 10.
        let ends = (0...6).map { RateSource.valueAtSecond(Int64($0), rowsPerSecond: 10, rampUpTimeSeconds: 4) }
        #expect(ends == [0, 2, 6, 12, 20, 30, 40])
        #expect(RateSource.valueAtSecond(3, rowsPerSecond: 5, rampUpTimeSeconds: 0) == 15)
    }

    @Test func rateBatchesFollowTheClock() throws {
        let dir = TempDir(); defer { dir.remove() }
        let clock = ManualClock(1_700_000_000_000)
        let src = try RateSource(options: ["rowsPerSecond": "4", "numPartitions": "2"], clock: { clock.millis })
        try src.start(checkpointDirectory: dir.path + "/sources/0")
        #expect(try readText(dir.path + "/sources/0/0") == "v1\n1700000000000")
        #expect(try src.latestOffset(after: nil) == nil)   // no full second yet
        clock.advance(ms: 1500)
        let end1 = try #require(try src.latestOffset(after: nil))
        #expect(end1.json == "1")
        let rows = try readAll(try src.planBatch(start: nil, end: end1))
        // Partition 0 holds even values, partition 1 odd ones; timestamps spread 250 ms apart.
        #expect(rows.map { $0[1] } == [.long(0), .long(2), .long(1), .long(3)])
        let base: Int64 = 1_700_000_000_000
        #expect(rows.map { $0[0] } == [0, 500, 250, 750].map { Value.timestamp((base + $0) * 1000) })
        clock.advance(ms: 2000)
        let end2 = try #require(try src.latestOffset(after: end1))
        #expect(end2.json == "3")
        let next = try readAll(try src.planBatch(start: end1, end: end2)).map { $0[1] }
        #expect(Set(next) == Set((4..<12).map { Value.long($0) }))
        #expect(try readAll(try src.planBatch(start: end1, end: end2), required: [1]).count == 8)

        // A restart keeps the start time from the checkpoint, so values continue.
        let again = try RateSource(options: ["rowsPerSecond": "4", "numPartitions": "1"], clock: { clock.millis })
        try again.start(checkpointDirectory: dir.path + "/sources/0")
        #expect(try again.latestOffset(after: end2)?.json == "3")
        let replay = try readAll(try again.planBatch(start: end1, end: end2))
        #expect(replay.first == [.timestamp((base + 1000) * 1000), .long(4)])
    }

    @Test func rampUpSpreadsRowsOverTheBatch() throws {
        let clock = ManualClock(0)
        let src = try RateSource(options: ["rowsPerSecond": "10", "rampUpTime": "4s", "numPartitions": "1"], clock: { clock.millis })
        try src.start(checkpointDirectory: nil)
        let rows = try readAll(try src.planBatch(start: LongOffset.make(2), end: LongOffset.make(3)))
        #expect(rows.map { $0[1] } == (6..<12).map { Value.long($0) })
        // 6 values over 1000 ms: round(k * 166.67) ms after second 2.
        #expect(rows.map { $0[0] } == [0, 167, 333, 500, 667, 833].map { Value.timestamp((2000 + $0) * 1000) })
    }

    @Test func rateOptionErrors() {
        let e = #expect(throws: RivuletError.self) { try RateSource(options: ["rowsPerSecond": "0"]) }
        #expect(e?.message == "Invalid value '0'. The option 'rowsPerSecond' must be positive")
        #expect(throws: RivuletError.self) { try RateSource(options: ["rampUpTime": "-1s"]) }
        #expect(throws: RivuletError.self) { try RateSource(options: ["numPartitions": "0"]) }
    }

    @Test func rateMicroBatchHasExactValuesPerBatch() throws {
        let src = try RateMicroBatchSource(options: ["rowsPerBatch": "5", "numPartitions": "2", "startTimestamp": "1000", "advanceMillisPerBatch": "100"])
        var start: SourceOffset?
        for k in 0..<3 {
            let end = try #require(try src.latestOffset(after: start))
            #expect(end.json == "{\"offset\":\(5 * (k + 1)),\"timestamp\":\(1000 + 100 * (k + 1))}")
            let rows = try readAll(try src.planBatch(start: start, end: end))
            #expect(Set(rows.map { $0[1] }) == Set((5 * k..<5 * (k + 1)).map { Value.long(Int64($0)) }))
            #expect(rows.allSatisfy { $0[0] == .timestamp(Int64(1000 + 100 * k) * 1000) })
            #expect(rows.count == 5)
            start = end
        }
        let missing = #expect(throws: RivuletError.self) { try StreamingFormats.makeSource(format: "rate-micro-batch", options: [:], userSchema: nil, path: nil) }
        #expect(missing?.message == "Invalid value '0'. The option 'rowsPerBatch' must be positive")
    }

    @Test func rateMicroBatchAvailableNowFixesOneBatch() throws {
        let src = try RateMicroBatchSource(options: ["rowsPerBatch": "3", "numPartitions": "1"])
        try src.prepareForTriggerAvailableNow()
        let end = try #require(try src.latestOffset(after: nil))
        #expect(try src.latestOffset(after: end) == end)
    }

    @Test func largeRateBatchIsGeneratedInChunks() throws {
        let src = try RateMicroBatchSource(options: ["rowsPerBatch": "200000", "numPartitions": "1"])
        let end = try #require(try src.latestOffset(after: nil))
        var sizes: [Int] = []
        var last: Int64 = -1
        var ordered = true
        for p in try src.planBatch(start: nil, end: end).partitions(requiredColumns: [1]) {
            try p.read { (b: RecordBatch) throws(RivuletError) in
                sizes.append(b.numRows)
                for v in b.columns[0].int64Values ?? [] { if v != last + 1 { ordered = false }; last = v }
            }
        }
        #expect(sizes == [65536, 65536, 65536, 3392])
        #expect(ordered && last == 199_999)
    }
}
