import RivuletCore

extension ParquetCompression {
    /// The footer's codec id.
    var codec: ParquetCompressionCodec {
        switch self {
        case .uncompressed: return .uncompressed
        case .snappy: return .snappy
        case .gzip: return .gzip
        case .zstd: return .zstd
        case .lz4Raw: return .lz4Raw
        }
    }

    /// Compresses one page body (or a v2 page's values) with this codec.
    func compress(_ bytes: [UInt8], column: String) throws(RivuletError) -> [UInt8] {
        switch self {
        case .uncompressed:
            return bytes
        default:
            throw .unsupported("Parquet writer: the \(rawValue) codec is not available yet (column `\(column)`)")
        }
    }
}
