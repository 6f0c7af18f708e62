import RivuletCore

// Reading into a schema the caller declares (a user schema, or the schema merged over many
// files): columns are matched by name, missing columns read as nulls, Spark's Parquet type
// widenings apply, and anything else is a type mismatch that names the column and both types.
extension ParquetFileReader {
    /// Reads the row groups `predicate` may match, shaped as `requiredSchema`: one batch per row
    /// group with exactly its fields. Fields absent from the file are null; fields whose file
    /// type differs must be a widening Spark allows (integers to wider integers, decimals or
    /// double; float to double; decimals to wider decimals), else the read fails with
    /// `FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH`.
    public func read(requiredSchema: StructType, predicate: ParquetPredicate? = nil) throws(RivuletError) -> [RecordBatch] {
        let plan = try requiredPlan(requiredSchema)
        var out: [RecordBatch] = []
        for g in 0..<rowGroupCount where try rowGroupMayMatch(g, predicate) {
            out.append(try readRowGroup(g, plan: plan, requiredSchema: requiredSchema))
        }
        return out
    }

    /// Reads one row group shaped as `requiredSchema` (see ``read(requiredSchema:predicate:)``).
    public func readRowGroup(_ index: Int, requiredSchema: StructType) throws(RivuletError) -> RecordBatch {
        try readRowGroup(index, plan: try requiredPlan(requiredSchema), requiredSchema: requiredSchema)
    }

    /// Checks that every field of `required` present in the file can be read as its declared
    /// type; throws naming the column and both types otherwise.
    public func checkSchema(_ required: StructType) throws(RivuletError) {
        _ = try requiredPlan(required)
    }

    /// For each required field: the file column it reads (nil = absent, all null).
    private func requiredPlan(_ required: StructType) throws(RivuletError) -> [Int?] {
        var plan: [Int?] = []
        for f in required.fields {
            guard let i = schema.index(of: f.name) else {
                plan.append(nil)
                continue
            }
            try checkCompatible(schema[i].dataType, f.dataType, column: f.name)
            plan.append(i)
        }
        return plan
    }

    private func readRowGroup(_ index: Int, plan: [Int?], requiredSchema: StructType) throws(RivuletError) -> RecordBatch {
        let fileColumns = Array(Set(plan.compactMap { $0 })).sorted()
        let batch = try readRowGroup(index, fieldIndices: fileColumns)
        var columns: [ColumnVector] = []
        for (k, f) in requiredSchema.fields.enumerated() {
            if let i = plan[k], let position = fileColumns.firstIndex(of: i) {
                columns.append(adapt(batch.columns[position], to: f.dataType))
            } else {
                columns.append(.nulls(f.dataType, count: batch.numRows))
            }
        }
        return RecordBatch(unchecked: requiredSchema, columns: columns, numRows: batch.numRows)
    }

    private func mismatch(_ column: String, _ expected: DataType, _ actual: DataType) -> RivuletError {
        RivuletError(
            .execution,
            "Encountered error while reading file '\(name)'. Data type mismatches when reading Parquet column '\(column)'. "
                + "Expected Spark type \"\(expected.sql)\", actual Parquet type \(parquetTypeName(column) ?? "") (read as \"\(actual.sql)\").",
            errorClass: "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH")
    }

    /// The Parquet type of a leaf column by dotted path, as Spark prints it.
    private func parquetTypeName(_ column: String) -> String? {
        var node = root
        for part in column.split(separator: ".") {
            guard let c = node.children.first(where: { $0.name.lowercased() == part.lowercased() }) else { return nil }
            node = c
        }
        return node.isGroup ? "group" : node.parquetTypeDescription
    }

