import RivuletCore

/// Schema handling of the Parquet source: Spark's `StructType.merge` for `mergeSchema`, and
/// nullability-blind type comparison.
enum ParquetSchemaMerge {
    /// Merges `b` into `a` as Spark does for `mergeSchema`: fields are matched by name
    /// (case-insensitive), new fields are appended, structs merge recursively, arrays and maps
    /// merge their element types; any other difference is
    /// `CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE`.
    static func merge(_ a: StructType, _ b: StructType) throws(RivuletError) -> StructType {
        var fields = a.fields
        for f in b.fields {
            if let i = fields.firstIndex(where: { $0.name.lowercased() == f.name.lowercased() }) {
                let merged = try merge(fields[i].dataType, f.dataType)
                fields[i] = StructField(fields[i].name, merged, nullable: fields[i].nullable || f.nullable, comment: fields[i].comment)
            } else {
                fields.append(f)
            }
        }
        return StructType(fields)
    }

    static func merge(_ a: DataType, _ b: DataType) throws(RivuletError) -> DataType {
        switch (a, b) {
        case (.struct(let x), .struct(let y)): return .struct(try merge(x, y))
        case (.array(let x, let xn), .array(let y, let yn)): return .array(try merge(x, y), containsNull: xn || yn)
        case (.map(let xk, let xv, let xn), .map(let yk, let yv, let yn)):
            return .map(try merge(xk, yk), try merge(xv, yv), valueContainsNull: xn || yn)
        default:
            if sameIgnoringNullability(a, b) { return a }
            throw RivuletError(.analysis, "Failed to merge incompatible data types \"\(a.sql)\" and \"\(b.sql)\".",
                               errorClass: "CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE")
        }
    }

    /// Equal types when nullability flags are ignored and struct field names compared
    /// case-insensitively.
    static func sameIgnoringNullability(_ a: DataType, _ b: DataType) -> Bool {
        switch (a, b) {
        case (.struct(let x), .struct(let y)):
            guard x.count == y.count else { return false }
            for (f, g) in zip(x.fields, y.fields) {
                if f.name.lowercased() != g.name.lowercased() || !sameIgnoringNullability(f.dataType, g.dataType) { return false }
            }
            return true
        case (.array(let x, _), .array(let y, _)): return sameIgnoringNullability(x, y)
        case (.map(let xk, let xv, _), .map(let yk, let yv, _)): return sameIgnoringNullability(xk, yk) && sameIgnoringNullability(xv, yv)
        default: return a == b
        }
    }

    /// `schema` with every field (recursively) nullable, as Spark's file sources report it.
    static func asNullable(_ schema: StructType) -> StructType {
        StructType(schema.fields.map { StructField($0.name, asNullable($0.dataType), nullable: true, comment: $0.comment) })
    }

    static func asNullable(_ t: DataType) -> DataType {
        switch t {
        case .struct(let s): return .struct(asNullable(s))
        case .array(let e, _): return .array(asNullable(e), containsNull: true)
        case .map(let k, let v, _): return .map(asNullable(k), asNullable(v), valueContainsNull: true)
        default: return t
        }
    }
}
