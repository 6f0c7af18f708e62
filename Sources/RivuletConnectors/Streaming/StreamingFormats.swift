import RivuletCore
import RivuletStreaming

/// The entry point the API layer uses for `readStream.format(...)` and `writeStream.format(...)`.
///
/// ```swift
/// let source = try StreamingFormats.makeSource(format: "socket", options: ["host": "localhost", "port": "9999"],
///                                              userSchema: nil, path: nil)
/// let sink = try StreamingFormats.makeSink(format: "console", options: [:], path: nil, queryName: nil)
/// ```
/// `foreach` and `foreachBatch` sinks take Swift closures and are built by the API layer.
public enum StreamingFormats {
    /// Source formats, as Spark names them.
    public static let sourceFormats = ["socket", "text", "csv", "json", "parquet", "rate", "rate-micro-batch", "memory", "kafka"]
    /// Sink formats, as Spark names them.
    public static let sinkFormats = ["console", "memory", "json", "csv", "text", "parquet", "noop", "kafka"]

    /// A streaming source. `options` are Spark's case-insensitive options (the API layer adds the
    /// session's `spark.sql.streaming.schemaInference` and `spark.sql.files.ignoreMissingFiles`);
    /// `path` is `load(path)` or the `path` option.
    public static func makeSource(format: String, options: [String: String], userSchema: StructType?, path: String?) throws(RivuletError) -> any StreamingSource {
        let o = SourceOptions(options)
        let path = path ?? o["path"]
        switch format.lowercased() {
        case "text", "txt", "csv", "json", "parquet":
            return try FileStreamSource(format: format, path: path, options: options, userSchema: userSchema)
        case "socket":
            if userSchema != nil {
                throw RivuletError(.analysis, "socket source does not support user-specified schema.", errorClass: "_LEGACY_ERROR_TEMP_1189")
            }
            return try SocketSource(options: options)
        case "rate":
            if userSchema != nil { throw RivuletError(.analysis, "rate source does not support user-specified schema.", errorClass: "_LEGACY_ERROR_TEMP_1189") }
            return try RateSource(options: options)
        case "rate-micro-batch":
            if userSchema != nil { throw RivuletError(.analysis, "rate-micro-batch source does not support user-specified schema.", errorClass: "_LEGACY_ERROR_TEMP_1189") }
            return try RateMicroBatchSource(options: options)
        case "kafka": return try KafkaMicroBatchSource(options: options, userSchema: userSchema)
        case "memory":
            if let name = o["name"] {
                guard let stream = MemoryStream.named(name) else {
                    throw RivuletError(.analysis, "No memory stream named '\(name)' exists; create it with MemoryStream(schema:name:) first")
                }
                return stream
            }
            guard let userSchema else {
                throw RivuletError(.analysis, "Schema must be specified for the memory source: use .schema(...) or create a MemoryStream")
            }
            return MemoryStream(schema: userSchema)
        default:
            throw RivuletError(.analysis, "Failed to find the data source: \(format). Known streaming sources: \(sourceFormats.joined(separator: ", ")).",
                               errorClass: "DATA_SOURCE_NOT_FOUND")
        }
    }

    /// A streaming sink. `path` is `start(path)` or the `path` option; `queryName` names the memory
    /// sink's table.
    public static func makeSink(format: String, options: [String: String], path: String?, queryName: String?) throws(RivuletError) -> any StreamingSink {
        let o = SourceOptions(options)
        switch format.lowercased() {
        case "console": return try ConsoleSink(options: options)
        case "memory":
            guard let queryName, !queryName.isEmpty else {
                throw RivuletError(.analysis, "queryName must be specified for memory sink", errorClass: "_LEGACY_ERROR_TEMP_1154")
            }
            return MemorySink(queryName: queryName)
        case "noop": return NoopSink()
        case "kafka": return try KafkaStreamSink(options: options)
        case "json", "csv", "text", "txt", "parquet":
            return try FileStreamSink(format: format, path: path ?? o["path"], options: options)
        case "foreach", "foreachbatch":
            throw RivuletError(.analysis, "The \(format) sink takes a function: use writeStream.\(format == "foreach" ? "foreach" : "foreachBatch")(...) instead of format(\"\(format)\")")
        default:
            throw RivuletError(.analysis, "Failed to find the data source: \(format). Known streaming sinks: \(sinkFormats.joined(separator: ", ")), plus foreach and foreachBatch.",
                               errorClass: "DATA_SOURCE_NOT_FOUND")
        }
    }
}
