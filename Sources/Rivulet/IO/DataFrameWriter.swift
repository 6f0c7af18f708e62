import RivuletConnectors
import RivuletCore

/// Writes a DataFrame to files: `df.write.mode("overwrite").option("header", true).csv("out/")`.
///
/// Save modes as in Spark: `error`/`errorifexists` (default), `overwrite`, `append`, `ignore`.
public struct DataFrameWriter: Sendable {
    let df: DataFrame
    private var source = "parquet"
    private var saveMode = "errorifexists"
    private var options: [String: String] = [:]

    init(df: DataFrame) { self.df = df }

    public func format(_ name: String) -> DataFrameWriter { var w = self; w.source = name.lowercased(); return w }
    public func mode(_ mode: String) -> DataFrameWriter { var w = self; w.saveMode = mode.lowercased(); return w }
    public func option(_ key: String, _ value: String) -> DataFrameWriter { var w = self; w.options[key.lowercased()] = value; return w }
    public func option(_ key: String, _ value: Bool) -> DataFrameWriter { option(key, value ? "true" : "false") }
    public func option(_ key: String, _ value: Int) -> DataFrameWriter { option(key, String(value)) }
    /// Writes Hive-style `col=value/` folders (the partition columns are not written in the files).
    public func partitionBy(_ columns: String...) -> DataFrameWriter { option("partitionBy", columns.joined(separator: ",")) }
    public func options(_ map: [String: String]) -> DataFrameWriter {
        var w = self
        for (k, v) in map { w.options[k.lowercased()] = v }
        return w
    }

    /// Runs the query and writes its result under `path`.
    public func save(_ path: String) throws(RivuletError) {
        let modes = ["error", "errorifexists", "overwrite", "append", "ignore"]
        guard modes.contains(saveMode) else {
            throw .analysis("Unknown save mode: \(saveMode). Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.", errorClass: "INVALID_SAVE_MODE")
        }
        var opts = options
        if source == "parquet", let codec = df.session.conf.get("spark.sql.parquet.compression.codec") {
            opts["spark.sql.parquet.compression.codec"] = codec
        }
        try FileFormats.write(batches: try df.collectBatches(), format: source, path: path, mode: saveMode, options: opts,
                              schema: df.schema)
    }

    /// Writes to a data source that takes no path (`kafka`), or under the `path` option.
    public func save() throws(RivuletError) {
        if source == "kafka" { return try KafkaBatchWriter.write(batches: try df.collectBatches(), schema: df.schema, mode: saveMode, options: options) }
        guard let path = options["path"] else { throw .analysis("'path' is not specified") }
        try save(path)
    }

    public func csv(_ path: String) throws(RivuletError) { try format("csv").save(path) }
    public func json(_ path: String) throws(RivuletError) { try format("json").save(path) }
    public func text(_ path: String) throws(RivuletError) { try format("text").save(path) }
    /// Parquet part files (`part-00000-<uuid>-c000.snappy.parquet`); option `compression`
    /// (or the session's `spark.sql.parquet.compression.codec`).
    public func parquet(_ path: String) throws(RivuletError) { try format("parquet").save(path) }
}

extension DataFrame {
    /// Writer for saving the DataFrame's rows as files.
    public var write: DataFrameWriter { DataFrameWriter(df: self) }
}
