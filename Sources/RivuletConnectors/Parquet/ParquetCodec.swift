import RivuletCore
import RivuletParquet
import RivuletSQL

/// The one place the data source calls the `RivuletParquet` codec: opening a file (footer, schema,
/// projected and filtered reads) and encoding a file in memory.
enum ParquetCodec {
    /// An opened Parquet file.
    struct OpenFile {
        let path: String
        /// The file's schema as Spark types.
        let schema: StructType
        let numRows: Int64

        /// Reads `columns` (file column names; nil = all), skipping row groups whose statistics
        /// rule out `filters` (file column names, values of the file's types).
        func read(columns: [String]?, filters: [SourceFilter]) throws(RivuletError) -> [RecordBatch] {
            throw unavailable
        }
    }

    static let unavailable = RivuletError(.unsupportedOperation, "The Parquet codec is not available in this build")

    /// Opens `path` and reads its footer.
    static func open(_ path: String) throws(RivuletError) -> OpenFile {
        throw unavailable
    }

    /// Checks the codec name of the options (Spark's message for a bad one).
    static func validateCodec(_ options: ParquetDataSourceOptions) throws(RivuletError) {
        let known = ["none", "uncompressed", "snappy", "gzip", "lz4", "lz4_raw", "zstd"]
        guard known.contains(options.codecName) else {
            throw RivuletError(.analysis, "The codec \(options.codecName) is not available. Available codecs are \(known.joined(separator: ", ")).",
                               errorClass: "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION")
        }
    }

    /// Encodes `batches` (all of `schema`) as one Parquet file.
    static func encode(_ batches: [RecordBatch], schema: StructType, options: ParquetDataSourceOptions) throws(RivuletError) -> [UInt8] {
        throw unavailable
    }
}
