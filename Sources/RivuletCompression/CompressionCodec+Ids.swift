/// The numeric codec ids Kafka record batches and Parquet column chunks store.
extension CompressionCodec {
    /// The codec for Kafka record-batch attribute bits 0-2 (0 none, 1 gzip, 2 snappy, 3 lz4,
    /// 4 zstd); nil for other values.
    public init?(kafkaAttributeCode code: Int) {
        switch code {
        case 0: self = .uncompressed
        case 1: self = .gzip
        case 2: self = .snappy
        case 3: self = .lz4
        case 4: self = .zstd
        default: return nil
        }
    }

    /// The Kafka record-batch attribute code, nil for `lz4Raw` (Kafka has no raw LZ4).
    public var kafkaAttributeCode: Int? {
        switch self {
        case .uncompressed: return 0
        case .gzip: return 1
        case .snappy: return 2
        case .lz4: return 3
        case .zstd: return 4
        case .lz4Raw: return nil
        }
    }

    /// The codec for a Parquet thrift `CompressionCodec` value (0 UNCOMPRESSED, 1 SNAPPY, 2 GZIP,
    /// 6 ZSTD, 7 LZ4_RAW). nil for 3 LZO and 4 BROTLI (unsupported) and for 5 LZ4, the
    /// deprecated Hadoop-framed variant: read it with `LZ4Hadoop`.
    public init?(parquetThriftValue value: Int32) {
        switch value {
        case 0: self = .uncompressed
        case 1: self = .snappy
        case 2: self = .gzip
        case 6: self = .zstd
        case 7: self = .lz4Raw
        default: return nil
        }
    }

    /// The Parquet thrift `CompressionCodec` value, nil for `lz4` (Parquet has no LZ4 frames).
    public var parquetThriftValue: Int32? {
        switch self {
        case .uncompressed: return 0
        case .snappy: return 1
        case .gzip: return 2
        case .zstd: return 6
        case .lz4Raw: return 7
        case .lz4: return nil
        }
    }
}
