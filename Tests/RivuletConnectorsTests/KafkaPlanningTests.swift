import Testing
@testable import RivuletConnectors
import RivuletCore

/// Offset-range planning as Spark's `KafkaOffsetRangeCalculator` and `rateLimit` do it.
@Suite struct KafkaPlanningTests {
    let t0 = KafkaTopicPartition("t", 0), t1 = KafkaTopicPartition("t", 1), t2 = KafkaTopicPartition("t", 2)

    @Test func withoutMinPartitionsRangesAreKeptAndEmptyOnesDropped() {
        let r = [KafkaOffsetRange(t0, 1, 2), KafkaOffsetRange(t1, 5, 5), KafkaOffsetRange(t2, 9, 3)]
        #expect(KafkaOffsetPlanning.ranges(r, minPartitions: nil) == [KafkaOffsetRange(t0, 1, 2)])
        #expect(KafkaOffsetPlanning.ranges(r, minPartitions: 1) == [KafkaOffsetRange(t0, 1, 2)])
    }

    @Test func minPartitionsSplitsLargeRanges() {
        // Spark's KafkaOffsetRangeCalculatorSuite: "with minPartition = 3: N skewed TopicPartitions to M offset ranges".
        let r = [KafkaOffsetRange(t1, 1, 5), KafkaOffsetRange(t2, 1, 21)]
        #expect(KafkaOffsetPlanning.ranges(r, minPartitions: 3) == [
            KafkaOffsetRange(t1, 1, 5), KafkaOffsetRange(t2, 1, 11), KafkaOffsetRange(t2, 11, 21),
        ])
        // One partition split into 3 near-equal parts; the last absorbs the rounding.
        #expect(KafkaOffsetPlanning.ranges([KafkaOffsetRange(t1, 1, 5)], minPartitions: 3) == [
            KafkaOffsetRange(t1, 1, 2), KafkaOffsetRange(t1, 2, 3), KafkaOffsetRange(t1, 3, 5),
        ])
        // Small ranges stay whole and are left out of the proportions.
        let skewed = [KafkaOffsetRange(t0, 0, 1), KafkaOffsetRange(t1, 0, 1), KafkaOffsetRange(t2, 0, 10_000)]
        let out = KafkaOffsetPlanning.ranges(skewed, minPartitions: 4)
        #expect(out.count == 4)
        #expect(out.filter { $0.topicPartition == t2 }.map(\.size) == [5000, 5000])
    }

    @Test func maxRecordsPerPartitionCapsRanges() {
        let out = KafkaOffsetPlanning.ranges([KafkaOffsetRange(t0, 0, 25)], minPartitions: nil, maxRecordsPerPartition: 10)
        #expect(out == [KafkaOffsetRange(t0, 0, 8), KafkaOffsetRange(t0, 8, 16), KafkaOffsetRange(t0, 16, 25)])
    }

    @Test func rateLimitSplitsProportionallyToBacklog() {
        let from: KafkaPartitionOffsets = [t0: 0, t1: 100]
        let until: KafkaPartitionOffsets = [t0: 300, t1: 200, t2: 50]
        // t2 is new: it starts at its earliest offset, 10.
        let out = KafkaOffsetPlanning.rateLimit(90, from: from, until: until, fromNew: [t2: 10])
        // Backlogs 300, 100, 40 of 440: shares 61.36 -> 61, 20.45 -> 20, 8.18 -> 8.
        #expect(out == [t0: 61, t1: 120, t2: 18])
    }

    @Test func rateLimitNeverStarvesSmallPartitions() {
        let out = KafkaOffsetPlanning.rateLimit(10, from: [t0: 0, t1: 0], until: [t0: 1_000, t1: 2])
        // t1's share is 0.02, rounded up to one offset.
        #expect(out == [t0: 9, t1: 1])
        #expect(KafkaOffsetPlanning.rateLimit(10, from: [t0: 5], until: [t0: 5]) == [t0: 5])
        #expect(KafkaOffsetPlanning.rateLimit(Int64.max, from: [t0: 5], until: [t0: Int64.max]) == [t0: Int64.max])
    }

    @Test func backlogCountsNewPartitionsFromZero() {
        #expect(KafkaOffsetPlanning.backlog(latest: [t0: 10, t1: 4], current: [t0: 7]) == 7)
    }
}

extension KafkaOffsetPlanning {
    static func rateLimit(_ limit: Int64, from: KafkaPartitionOffsets, until: KafkaPartitionOffsets) -> KafkaPartitionOffsets {
        rateLimit(limit, from: from, until: until, fromNew: [:])
    }
}

