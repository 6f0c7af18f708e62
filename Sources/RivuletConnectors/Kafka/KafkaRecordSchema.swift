import RivuletCore

/// The fixed schema of the Kafka source (Spark's `KafkaRecordToRowConverter`):
///
/// ```
/// key binary, value binary, topic string, partition int, offset bigint, timestamp timestamp,
/// timestampType int [, headers array<struct<key:string,value:binary>>]
/// ```
/// `timestampType` is Kafka's: 0 = CreateTime, 1 = LogAppendTime. `headers` is there only with
/// `includeHeaders=true`.
public enum KafkaRecordSchema {
    /// `array<struct<key:string,value:binary>>`.
    public static let headersType = DataType.array(.struct(StructType([StructField("key", .string), StructField("value", .binary)])))

    /// The source schema, with or without `headers`.
    public static func schema(includeHeaders: Bool) -> StructType {
        var fields = [
            StructField("key", .binary), StructField("value", .binary), StructField("topic", .string),
            StructField("partition", .integer), StructField("offset", .long), StructField("timestamp", .timestamp),
            StructField("timestampType", .integer),
        ]
        if includeHeaders { fields.append(StructField("headers", headersType)) }
        return StructType(fields)
    }
}

/// Accumulates Kafka records column by column into typed buffers, then emits a ``RecordBatch``
/// with the columns a scan asked for.
struct KafkaRowBuilder {
    private var keys = ByteArrayBuilder()
    private var keyValid: [Bool] = []
    private var values = ByteArrayBuilder()
    private var valueValid: [Bool] = []
    private var topics = ByteArrayBuilder()
    private var partitions: [Int32] = []
    private var offsets: [Int64] = []
    private var timestamps: [Int64] = []
    private var timestampTypes: [Int32] = []
    private var headerOffsets: [Int32] = [0]
    private var headerKeys = ByteArrayBuilder()
    private var headerValues = ByteArrayBuilder()
    private var headerValueValid: [Bool] = []
    /// Rows so far.
    private(set) var count = 0
    let includeHeaders: Bool

    init(includeHeaders: Bool) { self.includeHeaders = includeHeaders }

    /// Appends one record; `timestampMs` is epoch milliseconds.
    mutating func append(topic: String, partition: Int32, offset: Int64, timestampMs: Int64, timestampType: Int32,
                         key: [UInt8]?, value: [UInt8]?, headers: [(key: String, value: [UInt8]?)]) {
        if let key { keys.append(bytes: key) } else { keys.appendEmpty() }
        keyValid.append(key != nil)
        if let value { values.append(bytes: value) } else { values.appendEmpty() }
        valueValid.append(value != nil)
        topics.append(topic)
        partitions.append(partition)
        offsets.append(offset)
        timestamps.append(timestampMs &* 1000)
        timestampTypes.append(timestampType)
        if includeHeaders {
            for h in headers {
                headerKeys.append(h.key)
                if let v = h.value { headerValues.append(bytes: v) } else { headerValues.appendEmpty() }
                headerValueValid.append(h.value != nil)
            }
            headerOffsets.append(Int32(truncatingIfNeeded: headerValueValid.count))
        }
        count += 1
    }

    /// The rows as a batch of the columns `required` (indices into the source schema; nil = all).
    func finish(required: [Int]?) -> RecordBatch {
        let full = KafkaRecordSchema.schema(includeHeaders: includeHeaders)
        let indices = required ?? Array(0..<full.count)
        var columns: [ColumnVector] = []
        for i in indices {
            switch i {
            case 0: columns.append(ColumnVector(dataType: .binary, count: count, validity: Self.bitmap(keyValid), storage: .bytes(keys.finish())))
            case 1: columns.append(ColumnVector(dataType: .binary, count: count, validity: Self.bitmap(valueValid), storage: .bytes(values.finish())))
            case 2: columns.append(ColumnVector(strings: topics.finish()))
            case 3: columns.append(ColumnVector(int32: partitions))
            case 4: columns.append(ColumnVector(int64: offsets))
            case 5: columns.append(ColumnVector(dataType: .timestamp, count: count, validity: nil, storage: .int64(timestamps)))
            case 6: columns.append(ColumnVector(int32: timestampTypes))
            default:
                let n = headerValueValid.count
                let structType = StructType([StructField("key", .string), StructField("value", .binary)])
                let entries = ColumnVector(dataType: .struct(structType), count: n, validity: nil, storage: .structure([
                    ColumnVector(strings: headerKeys.finish()),
                    ColumnVector(dataType: .binary, count: n, validity: Self.bitmap(headerValueValid), storage: .bytes(headerValues.finish())),
                ]))
                columns.append(ColumnVector(dataType: KafkaRecordSchema.headersType, count: count, validity: nil,
                                            storage: .list(offsets: headerOffsets, values: entries)))
            }
        }
        return RecordBatch(unchecked: StructType(indices.map { full[$0] }), columns: columns, numRows: count)
    }

    private static func bitmap(_ valid: [Bool]) -> Bitmap? {
        valid.allSatisfy { $0 } ? nil : Bitmap(valid)
    }
}
