import Foundation
import RivuletConnectors
import RivuletCore
import RivuletSQL
import RivuletStreaming

/// Starts a streaming query: `df.writeStream.format("console").outputMode(.complete).start()`.
///
/// Sinks: `console`, `memory` (the query name becomes a temp view), `json` / `csv` / `text` /
/// `parquet` (exactly-once files with a `_spark_metadata` manifest), `noop`, `kafka`, `foreachBatch`,
/// `foreach`.
///
/// ```swift
/// let query = try counts.writeStream.format("console").outputMode(.complete)
///     .option("checkpointLocation", ".checkpoint").trigger(.processingTime(.seconds(1))).start()
/// try await query.awaitTermination()
/// ```
public struct DataStreamWriter: Sendable {
    let df: DataFrame
    private var sinkFormat = "console"
    private var mode: OutputMode = .append
    private var modeError: String?
    private var trigger: Trigger = .default
    private var triggerError: String?
    private var options: [String: String] = [:]
    private var name: String?
    private var partitionColumns: [String] = []
    private var batchFunction: (@Sendable (DataFrame, Int64) throws -> Void)?
    private var rowWriter: (any ForeachWriter)?

    init(df: DataFrame) { self.df = df }

    public func format(_ name: String) -> DataStreamWriter { var w = self; w.sinkFormat = name.lowercased(); return w }
    public func outputMode(_ m: OutputMode) -> DataStreamWriter { var w = self; w.mode = m; w.modeError = nil; return w }
    /// `"append"`, `"update"` or `"complete"`; anything else is reported by `start()`.
    public func outputMode(_ m: String) -> DataStreamWriter {
        var w = self
        if let parsed = OutputMode(sparkName: m) { w.mode = parsed; w.modeError = nil } else {
            w.modeError = "Unknown output mode \(m). Accepted output modes are 'append', 'complete', 'update'"
        }
        return w
    }
    public func trigger(_ t: Trigger) -> DataStreamWriter { var w = self; w.trigger = t; w.triggerError = nil; return w }
    /// `trigger(processingTime: "1 minute")`.
    public func trigger(processingTime: String) -> DataStreamWriter {
        var w = self
        do { w.trigger = try Trigger.processingTime(processingTime); w.triggerError = nil } catch { w.triggerError = error.description }
        return w
    }
    public func trigger(processingTime: Duration) -> DataStreamWriter { trigger(.processingTime(processingTime)) }
    public func trigger(once: Bool) -> DataStreamWriter { once ? trigger(.once) : self }
    public func trigger(availableNow: Bool) -> DataStreamWriter { availableNow ? trigger(.availableNow) : self }
    public func option(_ key: String, _ value: String) -> DataStreamWriter { var w = self; w.options[key.lowercased()] = value; return w }
    public func option(_ key: String, _ value: Bool) -> DataStreamWriter { option(key, value ? "true" : "false") }
    public func option(_ key: String, _ value: Int) -> DataStreamWriter { option(key, String(value)) }
    public func options(_ map: [String: String]) -> DataStreamWriter {
        var w = self
        for (k, v) in map { w.options[k.lowercased()] = v }
        return w
    }
    public func queryName(_ n: String) -> DataStreamWriter { var w = self; w.name = n; return w }
    public func partitionBy(_ cols: String...) -> DataStreamWriter { var w = self; w.partitionColumns = cols; return w }

    /// Calls `function` with every micro-batch as a DataFrame and its batch id.
    public func foreachBatch(_ function: @escaping @Sendable (DataFrame, Int64) throws -> Void) -> DataStreamWriter {
        var w = self
        w.batchFunction = function
        w.sinkFormat = "foreachbatch"
        return w
    }

    /// Calls `writer.open`/`process`/`close` for every partition of every micro-batch.
    public func foreach(_ writer: any ForeachWriter) -> DataStreamWriter {
        var w = self
        w.rowWriter = writer
        w.sinkFormat = "foreach"
        return w
    }

    /// Starts the query writing into `path` (file sinks).
    public func start(_ path: String) throws(RivuletError) -> StreamingQuery { try option("path", path).start() }

    /// Appends the stream into a session table readable with `spark.table(name)` / `spark.sql`
    /// (an in-memory table: Rivulet has no persistent catalog).
    public func toTable(_ tableName: String) throws(RivuletError) -> StreamingQuery {
        try format("memory").queryName(tableName).start()
    }

