import RivuletCore

/// How a ``ParquetFileWriter`` lays out and encodes a file; defaults follow Spark (parquet-mr).
///
/// ```swift
/// var o = ParquetWriteOptions()
/// o.compression = .zstd
/// o.rowGroupSize = 64 << 20
/// ```
public struct ParquetWriteOptions: Sendable, Equatable {
    /// Page compression codec (Spark's default: snappy).
    public var compression: ParquetCompression = .snappy
    /// Target size of a row group in bytes (encoded and compressed, as buffered); default 128 MiB.
    public var rowGroupSize: Int = 128 << 20
    /// Target size of a data page in bytes before compression; default 1 MiB.
    public var pageSize: Int = 1 << 20
    /// Maximum number of rows in one data page (parquet-mr's `parquet.page.row.count.limit`).
    public var pageRowCountLimit: Int = 20_000
    /// 1 writes `DATA_PAGE` pages, 2 writes `DATA_PAGE_V2` pages.
    public var dataPageVersion: Int = 1
    /// Whether columns start dictionary-encoded (booleans never are).
    public var dictionaryEnabled: Bool = true
    /// When a column chunk's dictionary grows past this many bytes (PLAIN-encoded), the rest of
    /// the chunk falls back to PLAIN; default 1 MiB.
    public var dictionaryPageSizeLimit: Int = 1 << 20
    /// Whether column chunks carry min / max / null-count statistics.
    public var writeStatistics: Bool = true
    /// Extra key-value pairs for the footer (after Spark's schema entry).
    public var keyValueMetadata: [(key: String, value: String)] = []

    /// Spark's defaults.
    public init() {}

    /// Options from a Spark option map (keys case-insensitive): `compression` (then
    /// `parquet.compression`), `parquet.block.size`, `parquet.page.size`,
    /// `parquet.page.row.count.limit`, `parquet.enable.dictionary`, `parquet.dictionary.page.size`,
    /// `parquet.writer.version` (`PARQUET_1_0` / `PARQUET_2_0`: page v1 / v2). Others are ignored.
    public init(sparkOptions: [String: String]) throws(RivuletError) {
        self.init()
        var lower: [String: String] = [:]
        for (k, v) in sparkOptions { lower[k.lowercased()] = v }
        if let c = lower["compression"] ?? lower["parquet.compression"] {
            compression = try ParquetCompression(sparkName: c)
        }
        func size(_ key: String) throws(RivuletError) -> Int? {
            guard let text = lower[key] else { return nil }
            guard let v = Int(text.trimmingASCIISpaces()), v > 0 else {
                throw .analysis("Invalid value '\(text)' for the Parquet option '\(key)': expected a positive number of bytes")
            }
            return v
        }
        if let v = try size("parquet.block.size") { rowGroupSize = v }
        if let v = try size("parquet.page.size") { pageSize = v }
        if let v = try size("parquet.page.row.count.limit") { pageRowCountLimit = v }
        if let v = try size("parquet.dictionary.page.size") { dictionaryPageSizeLimit = v }
        if let text = lower["parquet.enable.dictionary"] {
            switch text.lowercased() {
            case "true": dictionaryEnabled = true
            case "false": dictionaryEnabled = false
            default: throw .analysis("Invalid value '\(text)' for the Parquet option 'parquet.enable.dictionary': expected true or false")
            }
        }
        if let text = lower["parquet.writer.version"] {
            switch text.uppercased() {
            case "PARQUET_1_0", "V1", "1": dataPageVersion = 1
            case "PARQUET_2_0", "V2", "2": dataPageVersion = 2
            default:
                throw .analysis("Invalid value '\(text)' for the Parquet option 'parquet.writer.version': expected PARQUET_1_0 or PARQUET_2_0")
            }
        }
    }

    /// Whether two option sets write identical files.
    public static func == (a: ParquetWriteOptions, b: ParquetWriteOptions) -> Bool {
        a.compression == b.compression && a.rowGroupSize == b.rowGroupSize && a.pageSize == b.pageSize
            && a.pageRowCountLimit == b.pageRowCountLimit && a.dataPageVersion == b.dataPageVersion
            && a.dictionaryEnabled == b.dictionaryEnabled && a.dictionaryPageSizeLimit == b.dictionaryPageSizeLimit
            && a.writeStatistics == b.writeStatistics
            && a.keyValueMetadata.map(\.key) == b.keyValueMetadata.map(\.key)
            && a.keyValueMetadata.map(\.value) == b.keyValueMetadata.map(\.value)
    }
}
