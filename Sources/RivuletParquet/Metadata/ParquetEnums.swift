// The enums of parquet.thrift. Each is a struct over its Thrift i32 so that values written by a
// newer writer survive decoding and can be named in an "unsupported" error instead of failing the
// whole footer.

/// A Parquet physical type (`Type` in parquet.thrift).
public struct PhysicalType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The value's number in parquet.thrift.
    public var rawValue: Int32
    /// The value with parquet.thrift number `rawValue` (unknown numbers are kept).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `BOOLEAN` (0).
    public static let boolean = PhysicalType(rawValue: 0)
    /// `INT32` (1).
    public static let int32 = PhysicalType(rawValue: 1)
    /// `INT64` (2).
    public static let int64 = PhysicalType(rawValue: 2)
    /// Deprecated 12-byte timestamps (nanos of day + Julian day) written by older Spark/Hive/Impala.
    public static let int96 = PhysicalType(rawValue: 3)
    /// `FLOAT` (4).
    public static let float = PhysicalType(rawValue: 4)
    /// `DOUBLE` (5).
    public static let double = PhysicalType(rawValue: 5)
    /// `BYTE_ARRAY` (6).
    public static let byteArray = PhysicalType(rawValue: 6)
    /// `FIXED_LEN_BYTE_ARRAY` (7).
    public static let fixedLenByteArray = PhysicalType(rawValue: 7)

    /// The parquet.thrift name.
    public var description: String {
        switch rawValue {
        case 0: return "BOOLEAN"
        case 1: return "INT32"
        case 2: return "INT64"
        case 3: return "INT96"
        case 4: return "FLOAT"
        case 5: return "DOUBLE"
        case 6: return "BYTE_ARRAY"
        case 7: return "FIXED_LEN_BYTE_ARRAY"
        default: return "Type(\(rawValue))"
        }
    }
}

/// The legacy type annotation (`ConvertedType`), still written next to ``LogicalType``.
public struct ConvertedType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The value's number in parquet.thrift.
    public var rawValue: Int32
    /// The value with parquet.thrift number `rawValue` (unknown numbers are kept).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `UTF8` (0).
    public static let utf8 = ConvertedType(rawValue: 0)
    /// `MAP` (1).
    public static let map = ConvertedType(rawValue: 1)
    /// `MAP_KEY_VALUE` (2).
    public static let mapKeyValue = ConvertedType(rawValue: 2)
    /// `LIST` (3).
    public static let list = ConvertedType(rawValue: 3)
    /// `ENUM` (4).
    public static let `enum` = ConvertedType(rawValue: 4)
    /// `DECIMAL` (5).
    public static let decimal = ConvertedType(rawValue: 5)
    /// `DATE` (6).
    public static let date = ConvertedType(rawValue: 6)
    /// `TIME_MILLIS` (7).
    public static let timeMillis = ConvertedType(rawValue: 7)
    /// `TIME_MICROS` (8).
    public static let timeMicros = ConvertedType(rawValue: 8)
    /// `TIMESTAMP_MILLIS` (9).
    public static let timestampMillis = ConvertedType(rawValue: 9)
    /// `TIMESTAMP_MICROS` (10).
    public static let timestampMicros = ConvertedType(rawValue: 10)
    /// `UINT_8` (11).
    public static let uint8 = ConvertedType(rawValue: 11)
    /// `UINT_16` (12).
    public static let uint16 = ConvertedType(rawValue: 12)
    /// `UINT_32` (13).
    public static let uint32 = ConvertedType(rawValue: 13)
    /// `UINT_64` (14).
    public static let uint64 = ConvertedType(rawValue: 14)
    /// `INT_8` (15).
    public static let int8 = ConvertedType(rawValue: 15)
    /// `INT_16` (16).
    public static let int16 = ConvertedType(rawValue: 16)
    /// `INT_32` (17).
    public static let int32 = ConvertedType(rawValue: 17)
    /// `INT_64` (18).
    public static let int64 = ConvertedType(rawValue: 18)
    /// `JSON` (19).
    public static let json = ConvertedType(rawValue: 19)
    /// `BSON` (20).
    public static let bson = ConvertedType(rawValue: 20)
    /// `INTERVAL` (21).
    public static let interval = ConvertedType(rawValue: 21)

    private static let names = [
        "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
        "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
        "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
    ]
    /// The parquet.thrift name.
    public var description: String {
        rawValue >= 0 && Int(rawValue) < Self.names.count ? Self.names[Int(rawValue)] : "ConvertedType(\(rawValue))"
    }
}

/// Whether a schema field is required, optional or repeated.
public struct FieldRepetitionType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The value's number in parquet.thrift.
    public var rawValue: Int32
    /// The value with parquet.thrift number `rawValue` (unknown numbers are kept).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `REQUIRED` (0).
    public static let required = FieldRepetitionType(rawValue: 0)
    /// `OPTIONAL` (1).
    public static let optional = FieldRepetitionType(rawValue: 1)
    /// `REPEATED` (2).
    public static let repeated = FieldRepetitionType(rawValue: 2)

    /// The parquet.thrift name.
    public var description: String {
        switch rawValue {
        case 0: return "REQUIRED"
        case 1: return "OPTIONAL"
        case 2: return "REPEATED"
        default: return "FieldRepetitionType(\(rawValue))"
        }
    }
}

