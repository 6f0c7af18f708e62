import RivuletCore
import RivuletParquet

/// Spark's options of the `parquet` data source.
///
/// Reading: `mergeSchema` (default: the session's `spark.sql.parquet.mergeSchema`, false) merges
/// the footers of every file instead of taking the first file's schema.
/// Writing: `compression` (then `parquet.compression`, then the session's
/// `spark.sql.parquet.compression.codec`, default `snappy`): one of `none`, `uncompressed`,
/// `snappy`, `gzip`, `lz4` (written as LZ4_RAW), `lz4_raw`, `zstd`; and the layout options
/// ``ParquetWriteOptions`` reads (`parquet.block.size`, `parquet.page.size`,
/// `parquet.enable.dictionary`, `parquet.writer.version`, ...).
public struct ParquetDataSourceOptions: Sendable {
    /// The session setting the API layer copies into the options.
    public static let sessionCodecKey = "spark.sql.parquet.compression.codec"
    /// The session setting for `mergeSchema`.
    public static let sessionMergeSchemaKey = "spark.sql.parquet.mergeSchema"

    /// The lower-cased codec name as given (Spark's short name).
    public let codecName: String
    /// Whether to merge the schemas of all files when inferring.
    public let mergeSchema: Bool
    private let options: [String: String]

    /// Parses the read options; a bad `mergeSchema` names the option.
    public init(_ options: [String: String]) throws(RivuletError) {
        let o = SourceOptions(options)
        codecName = (o["compression"] ?? o["parquet.compression"] ?? o[Self.sessionCodecKey] ?? "snappy").lowercased()
        let sessionMerge = try o.bool(Self.sessionMergeSchemaKey, default: false)
        mergeSchema = try o.bool("mergeSchema", default: sessionMerge)
        self.options = options
    }

    /// The writer's options; a codec Spark does not know fails with Spark's
    /// `CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION`.
    public func writeOptions() throws(RivuletError) -> ParquetWriteOptions {
        var m: [String: String] = [:]
        for (k, v) in options where k.lowercased() != "compression" && k.lowercased() != "parquet.compression" { m[k] = v }
        m["compression"] = codecName
        return try ParquetWriteOptions(sparkOptions: m)
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
