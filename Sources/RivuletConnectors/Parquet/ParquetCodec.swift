import RivuletCore
import RivuletParquet
import RivuletSQL

/// The data source's calls into the `RivuletParquet` codec: opening files, encoding a file in
/// memory, and translating pushed filters into the reader's row-group predicate.
enum ParquetCodec {
    /// Opens `path` and reads its footer.
    static func open(_ path: String) throws(RivuletError) -> ParquetFileReader {
        try ParquetFileReader(path: path)
    }

    /// Encodes `batches` (all of `schema`) as one Parquet file; no batch gives a file with the
    /// schema and no rows.
    static func encode(_ batches: [RecordBatch], schema: StructType, options: ParquetWriteOptions) throws(RivuletError) -> [UInt8] {
        let writer = ParquetFileWriter(schema: schema, options: options)
        for b in batches where b.numRows > 0 { try writer.write(b) }
        return try writer.finish()
    }

    /// The reader predicate for the conjunction of `filters`, or nil when none translates.
    /// Every translation is exact, so it is also correct under `NOT`.
    static func predicate(_ filters: [SourceFilter]) -> ParquetPredicate? {
        let parts = filters.compactMap(translate)
        guard let first = parts.first else { return nil }
        return parts.dropFirst().reduce(first) { .and($0, $1) }
    }

    static func translate(_ f: SourceFilter) -> ParquetPredicate? {
        switch f {
        case .equalTo(let c, let v), .equalNullSafe(let c, let v):
            // `<=>` with a non-null literal matches exactly the rows `=` matches.
            return v.isNull ? nil : .equal(c, v)
        case .greaterThan(let c, let v): return .greaterThan(c, v)
        case .greaterThanOrEqual(let c, let v): return .greaterThanOrEqual(c, v)
        case .lessThan(let c, let v): return .lessThan(c, v)
        case .lessThanOrEqual(let c, let v): return .lessThanOrEqual(c, v)
        case .in(let c, let vs): return .in(c, vs)
        case .isNull(let c): return .isNull(c)
        case .isNotNull(let c): return .isNotNull(c)
        case .and(let l, let r):
            guard let a = translate(l), let b = translate(r) else { return nil }
            return .and(a, b)
        case .or(let l, let r):
            guard let a = translate(l), let b = translate(r) else { return nil }
            return .or(a, b)
        case .not(let x): return translate(x).map { .not($0) }
        case .stringStartsWith(let c, let prefix):
            // [prefix, prefix with its last character bumped) holds exactly the strings that
            // start with prefix; only built when the last character is ASCII.
            guard let last = prefix.unicodeScalars.last, last.value < 0x7F, let bumped = Unicode.Scalar(last.value + 1) else { return nil }
            var upper = String(prefix.unicodeScalars.dropLast())
            upper.unicodeScalars.append(bumped)
            return .and(.greaterThanOrEqual(c, .string(prefix)), .lessThan(c, .string(upper)))
        }
    }
}
