import RivuletCore

/// Collects decoded rows for the required columns of a file scan (data columns plus, optionally,
/// the corrupt-record column) and cuts them into batches.
struct RowAssembler {
    let outputSchema: StructType
    /// Position of the corrupt-record column in the output, if it is required.
    let corruptSlot: Int?
    /// For each output slot that is a data column: its index in the decoded data row.
    let dataSlots: [Int?]
    let batchRows: Int
    private var builders: [ColumnBuilder]
    private(set) var rowCount = 0

    init(outputSchema: StructType, corruptSlot: Int?, dataSlots: [Int?], batchRows: Int) {
        self.outputSchema = outputSchema
        self.corruptSlot = corruptSlot
        self.dataSlots = dataSlots
        self.batchRows = batchRows
        builders = outputSchema.fields.map { ColumnBuilder(type: $0.dataType, capacity: batchRows) }
    }

    /// Appends one row: `data` holds the decoded data columns, `corrupt` the raw record text.
    mutating func append(data: [Value], corrupt: String?) {
        for (slot, source) in dataSlots.enumerated() {
            if slot == corruptSlot {
                builders[slot].append(corrupt.map(Value.string) ?? .null)
            } else if let source, source < data.count {
                builders[slot].append(data[source])
            } else {
                builders[slot].appendNull()
            }
        }
        rowCount += 1
    }

    /// Emits the rows collected so far if a batch is full (or `force`).
    mutating func flush(force: Bool, _ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        guard rowCount > 0, force || rowCount >= batchRows else { return }
        let columns = builders.map { $0.finish() }
        let batch = RecordBatch(unchecked: outputSchema, columns: columns, numRows: rowCount)
        builders = outputSchema.fields.map { ColumnBuilder(type: $0.dataType, capacity: batchRows) }
        rowCount = 0
        try emit(batch)
    }
}

/// Splits a schema into data columns and the corrupt-record column and maps required columns.
struct ScanLayout: Sendable {
    /// Output schema (the required columns in order).
    let output: StructType
    /// Data fields to decode (required data columns, in output order).
    let dataSchema: StructType
    let corruptSlot: Int?
    let dataSlots: [Int?]

    init(schema: StructType, corruptColumn: String, requiredColumns: [Int]?) throws(RivuletError) {
        let required = requiredColumns ?? Array(schema.fields.indices)
        var outFields: [StructField] = []
        var dataFields: [StructField] = []
        var corrupt: Int?
        var slots: [Int?] = []
        for i in required {
            guard i >= 0 && i < schema.count else { throw .internal("required column \(i) is out of range for \(schema.simpleString)") }
            let f = schema[i]
            if f.name == corruptColumn {
                guard f.dataType == .string else {
                    throw RivuletError(.analysis, "The field for corrupt records must be string type and nullable: '\(f.name)' is \(f.dataType.simpleString)",
                                       errorClass: "INVALID_CORRUPT_RECORD_TYPE")
                }
                corrupt = outFields.count
                slots.append(nil)
            } else {
                slots.append(dataFields.count)
                dataFields.append(f)
            }
            outFields.append(f)
        }
        output = StructType(outFields)
        dataSchema = StructType(dataFields)
        corruptSlot = corrupt
        dataSlots = slots
    }
}