    private func checkCompatible(_ file: DataType, _ required: DataType, column: String) throws(RivuletError) {
        if file.sameType(required) { return }
        switch (file, required) {
        case (.struct(let fs), .struct(let rs)):
            for f in rs.fields {
                guard let i = fs.index(of: f.name) else { continue }
                try checkCompatible(fs[i].dataType, f.dataType, column: column + "." + f.name)
            }
        case (.array(let fe, _), .array(let re, _)):
            try checkCompatible(fe, re, column: column + ".element")
        case (.map(let fk, let fv, _), .map(let rk, let rv, _)):
            try checkCompatible(fk, rk, column: column + ".key")
            try checkCompatible(fv, rv, column: column + ".value")
        default:
            guard Self.widens(file, to: required) else { throw mismatch(column, required, file) }
        }
    }

    /// Spark's Parquet type widenings (vectorized reader, Spark 4).
    static func widens(_ from: DataType, to: DataType) -> Bool {
        switch (from, to) {
        case (.byte, .short), (.byte, .integer), (.byte, .long), (.short, .integer), (.short, .long), (.integer, .long):
            return true
        case (.byte, .double), (.short, .double), (.integer, .double), (.float, .double):
            return true
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            return s2 >= s1 && p2 - s2 >= p1 - s1
        case (.byte, .decimal), (.short, .decimal), (.integer, .decimal), (.long, .decimal):
            guard case .decimal(let p, let s)? = from.asDecimal, case .decimal(let p2, let s2) = to else { return false }
            return s2 >= s && p2 - s2 >= p - s
        default:
            return false
        }
    }

    /// Converts a column read with the file's type to a compatible required type.
    func adapt(_ v: ColumnVector, to type: DataType) -> ColumnVector {
        if v.dataType == type { return v }
        switch (v.storage, type) {
        case (.structure(let children), .struct(let rs)):
            guard case .struct(let fs) = v.dataType else { return v }
            let kids = rs.fields.map { f -> ColumnVector in
                guard let i = fs.index(of: f.name) else { return .nulls(f.dataType, count: v.count) }
                return adapt(children[i], to: f.dataType)
            }
            return ColumnVector(dataType: type, count: v.count, validity: v.validity, storage: .structure(kids))
        case (.list(let offsets, let values), .array(let e, _)):
            return ColumnVector(dataType: type, count: v.count, validity: v.validity, storage: .list(offsets: offsets, values: adapt(values, to: e)))
        case (.map(let offsets, let keys, let values), .map(let k, let val, _)):
            return ColumnVector(
                dataType: type, count: v.count, validity: v.validity,
                storage: .map(offsets: offsets, keys: adapt(keys, to: k), values: adapt(values, to: val)))
        default:
            return ColumnVector(dataType: type, count: v.count, validity: v.validity, storage: widen(v, to: type))
        }
    }

    private func widen(_ v: ColumnVector, to type: DataType) -> ColumnVector.Storage {
        func ints(_ s: ColumnVector.Storage) -> [Int64]? {
            switch s {
            case .int8(let a): return a.map(Int64.init)
            case .int16(let a): return a.map(Int64.init)
            case .int32(let a): return a.map(Int64.init)
            case .int64(let a): return a
            default: return nil
            }
        }
        switch type {
        case .short: if let a = ints(v.storage) { return .int16(a.map { Int16(truncatingIfNeeded: $0) }) }
        case .integer: if let a = ints(v.storage) { return .int32(a.map { Int32(truncatingIfNeeded: $0) }) }
        case .long: if let a = ints(v.storage) { return .int64(a) }
        case .double:
            if case .float32(let a) = v.storage { return .float64(a.map(Double.init)) }
            if let a = ints(v.storage) { return .float64(a.map(Double.init)) }
        case .decimal(_, let s2):
            if case .decimal(let a) = v.storage, case .decimal(_, let s1) = v.dataType {
                let f = DecimalValue.pow10(s2 - s1)
                return .decimal(a.map { $0 &* f })
            }
            if let a = ints(v.storage) {
                let f = DecimalValue.pow10(s2)
                return .decimal(a.map { Int128($0) &* f })
            }
        default: break
        }
        return v.storage
    }
}
