import RivuletCore

/// Turns a column as stored in one Parquet file into the column the scan promised (the declared
/// or merged schema), as Spark's vectorized reader does:
/// - the same type (nullability aside) passes through relabelled;
/// - Spark 4's widenings: byte/short/int → wider integers, integers and float → double, a decimal
///   to one with at least as many integer and fraction digits;
/// - structs match fields by name: a field missing in the file reads as null, extra file fields
///   are dropped; arrays and maps convert their elements;
/// - anything else is `FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH` naming the file, the
///   column and both types.
struct ParquetColumnAdapter {
    let path: String

    /// Whether a file column of type `from` can be read as `to`.
    static func canConvert(_ from: DataType, to: DataType) -> Bool {
        if ParquetSchemaMerge.sameIgnoringNullability(from, to) { return true }
        switch (from, to) {
        case (.struct(let f), .struct(let t)):
            return t.fields.allSatisfy { tf in f[tf.name].map { canConvert($0.dataType, to: tf.dataType) } ?? true }
        case (.array(let f, _), .array(let t, _)): return canConvert(f, to: t)
        case (.map(let fk, let fv, _), .map(let tk, let tv, _)): return canConvert(fk, to: tk) && canConvert(fv, to: tv)
        case (.byte, .short), (.byte, .integer), (.byte, .long), (.short, .integer), (.short, .long), (.integer, .long),
             (.byte, .double), (.short, .double), (.integer, .double), (.float, .double):
            return true
        case (.decimal(let fp, let fs), .decimal(let tp, let ts)):
            return ts >= fs && tp - ts >= fp - fs
        default:
            return false
        }
    }

    /// The mismatch error for column path `column`.
    func mismatch(_ column: [String], expected: DataType, actual: DataType) -> RivuletError {
        RivuletError(.execution, "Error while reading file \(FileIndex.uri(path)). Data type mismatches when reading Parquet column [\(column.joined(separator: ", "))]. "
                     + "Expected Spark type \"\(expected.sql)\", actual Parquet type \"\(actual.sql)\".",
                     errorClass: "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH")
    }

    /// `v` (read with the file's type) as a vector of `to`.
    func convert(_ v: ColumnVector, to: DataType, column: [String]) throws(RivuletError) -> ColumnVector {
        let from = v.dataType
        if from == to { return v }
        switch (from, to, v.storage) {
        case (.struct(let f), .struct(let t), .structure(let children)):
            var out: [ColumnVector] = []
            for tf in t.fields {
                if let i = f.index(of: tf.name), i < children.count {
                    out.append(try convert(children[i], to: tf.dataType, column: column + [tf.name]))
                } else {
                    out.append(ColumnVector.nulls(tf.dataType, count: v.count))
                }
            }
            return ColumnVector(dataType: to, count: v.count, validity: v.validity, storage: .structure(out))
        case (.array, .array(let te, _), .list(let offsets, let values)):
            let e = try convert(values, to: te, column: column + ["element"])
            return ColumnVector(dataType: to, count: v.count, validity: v.validity, storage: .list(offsets: offsets, values: e))
        case (.map, .map(let tk, let tv, _), .map(let offsets, let keys, let values)):
            let k = try convert(keys, to: tk, column: column + ["key"])
            let x = try convert(values, to: tv, column: column + ["value"])
            return ColumnVector(dataType: to, count: v.count, validity: v.validity, storage: .map(offsets: offsets, keys: k, values: x))
        default:
            break
        }
        if ParquetSchemaMerge.sameIgnoringNullability(from, to) {
            return ColumnVector(dataType: to, count: v.count, validity: v.validity, storage: v.storage)
        }
        guard let widened = Self.widen(v, to: to) else { throw mismatch(column, expected: to, actual: from) }
        return widened
    }

    /// Spark 4's numeric widenings, one typed loop each.
    static func widen(_ v: ColumnVector, to: DataType) -> ColumnVector? {
        func ints<T: BinaryInteger>(_ a: [T]) -> ColumnVector.Storage? {
            switch to {
            case .short: return .int16(a.map { Int16(truncatingIfNeeded: $0) })
            case .integer: return .int32(a.map { Int32(truncatingIfNeeded: $0) })
            case .long: return .int64(a.map { Int64($0) })
            case .double: return .float64(a.map { Double($0) })
            default: return nil
            }
        }
        let storage: ColumnVector.Storage?
        switch (v.dataType, v.storage) {
        case (.byte, .int8(let a)): storage = ints(a)
        case (.short, .int16(let a)): storage = ints(a)
        case (.integer, .int32(let a)):
            storage = to == .long || to == .double ? ints(a) : nil
        case (.float, .float32(let a)):
            storage = to == .double ? .float64(a.map { Double($0) }) : nil
        case (.decimal(let fp, let fs), .decimal(let a)):
            guard case .decimal(let tp, let ts) = to, ts >= fs, tp - ts >= fp - fs else { return nil }
            let factor = DecimalValue.pow10(ts - fs)
            storage = .decimal(factor == 1 ? a : a.map { $0 * factor })
        default:
            storage = nil
        }
        guard let storage, canConvert(v.dataType, to: to) else { return nil }
        return ColumnVector(dataType: to, count: v.count, validity: v.validity, storage: storage)
    }
}
