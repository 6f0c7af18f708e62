import RivuletConnectors
import RivuletCore
import RivuletSQL

/// Reads batch data: `spark.read.format("csv").option("header", true).schema("a INT").load(path)`.
///
/// Formats: `text`, `csv`, `json` (JSON lines), `parquet` (the default, as in Spark), and `kafka`
/// (`load()` without a path). Options follow Spark's names and are case-insensitive.
///
/// ```swift
/// let events = try spark.read.parquet("out/events")            // schema from the footers
/// let merged = try spark.read.option("mergeSchema", true).parquet("a", "b")
/// ```
public struct DataFrameReader: Sendable {
    let session: SparkSession
    private var source = "parquet"
    private var formatSet = false
    private var options: [String: String] = [:]
    private var userSchema: StructType?
    private var schemaDDL: String?

    init(session: SparkSession) { self.session = session }

    public func format(_ name: String) -> DataFrameReader { var r = self; r.source = name.lowercased(); r.formatSet = true; return r }
    public func option(_ key: String, _ value: String) -> DataFrameReader { var r = self; r.options[key.lowercased()] = value; return r }
    public func option(_ key: String, _ value: Bool) -> DataFrameReader { option(key, value ? "true" : "false") }
    public func option(_ key: String, _ value: Int) -> DataFrameReader { option(key, String(value)) }
    public func option(_ key: String, _ value: Double) -> DataFrameReader { option(key, String(value)) }
    public func options(_ map: [String: String]) -> DataFrameReader {
        var r = self
        for (k, v) in map { r.options[k.lowercased()] = v }
        return r
    }
    public func schema(_ schema: StructType) -> DataFrameReader { var r = self; r.userSchema = schema; r.schemaDDL = nil; return r }
    /// A DDL schema string (`"ts TIMESTAMP, key STRING"`); a malformed one is reported by `load`.
    public func schema(_ ddl: String) -> DataFrameReader { var r = self; r.schemaDDL = ddl; r.userSchema = nil; return r }

    /// Loads the given files or directories.
    public func load(_ paths: String...) throws(RivuletError) -> DataFrame { try load(paths) }
    public func load(_ paths: [String]) throws(RivuletError) -> DataFrame {
        var schema = userSchema
        if let schemaDDL { schema = try StructType.fromDDL(schemaDDL) }
        if source == "kafka" { return try DataFrame(session: session, plan: .scan(ScanRelation(source: KafkaRelation(options: options, userSchema: schema)))) }
        if let p = options["path"], paths.isEmpty { return try load([p]) }
        guard !paths.isEmpty else { throw .analysis("'path' is not specified", errorClass: "UNABLE_TO_INFER_SCHEMA") }
        var opts = options
        if source == "parquet", let merge = session.conf.get("spark.sql.parquet.mergeSchema") {
            opts["spark.sql.parquet.mergeschema"] = merge
        }
        let scan = try FileFormats.makeSource(format: source, paths: paths, options: opts, userSchema: schema)
        return try DataFrame(session: session, plan: .scan(ScanRelation(source: scan)))
    }

    public func text(_ paths: String...) throws(RivuletError) -> DataFrame { try format("text").load(paths) }
    public func csv(_ paths: String...) throws(RivuletError) -> DataFrame { try format("csv").load(paths) }
    public func json(_ paths: String...) throws(RivuletError) -> DataFrame { try format("json").load(paths) }
    /// Parquet files or folders (a streaming sink's folder is read through its `_spark_metadata`).
    public func parquet(_ paths: String...) throws(RivuletError) -> DataFrame { try format("parquet").load(paths) }
    /// A temporary view or table by name.
    public func table(_ name: String) throws(RivuletError) -> DataFrame { try session.table(name) }
}