/// The source's row layout and the sink's column rules.
@Suite struct KafkaRowsTests {
    @Test func schemaMatchesSpark() {
        #expect(KafkaRecordSchema.schema(includeHeaders: false).ddl
                == "key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT, timestamp TIMESTAMP, timestampType INT")
        #expect(KafkaRecordSchema.schema(includeHeaders: true).fields.last?.dataType.simpleString == "array<struct<key:string,value:binary>>")
    }

    @Test func builderFillsTypedColumns() {
        var b = KafkaRowBuilder(includeHeaders: true)
        b.append(topic: "t", partition: 1, offset: 41, timestampMs: 1_700_000_000_123, timestampType: 0, key: nil,
                 value: Array("hi".utf8), headers: [("h1", [1, 2]), ("h2", nil)])
        b.append(topic: "t", partition: 1, offset: 42, timestampMs: 5, timestampType: 1, key: [7], value: nil, headers: [])
        let all = b.finish(required: nil)
        #expect(all.numRows == 2)
        #expect(all.columns[0].value(at: 0) == .null)
        #expect(all.columns[0].value(at: 1) == .binary([7]))
        #expect(all.columns[1].value(at: 0) == .binary(Array("hi".utf8)))
        #expect(all.columns[1].value(at: 1) == .null)
        #expect(all.columns[2].string(at: 1) == "t")
        #expect(all.columns[3].value(at: 0) == .int(1))
        #expect(all.columns[4].value(at: 1) == .long(42))
        #expect(all.columns[5].value(at: 0) == .timestamp(1_700_000_000_123_000))
        #expect(all.columns[6].value(at: 1) == .int(1))
        #expect(all.columns[7].value(at: 0) == .array([.struct([.string("h1"), .binary([1, 2])]), .struct([.string("h2"), .null])]))
        #expect(all.columns[7].value(at: 1) == .array([]))
        let projected = b.finish(required: [4, 1])
        #expect(projected.schema.names == ["offset", "value"])
        #expect(projected.columns[0].value(at: 0) == .long(41))
    }

    func sinkError(_ ddl: String, topic: String? = nil) -> String {
        do {
            _ = try KafkaWriteColumns(schema: try StructType.fromDDL(ddl), topic: topic)
            return "no error"
        } catch {
            return error.message
        }
    }

    @Test func sinkColumnRules() {
        #expect(sinkError("value STRING") == "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.")
        #expect(sinkError("value STRING", topic: "t") == "no error")
        #expect(sinkError("key STRING, topic STRING") == "Required attribute 'value' not found")
        #expect(sinkError("value INT, topic STRING") == "value attribute unsupported type int. value must be a(n) string or binary")
        #expect(sinkError("value BINARY, topic INT") == "topic attribute unsupported type int. topic must be a(n) string")
        #expect(sinkError("value BINARY, key DOUBLE", topic: "t") == "key attribute unsupported type double. key must be a(n) string or binary")
        #expect(sinkError("value BINARY, partition BIGINT", topic: "t") == "partition attribute unsupported type bigint. partition must be a(n) int")
        #expect(sinkError("value BINARY, headers ARRAY<STRING>", topic: "t")
                == "headers attribute unsupported type array<string>. headers must be a(n) array<struct<key:string,value:binary>>")
        #expect(sinkError("value BINARY, headers ARRAY<STRUCT<key: STRING NOT NULL, value: BINARY>>", topic: "t") == "no error")
        // The topic option wins over a topic column of any type.
        #expect(sinkError("value BINARY, topic INT", topic: "t") == "no error")
    }

    @Test func sinkRowsBecomeRecords() throws {
        let schema = try StructType.fromDDL("topic STRING, key STRING, value BINARY, partition INT")
        let batch = try RecordBatch(schema: schema, columns: [
            ColumnVector(strings: ["a", "b"]), ColumnVector(strings: ["k", nil]),
            ColumnVector(values: [.binary([1]), .null], type: .binary), ColumnVector(values: [.int(3), .null], type: .integer),
        ])
        let cols = try KafkaWriteColumns(schema: schema, topic: nil)
        let records = try cols.records(batch)
        #expect(records.map(\.topic) == ["a", "b"])
        #expect(records.map(\.key) == [Array("k".utf8), nil])
        #expect(records.map(\.value) == [[1], nil])
        #expect(records.map(\.partition) == [3, nil])
        let nullTopic = try RecordBatch(schema: schema, columns: [
            ColumnVector(strings: [nil]), ColumnVector(strings: ["k"]), ColumnVector(values: [.binary([1])], type: .binary),
            ColumnVector(values: [.null], type: .integer),
        ])
        #expect(throws: RivuletError.self) { try cols.records(nullTopic) }
    }
}
