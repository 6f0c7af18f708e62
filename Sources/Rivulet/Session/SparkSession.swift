import RivuletCore
import RivuletExecution
import RivuletSQL
import Synchronization

/// The entry point to Rivulet, named and shaped like PySpark's `SparkSession`.
///
/// ```swift
/// let spark = SparkSession.builder.appName("word-count").config("spark.sql.shuffle.partitions", 4).getOrCreate()
/// let lines = try spark.read.text("data/words")
/// let counts = try lines.select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count()
/// try counts.orderBy(col("count").desc()).show(5)
/// ```
public final class SparkSession: Sendable {
    /// Session settings (`spark.sql.shuffle.partitions`, `spark.app.name`, ...).
    public let conf: RuntimeConfig
    let catalog: SessionCatalog
    /// The streaming queries started from this session.
    public let streams = StreamingQueryManager()
    /// Where plans run (the embedded engine by default).
    public let backend: any ExecutionBackend

    init(conf: [String: String], backend: any ExecutionBackend = EmbeddedBackend()) {
        self.conf = RuntimeConfig(conf)
        self.catalog = SessionCatalog()
        self.backend = backend
    }

    /// A builder for the process-wide session (`SparkSession.builder.appName(...).getOrCreate()`).
    public static var builder: Builder { Builder() }

    private static let active = Mutex<SparkSession?>(nil)

    /// The session `getOrCreate()` returns, if one was created.
    public static var activeSession: SparkSession? { active.withLock { $0 } }

    /// Builds (or returns) the session.
    public struct Builder: Sendable {
        private var options: [String: String] = [:]

        public func appName(_ name: String) -> Builder { config("spark.app.name", name) }
        /// Accepted for compatibility (`local[*]`, `local[2]`); Rivulet always runs in-process.
        public func master(_ master: String) -> Builder { config("spark.master", master) }
        public func config(_ key: String, _ value: String) -> Builder { var b = self; b.options[key] = value; return b }
        public func config(_ key: String, _ value: Int) -> Builder { config(key, String(value)) }
        public func config(_ key: String, _ value: Bool) -> Builder { config(key, value ? "true" : "false") }

        /// Returns the existing process-wide session (applying these settings to it) or creates it.
        public func getOrCreate() -> SparkSession {
            SparkSession.active.withLock { current in
                if let s = current {
                    for (k, v) in options { s.conf.set(k, v) }
                    return s
                }
                let s = SparkSession(conf: options)
                current = s
                return s
            }
        }

        /// A fresh session with its own temporary views and settings, not shared with `getOrCreate()`.
        public func create() -> SparkSession { SparkSession(conf: options) }
    }

    /// A new session sharing nothing but the backend: its own temp views and a copy of the settings.
    public func newSession() -> SparkSession { SparkSession(conf: conf.all, backend: backend) }

    /// Stops the session; the next `getOrCreate()` makes a new one.
    public func stop() {
        SparkSession.active.withLock { if $0 === self { $0 = nil } }
    }

    /// The application name.
    public var appName: String { conf.get("spark.app.name") ?? "rivulet" }

    /// Reader for batch data: `spark.read.format("csv").option("header", true).load(path)`.
    public var read: DataFrameReader { DataFrameReader(session: self) }

    /// Runs a SQL query and returns its result as a DataFrame (analysis errors throw here).
    public func sql(_ query: String) throws(RivuletError) -> DataFrame {
        try DataFrame(session: self, plan: SQLParser.parseQuery(query))
    }

    /// The DataFrame of a temporary view.
    public func table(_ name: String) throws(RivuletError) -> DataFrame {
        try DataFrame(session: self, plan: .unresolvedRelation(UnresolvedName(SQLParser.parseMultipartIdentifier(name))))
    }

    /// `spark.range(end)`: one `id: bigint` column from 0 until `end`.
    public func range(_ end: Int64) throws(RivuletError) -> DataFrame { try range(0, end) }

    /// `spark.range(start, end, step, numPartitions)`.
    public func range(_ start: Int64, _ end: Int64, _ step: Int64 = 1, numPartitions: Int? = nil) throws(RivuletError) -> DataFrame {
        guard step != 0 else { throw .analysis("The step of range() must not be 0") }
        return try DataFrame(session: self, plan: .range(RangeRelation(start: start, end: end, step: step, numPartitions: numPartitions)))
    }

    /// Removes a temporary view; true if it existed.
    @discardableResult
    public func dropTempView(_ name: String) -> Bool { catalog.drop(name) }

    /// Names of the temporary views.
    public var tempViewNames: [String] { catalog.relationNames }

    var analyzer: Analyzer {
        Analyzer(catalog: catalog, caseSensitive: conf.bool("spark.sql.caseSensitive") ?? false)
    }

    /// Engine settings derived from `spark.sql.shuffle.partitions` and friends.
    var executionConfig: ExecutionConfig {
        ExecutionConfig(
            shufflePartitions: conf.int("spark.sql.shuffle.partitions"),
            parallelism: conf.int("spark.rivulet.parallelism"),
            batchSize: conf.int("spark.rivulet.batchSize") ?? 8192)
    }
}
