import RivuletCore

/// One record the Kafka sink sends, taken from a row.
struct KafkaOutgoingRecord: Sendable {
    var topic: String
    var partition: Int32?
    var key: [UInt8]?
    var value: [UInt8]?
    var headers: [(key: String, value: [UInt8]?)]
}

/// Which columns of a DataFrame the Kafka sink writes, validated as Spark's `KafkaWriter` does:
/// `value` (string or binary) is required; `key` (string or binary), `headers`
/// (`array<struct<key:string,value:binary>>`), `partition` (int) and `topic` (string) are
/// optional; the `topic` option, when given, overrides the `topic` column.
struct KafkaWriteColumns: Sendable {
    let topicColumn: Int?
    let defaultTopic: String?
    let keyColumn: Int?
    let valueColumn: Int
    let headersColumn: Int?
    let partitionColumn: Int?

    init(schema: StructType, topic: String?) throws(RivuletError) {
        func find(_ name: String, _ allowed: [DataType]) throws(RivuletError) -> Int? {
            guard let i = schema.fields.firstIndex(where: { $0.name == name }) else { return nil }
            let t = schema[i].dataType
            guard allowed.contains(where: { Self.sameType($0, t) }) else {
                throw Self.invalid("\(name) attribute unsupported type \(t.simpleString). \(name) must be a(n) \(allowed.map(\.simpleString).joined(separator: " or "))")
            }
            return i
        }
        if let topic {
            defaultTopic = topic
            topicColumn = nil
        } else {
            defaultTopic = nil
            guard let t = try find("topic", [.string]) else {
                throw Self.invalid("topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.")
            }
            topicColumn = t
        }
        keyColumn = try find("key", [.string, .binary])
        guard let v = try find("value", [.string, .binary]) else { throw Self.invalid("Required attribute 'value' not found") }
        valueColumn = v
        headersColumn = try find("headers", [KafkaRecordSchema.headersType])
        partitionColumn = try find("partition", [.integer])
    }

    static func invalid(_ message: String) -> RivuletError {
        RivuletError(.analysis, message, errorClass: "_LEGACY_ERROR_TEMP_3080")
    }

    /// Spark's `DataTypeUtils.sameType`: equal ignoring nullability.
    static func sameType(_ a: DataType, _ b: DataType) -> Bool {
        switch (a, b) {
        case (.array(let x, _), .array(let y, _)): return sameType(x, y)
        case (.map(let k1, let v1, _), .map(let k2, let v2, _)): return sameType(k1, k2) && sameType(v1, v2)
        case (.struct(let s1), .struct(let s2)):
            return s1.count == s2.count && zip(s1.fields, s2.fields).allSatisfy { $0.name == $1.name && sameType($0.dataType, $1.dataType) }
        default: return a == b
        }
    }

    /// The records of `batch`, in row order.
    func records(_ batch: RecordBatch) throws(RivuletError) -> [KafkaOutgoingRecord] {
        let n = batch.numRows
        guard n > 0 else { return [] }
        let value = batch.columns[valueColumn]
        let key = keyColumn.map { batch.columns[$0] }
        let topic = topicColumn.map { batch.columns[$0] }
        let partition = partitionColumn.map { batch.columns[$0] }
        let headers = headersColumn.map { batch.columns[$0] }
        var out: [KafkaOutgoingRecord] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let t: String
            if let topic {
                guard let s = topic.string(at: i) else {
                    throw RivuletError(.execution, "The Kafka message data sent to the producer contains a null topic. Use the `topic` option for setting a default topic.",
                                       errorClass: "KAFKA_NULL_TOPIC_IN_DATA")
                }
                t = s
            } else {
                t = defaultTopic ?? ""
            }
            var p: Int32?
            if let partition, !partition.isNull(i), let a = partition.int32Values { p = a[i] }
            out.append(KafkaOutgoingRecord(topic: t, partition: p, key: key.flatMap { Self.bytes($0, i) },
                                           value: Self.bytes(value, i), headers: headers.map { Self.headers($0, i) } ?? []))
        }
        return out
    }

    static func bytes(_ c: ColumnVector, _ i: Int) -> [UInt8]? {
        guard !c.isNull(i), let b = c.byteArray else { return nil }
        return b.bytes(at: i)
    }

    static func headers(_ c: ColumnVector, _ i: Int) -> [(key: String, value: [UInt8]?)] {
        guard !c.isNull(i), case .list(let offsets, let entries) = c.storage, case .structure(let fields) = entries.storage,
              fields.count == 2 else { return [] }
        var out: [(key: String, value: [UInt8]?)] = []
        for j in Int(offsets[i])..<Int(offsets[i + 1]) where !entries.isNull(j) {
            // Kafka header keys are non-null strings; a null key is sent as "" rather than failing.
            out.append((fields[0].string(at: j) ?? "", bytes(fields[1], j)))
        }
        return out
    }
}
