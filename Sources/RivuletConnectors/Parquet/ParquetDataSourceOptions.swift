import RivuletCore

/// Spark's options of the `parquet` data source, read once per scan or write.
///
/// Reading: `mergeSchema` (default: the session's `spark.sql.parquet.mergeSchema`, false) merges
/// the footers of every file instead of taking the first file's schema.
/// Writing: `compression` (then `parquet.compression`, then the session's
/// `spark.sql.parquet.compression.codec`, default `snappy`): one of `none`, `uncompressed`,
/// `snappy`, `gzip`, `lz4` (written as LZ4_RAW), `lz4_raw`, `zstd`; `parquet.block.size`
/// (row-group bytes), `parquet.page.size`, `parquet.enable.dictionary`.
public struct ParquetDataSourceOptions: Sendable {
    /// The session setting the API layer copies into the options when the user did not give
    /// `compression`.
    public static let sessionCodecKey = "spark.sql.parquet.compression.codec"
    /// The session setting for `mergeSchema`.
    public static let sessionMergeSchemaKey = "spark.sql.parquet.mergeSchema"

    /// The lower-cased codec name as given (Spark's short name).
    public let codecName: String
    /// Whether to merge the schemas of all files when inferring.
    public let mergeSchema: Bool
    let rowGroupBytes: Int?
    let pageBytes: Int?
    let dictionary: Bool?

    /// Parses the options; a bad boolean or size names the option.
    public init(_ options: [String: String]) throws(RivuletError) {
        let o = SourceOptions(options)
        codecName = (o["compression"] ?? o["parquet.compression"] ?? o[Self.sessionCodecKey] ?? "snappy").lowercased()
        let sessionMerge = try o.bool(Self.sessionMergeSchemaKey, default: false)
        mergeSchema = try o.bool("mergeSchema", default: sessionMerge)
        rowGroupBytes = o["parquet.block.size"] == nil ? nil : try o.int("parquet.block.size", default: 0)
        pageBytes = o["parquet.page.size"] == nil ? nil : try o.int("parquet.page.size", default: 0)
        dictionary = o["parquet.enable.dictionary"] == nil ? nil : try o.bool("parquet.enable.dictionary", default: true)
    }

    /// The part-file extension Spark (parquet-java) uses for the codec: `snappy.parquet`,
    /// `gz.parquet`, `zstd.parquet`, `lz4raw.parquet` (also for `lz4`, which is written as
    /// LZ4_RAW), and `parquet` when uncompressed.
    public var fileExtension: String {
        switch codecName {
        case "snappy": return "snappy.parquet"
        case "gzip": return "gz.parquet"
        case "zstd": return "zstd.parquet"
        case "lz4_raw", "lz4": return "lz4raw.parquet"
        default: return "parquet"
        }
    }
}
