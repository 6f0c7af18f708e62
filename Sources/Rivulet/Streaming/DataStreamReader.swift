import RivuletConnectors
import RivuletCore
import RivuletSQL
import RivuletStreaming

/// Reads an unbounded input as a streaming DataFrame: `spark.readStream.format("socket")...load()`.
///
/// Formats: `socket`, `text`, `csv`, `json`, `parquet` (a directory watched for new files), `rate`,
/// `rate-micro-batch`, `memory`, `kafka`. Options follow Spark's names and are case-insensitive.
///
/// ```swift
/// let lines = try spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load()
/// let events = try spark.readStream.schema("ts TIMESTAMP, v DOUBLE").json("in/")
/// ```
public struct DataStreamReader: Sendable {
    let session: SparkSession
    private var source = ""
    private var options: [String: String] = [:]
    private var userSchema: StructType?
    private var schemaDDL: String?

    init(session: SparkSession) { self.session = session }

    public func format(_ name: String) -> DataStreamReader { var r = self; r.source = name.lowercased(); return r }
    public func option(_ key: String, _ value: String) -> DataStreamReader { var r = self; r.options[key.lowercased()] = value; return r }
    public func option(_ key: String, _ value: Bool) -> DataStreamReader { option(key, value ? "true" : "false") }
    public func option(_ key: String, _ value: Int) -> DataStreamReader { option(key, String(value)) }
    public func option(_ key: String, _ value: Double) -> DataStreamReader { option(key, String(value)) }
    public func options(_ map: [String: String]) -> DataStreamReader {
        var r = self
        for (k, v) in map { r.options[k.lowercased()] = v }
        return r
    }
    public func schema(_ schema: StructType) -> DataStreamReader { var r = self; r.userSchema = schema; r.schemaDDL = nil; return r }
    public func schema(_ ddl: String) -> DataStreamReader { var r = self; r.schemaDDL = ddl; r.userSchema = nil; return r }

    /// Creates the streaming DataFrame (`path` for file formats).
    public func load(_ path: String? = nil) throws(RivuletError) -> DataFrame {
        guard !source.isEmpty else {
            throw .analysis("No streaming source format given: use readStream.format(\"socket\" | \"text\" | \"csv\" | \"json\" | \"parquet\" | \"rate\" | \"rate-micro-batch\")")
        }
        var schema = userSchema
        if let schemaDDL { schema = try StructType.fromDDL(schemaDDL) }
        var opts = options
        if let inference = session.conf.get("spark.sql.streaming.schemaInference") {
            opts["spark.sql.streaming.schemainference"] = inference
        }
        if source == "parquet", let merge = session.conf.get("spark.sql.parquet.mergeSchema") {
            opts["spark.sql.parquet.mergeschema"] = merge
        }
        let stream = try StreamingFormats.makeSource(format: source, options: opts, userSchema: schema, path: path ?? options["path"])
        return try DataFrame(session: session, plan: .scan(ScanRelation(source: StreamingScan(source: stream, sourceName: source))))
    }

    public func text(_ path: String) throws(RivuletError) -> DataFrame { try format("text").load(path) }
    public func csv(_ path: String) throws(RivuletError) -> DataFrame { try format("csv").load(path) }
    public func json(_ path: String) throws(RivuletError) -> DataFrame { try format("json").load(path) }
    public func parquet(_ path: String) throws(RivuletError) -> DataFrame { try format("parquet").load(path) }
}

extension SparkSession {
    /// Reader for streaming inputs.
    public var readStream: DataStreamReader { DataStreamReader(session: self) }
}

extension MemoryStream {
    /// The stream as a streaming DataFrame of `spark` (Spark's `MemoryStream.toDF()`).
    public func toDF(_ spark: SparkSession) throws(RivuletError) -> DataFrame {
        try DataFrame(session: spark, plan: .scan(ScanRelation(source: StreamingScan(source: self, sourceName: "memory"))))
    }
}
