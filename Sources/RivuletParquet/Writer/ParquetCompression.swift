import RivuletCore

/// The codec a ``ParquetFileWriter`` compresses pages with (Spark's `compression` option).
///
/// ```swift
/// let c = try ParquetCompression(sparkName: "ZSTD")   // .zstd
/// ```
public enum ParquetCompression: String, Sendable, CaseIterable {
    /// Pages are stored as encoded (`UNCOMPRESSED`).
    case uncompressed
    /// Raw snappy blocks (`SNAPPY`), Spark's default.
    case snappy
    /// gzip members (`GZIP`).
    case gzip
    /// Zstandard frames (`ZSTD`).
    case zstd
    /// Bare LZ4 blocks (`LZ4_RAW`).
    case lz4Raw = "lz4_raw"

    /// The codec for a value of Spark's `compression` / `parquet.compression` option
    /// (case-insensitive): `none`, `uncompressed`, `snappy`, `gzip`, `zstd`, `lz4`, `lz4_raw`.
    ///
    /// `lz4` is written as LZ4_RAW: Spark's `lz4` is Hadoop-framed LZ4, a deprecated codec that
    /// Parquet readers disagree on; LZ4_RAW is its standard replacement. `brotli` and `lzo`, which
    /// Spark accepts when their libraries are installed, are not supported; any other name fails
    /// like Spark (`CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION`).
    public init(sparkName: String) throws(RivuletError) {
        switch sparkName.lowercased() {
        case "none", "uncompressed": self = .uncompressed
        case "snappy": self = .snappy
        case "gzip": self = .gzip
        case "zstd": self = .zstd
        case "lz4", "lz4_raw": self = .lz4Raw
        case "brotli", "lzo":
            throw .unsupported("The Parquet codec \(sparkName.lowercased()) is not supported by Rivulet. Supported codecs are \(Self.sparkNames).")
        default:
            throw RivuletError(
                .analysis, "The codec \(sparkName.lowercased()) is not available. Available codecs are \(Self.sparkNames).",
                errorClass: "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION")
        }
    }

    /// The accepted option values, as error messages list them.
    public static let sparkNames = "none, uncompressed, snappy, gzip, lz4, lz4_raw, zstd"
}
