import RivuletCore

/// Hive-style partitioned output (`partitionBy("year", "country")`): rows are grouped by the values
/// of the partition columns into `year=2024/country=DE/` folders, and the partition columns are not
/// written inside the files, as Spark does.
enum PartitionedOutput {
    /// Spark's folder name for a null partition value.
    static let nullName = "__HIVE_DEFAULT_PARTITION__"

    /// The partition columns named in the `partitionBy` option (comma separated), or [].
    static func columns(_ options: [String: String]) -> [String] {
        guard let raw = SourceOptions(options)["partitionBy"] else { return [] }
        return raw.split(separator: ",").map { String($0).trimmingASCIISpaces() }.filter { !$0.isEmpty }
    }

    /// Checks the partition columns against `schema` (Spark's messages).
    static func validate(_ columns: [String], _ schema: StructType) throws(RivuletError) {
        for c in columns where schema.index(of: c) == nil {
            throw RivuletError(.analysis, "Partition column `\(c)` not found in schema \(schema.simpleString)", errorClass: "_LEGACY_ERROR_TEMP_1182")
        }
        if !columns.isEmpty && columns.count >= schema.count {
            throw RivuletError(.analysis, "Cannot use all columns for partition columns", errorClass: "ALL_PARTITION_COLUMNS_NOT_ALLOWED")
        }
    }

    /// Splits a batch into (relative folder, rows without the partition columns) groups, in order
    /// of first appearance.
    static func split(_ batch: RecordBatch, by columns: [String]) throws(RivuletError) -> [(folder: String, batch: RecordBatch)] {
        if columns.isEmpty { return [("", batch)] }
        try validate(columns, batch.schema)
        let keyIdx = columns.compactMap { batch.schema.index(of: $0) }
        let dataIdx = batch.schema.fields.indices.filter { !keyIdx.contains($0) }
        var groups: [String: [Int32]] = [:]
        var order: [String] = []
        for r in 0..<batch.numRows {
            let folder = keyIdx.map { i in
                "\(escapePathName(batch.schema[i].name))=\(folderValue(batch.columns[i].value(at: r)))"
            }.joined(separator: "/")
            if groups[folder] == nil { order.append(folder) }
            groups[folder, default: []].append(Int32(r))
        }
        let data = batch.project(dataIdx)
        return order.map { f in (f, data.take(groups[f] ?? [])) }
    }

    static func folderValue(_ v: Value) -> String {
        if v.isNull { return nullName }
        let s = v.sparkString()
        return s.isEmpty ? nullName : escapePathName(s)
    }

    /// Spark's `ExternalCatalogUtils.escapePathName`: control characters and `"#%'*/:=?\{[]^`
    /// become `%XX`.
    static func escapePathName(_ s: String) -> String {
        let special: Set<UInt32> = Set("\"#%'*/:=?\\\u{7F}{[]^".unicodeScalars.map(\.value))
        var out = ""
        for ch in s.unicodeScalars {
            if ch.value < 0x20 || special.contains(ch.value) {
                out += "%" + SparkFormat.hexByte(UInt8(ch.value))
            } else {
                out.unicodeScalars.append(ch)   // multi-byte characters pass through unchanged
            }
        }
        return out
    }
}