    /// Validates the query, opens its checkpoint and starts running it.
    public func start() throws(RivuletError) -> StreamingQuery {
        if let modeError { throw .analysis(modeError) }
        if let triggerError { throw .analysis(triggerError) }
        guard df.isStreaming else {
            throw .analysis("'writeStream' can be called only on streaming Dataset/DataFrame", errorClass: "WRITE_STREAM_NOT_ALLOWED")
        }
        let session = df.session
        if let name, session.streams.active.contains(where: { $0.name == name }) {
            throw .analysis("Cannot start query with name \(name) as a query with that name is already active in this SparkSession", errorClass: "STREAMING_QUERY_NAME_CONFLICT")
        }
        let path = options["path"]
        let sink: any StreamingSink
        var memoryView: (any ScanSource)?
        switch sinkFormat {
        case "foreachbatch":
            guard let f = batchFunction else { throw .analysis("foreachBatch needs a function") }
            sink = ForeachBatchSink(session: session, function: f)
        case "foreach":
            guard let w = rowWriter else { throw .analysis("foreach needs a ForeachWriter") }
            sink = ForeachSink(writer: w)
        case "memory":
            guard let name else { throw .analysis("queryName must be specified for memory sink") }
            let memory = try StreamingFormats.makeSink(format: "memory", options: options, path: nil, queryName: name)
            sink = memory
            memoryView = (memory as? MemorySink)?.asScanSource(schema: df.schema)
        default:
            var sinkOptions = options
            if !partitionColumns.isEmpty { sinkOptions["partitionby"] = partitionColumns.joined(separator: ",") }
            if sinkFormat == "parquet", let codec = session.conf.get("spark.sql.parquet.compression.codec") {
                sinkOptions["spark.sql.parquet.compression.codec"] = codec
            }
            sink = try StreamingFormats.makeSink(format: sinkFormat, options: sinkOptions, path: path, queryName: name)
            if let checked = sink as? any SchemaValidatingSink { try checked.validate(schema: df.schema) }
        }
        let (checkpoint, temporary) = try checkpointLocation()
        let queryOptions = StreamingQueryOptions(
            name: name, outputMode: mode, trigger: trigger, checkpointLocation: checkpoint, deleteCheckpointOnStop: temporary,
            executionConfig: session.executionConfig,
            minBatchesToRetain: session.conf.int("spark.sql.streaming.minBatchesToRetain") ?? 100)
        let manager = session.streams
        let execution = try MicroBatchExecution(plan: df.plan, sink: sink, options: queryOptions) { event in manager.post(event) }
        if let memoryView, let name {
            let output = df.plan.output.map { AttributeReference(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) }
            try session.catalog.register(name, .scan(ScanRelation(source: memoryView, output: output)), replace: true)
        }
        let query = StreamingQuery(execution: execution, session: session)
        manager.register(query)
        execution.start()
        return query
    }

    /// The checkpoint folder: the option, or `<spark.sql.streaming.checkpointLocation>/<name or id>`,
    /// or (for sinks that can't duplicate committed output: console, memory, noop, foreach) a
    /// temporary folder deleted when the query stops, as Spark does.
    private func checkpointLocation() throws(RivuletError) -> (String, Bool) {
        if let c = options["checkpointlocation"] { return (absolute(c), false) }
        if let root = df.session.conf.get("spark.sql.streaming.checkpointLocation") {
            return (absolute(root + "/" + (name ?? UUID().uuidString.lowercased())), false)
        }
        if ["console", "memory", "noop", "foreach", "foreachbatch"].contains(sinkFormat) {
            return (NSTemporaryDirectory() + "rivulet-checkpoint-\(UUID().uuidString.lowercased())", true)
        }
        throw .analysis("checkpointLocation must be specified either through option(\"checkpointLocation\", ...) or SparkSession.conf.set(\"spark.sql.streaming.checkpointLocation\", ...)", errorClass: "CHECKPOINT_LOCATION_NOT_SPECIFIED")
    }

    private func absolute(_ p: String) -> String {
        p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
    }
}

extension DataFrame {
    /// Writer for starting a streaming query over this streaming DataFrame.
    public var writeStream: DataStreamWriter { DataStreamWriter(df: self) }
}