/// A value or level encoding (`Encoding` in parquet.thrift).
public struct ParquetEncoding: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The value's number in parquet.thrift.
    public var rawValue: Int32
    /// The value with parquet.thrift number `rawValue` (unknown numbers are kept).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `PLAIN` (0).
    public static let plain = ParquetEncoding(rawValue: 0)
    /// Deprecated dictionary encoding of Parquet 1.0 (same layout as RLE_DICTIONARY).
    public static let plainDictionary = ParquetEncoding(rawValue: 2)
    /// `RLE` (3).
    public static let rle = ParquetEncoding(rawValue: 3)
    /// Deprecated bit-packed levels.
    public static let bitPacked = ParquetEncoding(rawValue: 4)
    /// `DELTA_BINARY_PACKED` (5).
    public static let deltaBinaryPacked = ParquetEncoding(rawValue: 5)
    /// `DELTA_LENGTH_BYTE_ARRAY` (6).
    public static let deltaLengthByteArray = ParquetEncoding(rawValue: 6)
    /// `DELTA_BYTE_ARRAY` (7).
    public static let deltaByteArray = ParquetEncoding(rawValue: 7)
    /// `RLE_DICTIONARY` (8).
    public static let rleDictionary = ParquetEncoding(rawValue: 8)
    /// `BYTE_STREAM_SPLIT` (9).
    public static let byteStreamSplit = ParquetEncoding(rawValue: 9)

    /// The parquet.thrift name.
    public var description: String {
        switch rawValue {
        case 0: return "PLAIN"
        case 2: return "PLAIN_DICTIONARY"
        case 3: return "RLE"
        case 4: return "BIT_PACKED"
        case 5: return "DELTA_BINARY_PACKED"
        case 6: return "DELTA_LENGTH_BYTE_ARRAY"
        case 7: return "DELTA_BYTE_ARRAY"
        case 8: return "RLE_DICTIONARY"
        case 9: return "BYTE_STREAM_SPLIT"
        default: return "Encoding(\(rawValue))"
        }
    }
}

/// A column chunk's compression codec (`CompressionCodec` in parquet.thrift; renamed so it does
/// not clash with `RivuletCompression.CompressionCodec`).
public struct ParquetCompressionCodec: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The value's number in parquet.thrift.
    public var rawValue: Int32
    /// The value with parquet.thrift number `rawValue` (unknown numbers are kept).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `UNCOMPRESSED` (0).
    public static let uncompressed = ParquetCompressionCodec(rawValue: 0)
    /// `SNAPPY` (1).
    public static let snappy = ParquetCompressionCodec(rawValue: 1)
    /// `GZIP` (2).
    public static let gzip = ParquetCompressionCodec(rawValue: 2)
    /// `LZO` (3).
    public static let lzo = ParquetCompressionCodec(rawValue: 3)
    /// `BROTLI` (4).
    public static let brotli = ParquetCompressionCodec(rawValue: 4)
    /// Deprecated LZ4 with Hadoop framing.
    public static let lz4 = ParquetCompressionCodec(rawValue: 5)
    /// `ZSTD` (6).
    public static let zstd = ParquetCompressionCodec(rawValue: 6)
    /// `LZ4_RAW` (7).
    public static let lz4Raw = ParquetCompressionCodec(rawValue: 7)

    /// The parquet.thrift name.
    public var description: String {
        switch rawValue {
        case 0: return "UNCOMPRESSED"
        case 1: return "SNAPPY"
        case 2: return "GZIP"
        case 3: return "LZO"
        case 4: return "BROTLI"
        case 5: return "LZ4"
        case 6: return "ZSTD"
        case 7: return "LZ4_RAW"
        default: return "CompressionCodec(\(rawValue))"
        }
    }
}

/// The kind of a page.
public struct PageType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The value's number in parquet.thrift.
    public var rawValue: Int32
    /// The value with parquet.thrift number `rawValue` (unknown numbers are kept).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `DATA_PAGE` (0).
    public static let dataPage = PageType(rawValue: 0)
    /// `INDEX_PAGE` (1).
    public static let indexPage = PageType(rawValue: 1)
    /// `DICTIONARY_PAGE` (2).
    public static let dictionaryPage = PageType(rawValue: 2)
    /// `DATA_PAGE_V2` (3).
    public static let dataPageV2 = PageType(rawValue: 3)

    /// The parquet.thrift name.
    public var description: String {
        switch rawValue {
        case 0: return "DATA_PAGE"
        case 1: return "INDEX_PAGE"
        case 2: return "DICTIONARY_PAGE"
        case 3: return "DATA_PAGE_V2"
        default: return "PageType(\(rawValue))"
        }
    }
}

/// How the values of a column index's pages are ordered.
public struct BoundaryOrder: RawRepresentable, Sendable, Hashable {
    /// The value's number in parquet.thrift.
    public var rawValue: Int32
    /// The value with parquet.thrift number `rawValue` (unknown numbers are kept).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `UNORDERED` (0).
    public static let unordered = BoundaryOrder(rawValue: 0)
    /// `ASCENDING` (1).
    public static let ascending = BoundaryOrder(rawValue: 1)
    /// `DESCENDING` (2).
    public static let descending = BoundaryOrder(rawValue: 2)
}
