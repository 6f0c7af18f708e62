#if canImport(Glibc)
import Glibc
#endif
import RivuletCore
import RivuletKafka
import RivuletSQL

/// The bounded scan of a set of Kafka offset ranges, one scan partition per range: a streaming
/// micro-batch or a batch read (`spark.read.format("kafka")`).
struct KafkaScan: ScanSource {
    let explainDetail: String
    let ranges: [KafkaOffsetRange]
    let includeHeaders: Bool
    let handle: KafkaClientHandle
    let dataLoss: KafkaDataLossReporter
    let groupId: String
    let pollTimeoutMs: Int64

    var formatName: String { "kafka" }
    var schema: StructType { KafkaRecordSchema.schema(includeHeaders: includeHeaders) }

    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        ranges.map { KafkaRangeReader(range: $0, required: requiredColumns, scan: self) }
    }
}

/// Reads one offset range with fetch requests, emitting the records as typed batches.
///
/// Offsets without a visible record (transaction markers, aborted or compacted records) are
/// skipped. Offsets that are gone from the log follow `failOnDataLoss`, like Spark's
/// `KafkaDataConsumer`: the error `KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE`, or a warning and a
/// jump to the earliest offset still available.
struct KafkaRangeReader: ScanPartition {
    static let rowsPerBatch = 65_536
    let range: KafkaOffsetRange
    let required: [Int]?
    let scan: KafkaScan

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        let tp = range.topicPartition
        let until = range.untilOffset
        let handle = scan.handle
        let isolation = handle.configuration.isolationLevel
        var offset = range.fromOffset
        var builder = KafkaRowBuilder(includeHeaders: scan.includeHeaders)
        var lastProgress = ContinuousClock.now
        let patience = Duration.milliseconds(scan.pollTimeoutMs)

        func lost(_ from: Int64, _ to: Int64) throws(RivuletError) {
            try scan.dataLoss.report("COULD_NOT_READ_OFFSET_RANGE",
                                     "Could not read records in offset [\(from), \(to)) for topic partition \(tp) with consumer group \(scan.groupId).")
        }

        while offset < until {
            let at = offset
            let results = try handle.call("to read \(tp) at offset \(at) (range [\(range.fromOffset), \(until)))") { c async throws(KafkaError) in
                try await c.fetch([tp.client: at], isolation: isolation, maxBytes: nil)
            }
            guard let r = results[tp.client] else {
                throw RivuletError(.connector, "Kafka returned no data for \(tp) at offset \(at)", errorClass: "KAFKA_CONNECTOR_ERROR")
            }
            if let e = r.error {
                guard case .offsetOutOfRange = e.code else { throw handle.error("to read \(tp) at offset \(at)", e) }
                try lost(at, until)
                // Skip to the earliest offset still in the log, if it is inside the range.
                let bounds = try handle.call("to fetch the offset range of \(tp)") { c async throws(KafkaError) in
                    try await c.listOffsets([tp.client: .earliest], isolation: isolation)
                }
                let earliest = bounds[tp.client] ?? until
                if earliest <= at || earliest >= until { break }
                offset = earliest
                continue
            }
            var progressed = false
            for rec in r.records where rec.offset >= offset {
                if rec.offset >= until { break }
                if rec.offset > offset && r.logStartOffset > offset {
                    // The records before this one aged out of the log.
                    try lost(offset, rec.offset)
                }
                builder.append(topic: tp.topic, partition: tp.partition, offset: rec.offset, timestampMs: rec.timestamp,
                               timestampType: rec.timestampType, key: rec.key, value: rec.value,
                               headers: rec.headers.map { (key: $0.key, value: $0.value) })
                offset = rec.offset + 1
                progressed = true
            }
            if r.nextOffset > offset {
                offset = min(r.nextOffset, until)
                progressed = true
            }
            if builder.count >= Self.rowsPerBatch {
                try emit(builder.finish(required: required))
                builder = KafkaRowBuilder(includeHeaders: scan.includeHeaders)
            }
            if progressed {
                lastProgress = .now
                continue
            }
            // Nothing at `offset`: the log may end before the range does (a deleted and re-created
            // topic), or the data is not fetchable yet.
            let end = isolation == .readCommitted && r.lastStableOffset >= 0 ? r.lastStableOffset : r.highWatermark
            if end >= 0 && end <= offset {
                try lost(offset, until)
                break
            }
            if ContinuousClock.now - lastProgress > patience {
                throw RivuletError(.connector, "Cannot fetch record for offset \(offset) in \(scan.pollTimeoutMs) milliseconds (topic partition \(tp), kafka.bootstrap.servers=\(handle.servers))",
                                   errorClass: "KAFKA_FETCH_TIMEOUT")
            }
            // An empty fetch returns at once on some brokers: do not spin.
            usleepMillis(10)
        }
        if builder.count > 0 { try emit(builder.finish(required: required)) }
    }
}

/// Sleeps the calling (non-async) thread.
func usleepMillis(_ ms: Int) {
    var ts = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
    _ = nanosleep(&ts, nil)
}
