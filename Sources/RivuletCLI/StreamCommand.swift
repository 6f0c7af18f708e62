import ArgumentParser
import Dispatch
import Rivulet

#if canImport(Glibc)
import Glibc
#endif

/// `rivulet stream "<query>" --source lines=socket --option lines.port=9999 --sink console`
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Run a streaming SQL query over streaming sources into a sink, printing progress; Ctrl-C stops it cleanly.",
        discussion: """
            Sources are registered as streaming views; the query reads them like tables.
            Examples:
              rivulet stream "SELECT word, count(*) AS n FROM (SELECT explode(split(value, ' ')) AS word FROM lines) GROUP BY word" \\
                --source lines=socket --option lines.host=localhost --option lines.port=9999 --output-mode complete
              rivulet stream "SELECT * FROM ev WHERE v > 1" --source ev=json:in/ --schema ev="ts TIMESTAMP, v DOUBLE" \\
                --sink json:out/ --checkpoint ckpt/ --trigger "10 seconds"
              rivulet stream "SELECT value % 10 AS k, count(*) AS n FROM r GROUP BY k" --source r=rate \\
                --option r.rowsPerSecond=1000 --output-mode update
              rivulet stream "SELECT CAST(key AS STRING) AS key, CAST(count(*) AS STRING) AS value FROM ev GROUP BY key" \\
                --source ev=kafka --option ev.kafka.bootstrap.servers=127.0.0.1:9092 --option ev.subscribe=events \\
                --sink kafka --sink-option kafka.bootstrap.servers=127.0.0.1:9092 --sink-option topic=counts \\
                --output-mode update --checkpoint ckpt/
            """)

    @Argument(help: "The streaming SQL query.")
    var query: String

    @Option(name: .customLong("source"), help: ArgumentHelp("A streaming source as a view: NAME=FORMAT[:PATH] (socket, text, csv, json, parquet, rate, rate-micro-batch, kafka). Repeatable.", valueName: "NAME=FORMAT[:PATH]"))
    var sources: [String] = []

    @Option(name: .customLong("schema"), help: ArgumentHelp("The schema of a source: NAME=\"DDL\". Repeatable.", valueName: "NAME=DDL"))
    var schemas: [String] = []

    @Option(name: .customLong("option"), help: ArgumentHelp("A source option: NAME.KEY=VALUE. Repeatable.", valueName: "NAME.KEY=VALUE"))
    var options: [String] = []

    @Option(name: .customLong("view"), help: ArgumentHelp("A static (batch) view to join with: NAME=FORMAT:PATH. Repeatable.", valueName: "NAME=FORMAT:PATH"))
    var views: [String] = []

    @Option(help: ArgumentHelp("The sink: console, memory, noop, kafka, or json|csv|text|parquet:PATH.", valueName: "FORMAT[:PATH]"))
    var sink: String = "console"

    @Option(name: .customLong("sink-option"), help: ArgumentHelp("A sink option: KEY=VALUE (numRows, truncate, header, ...). Repeatable.", valueName: "KEY=VALUE"))
    var sinkOptions: [String] = []

    @Option(name: .customLong("output-mode"), help: "append, update or complete.")
    var outputMode: String = "append"

    @Option(help: "default, once, available-now, or a processing-time interval such as \"10 seconds\".")
    var trigger: String = "default"

    @Option(help: "The checkpoint folder (required for file sinks).")
    var checkpoint: String?

    @Option(name: .customLong("query-name"), help: "The query's name.")
    var queryName: String?

    @OptionGroup var session: SessionOptions

    @Flag(help: "Print each batch's progress as one JSON line on stderr.")
    var progress = false

    func run() throws {
        do {
            let spark = try session.makeSession(appName: queryName ?? "rivulet-stream")
            try CLIViewSpec.parse(views: views, schemas: [], options: []).register(in: spark)
            try registerSources(in: spark)
            var writer = try spark.sql(query).writeStream.outputMode(outputMode)
            let (format, path) = CLIParsing.formatAndPath(sink)
            writer = writer.format(format)
            for o in sinkOptions {
                let (k, v) = try CLIParsing.keyValue(o, flag: "--sink-option")
                writer = writer.option(k, v)
            }
            if let checkpoint { writer = writer.option("checkpointLocation", checkpoint) }
            if let queryName { writer = writer.queryName(queryName) }
            switch trigger.lowercased() {
            case "default": break
            case "once": writer = writer.trigger(.once)
            case "available-now", "availablenow": writer = writer.trigger(.availableNow)
            default: writer = writer.trigger(processingTime: trigger)
            }
            if progress { spark.streams.addListener(ProgressPrinter()) }
            let query = try path.map { p throws(RivuletError) in try writer.start(p) } ?? writer.start()
            let signals = StopOnSignal.install { query.stop() }
            try query.awaitTerminationBlocking()
            withExtendedLifetime(signals) {}
        } catch let e as RivuletError {
            printError("error: \(e.description)")
            throw ExitCode(1)
        } catch let e as CLIError {
            printError("error: \(e.message)")
            throw ExitCode(2)
        }
    }

    private func registerSources(in spark: SparkSession) throws {
        var readers: [String: DataStreamReader] = [:]
        var order: [String] = []
        var paths: [String: String] = [:]
        for s in sources {
            guard let eq = s.firstIndex(of: "=") else { throw CLIError("--source expects NAME=FORMAT[:PATH], got '\(s)'") }
            let name = String(s[..<eq])
            let (format, path) = CLIParsing.formatAndPath(String(s[s.index(after: eq)...]))
            guard !name.isEmpty, !format.isEmpty else { throw CLIError("--source expects NAME=FORMAT[:PATH], got '\(s)'") }
            readers[name.lowercased()] = spark.readStream.format(format)
            paths[name.lowercased()] = path
            order.append(name)
        }
        for s in schemas {
            let (k, v) = try CLIParsing.keyValue(s, flag: "--schema")
            guard let r = readers[k.lowercased()] else { throw CLIError("--schema names '\(k)', but no --source \(k)=... was given") }
            readers[k.lowercased()] = r.schema(v)
        }
        for o in options {
            guard let dot = o.firstIndex(of: "."), let eq = o.firstIndex(of: "="), dot < eq else {
                throw CLIError("--option expects NAME.KEY=VALUE, got '\(o)'")
            }
            let name = String(o[..<dot]).lowercased()
            guard let r = readers[name] else { throw CLIError("--option names '\(name)', but no --source \(name)=... was given") }
            readers[name] = r.option(String(o[o.index(after: dot)..<eq]), String(o[o.index(after: eq)...]))
        }
        for name in order {
            guard let r = readers[name.lowercased()] else { continue }
            try r.load(paths[name.lowercased()]).createOrReplaceTempView(name)
        }
    }
}

/// Prints one JSON line of progress per batch on stderr.
final class ProgressPrinter: StreamingQueryListener {
    func onQueryProgress(_ event: StreamingQueryProgress) { printError(event.json) }
}

/// Small argument helpers shared by the subcommands.
enum CLIParsing {
    static func keyValue(_ s: String, flag: String) throws -> (String, String) {
        guard let eq = s.firstIndex(of: "=") else { throw CLIError("\(flag) expects KEY=VALUE, got '\(s)'") }
        return (String(s[..<eq]), String(s[s.index(after: eq)...]))
    }

    /// `json:out/` → ("json", "out/"); `console` → ("console", nil).
    static func formatAndPath(_ s: String) -> (String, String?) {
        guard let colon = s.firstIndex(of: ":") else { return (s.lowercased(), nil) }
        return (String(s[..<colon]).lowercased(), String(s[s.index(after: colon)...]))
    }
}

/// Stops the query on SIGINT / SIGTERM so the last batch commits and the checkpoint stays clean.
enum StopOnSignal {
    /// Returns the signal sources; keep them alive while the query runs.
    static func install(_ stop: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop() }
            source.resume()
            return source
        }
    }
}
