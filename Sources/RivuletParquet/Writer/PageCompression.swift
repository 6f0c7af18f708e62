import RivuletCompression
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
        let codec: CompressionCodec
        switch self {
        case .uncompressed: return bytes
        case .snappy: codec = .snappy
        case .gzip: codec = .gzip
        case .zstd: codec = .zstd
        case .lz4Raw: codec = .lz4Raw
        }
        do {
            return try codec.compress(bytes)
        } catch {
            throw RivuletError(.io, "Parquet writer: cannot compress a page of column `\(column)` with \(rawValue)", cause: error)
        }
    }
}
