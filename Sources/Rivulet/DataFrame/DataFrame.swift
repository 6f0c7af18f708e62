import RivuletCore
import RivuletExecution
import RivuletSQL

/// A distributed-collection-style table: an immutable, analyzed logical plan plus its session.
///
/// Building a DataFrame analyzes its plan at once, so an unknown column or a type error throws at
/// the line that caused it; actions (`collect`, `count`, `show`, `write`) run the plan.
///
/// ```swift
/// let people = try spark.read.option("header", true).option("inferSchema", true).csv("people.csv")
/// let byCity = try people.filter(col("age") > 21).groupBy("city").agg(avg("age").alias("avg_age"))
/// try byCity.orderBy(col("avg_age").desc()).show()
/// ```
public struct DataFrame: Sendable {
    public let session: SparkSession
    /// The analyzed logical plan.
    public let plan: LogicalPlan
    /// The plan as built, before analysis (`explain(extended: true)` prints it first).
    public let parsedPlan: LogicalPlan

    /// Analyzes `plan` (throws analysis errors now, like Spark).
    init(session: SparkSession, plan: LogicalPlan) throws(RivuletError) {
        try DataFrame.rethrowDeferredParseErrors(in: plan)
        self.session = session
        self.parsedPlan = plan
        self.plan = try session.analyzer.analyze(plan)
    }

    /// Wraps an already analyzed plan.
    init(session: SparkSession, analyzed: LogicalPlan) {
        self.session = session
        self.plan = analyzed
        self.parsedPlan = analyzed
    }

    /// The output schema.
    public var schema: StructType { plan.schema }
    /// Column names in order.
    public var columns: [String] { plan.output.map(\.name) }
    /// `(name, type)` pairs with Spark's simple type names.
    public var dtypes: [(String, String)] { plan.output.map { ($0.name, $0.dataType.simpleString) } }
    /// True when the DataFrame reads a stream (`spark.readStream`); it then runs only through
    /// `writeStream.start()`.
    public var isStreaming: Bool { plan.isStreaming }

    /// A column of this DataFrame, bound to it (use in joins to tell same-named columns apart).
    public subscript(name: String) -> Column { col(name) }

    /// A column of this DataFrame, bound to this DataFrame's attribute when the name matches one.
    public func col(_ name: String) -> Column {
        if name == "*" { return Column(name: name) }
        let parts = Column.splitName(name)
        if parts.count == 1, let a = plan.output.first(where: { $0.name.lowercased() == name.lowercased() }),
           plan.output.filter({ $0.name.lowercased() == name.lowercased() }).count == 1 {
            return Column(.attribute(a))
        }
        return Column(name: name)
    }

    /// `expr(...)` records a syntax error as a placeholder call so the DataFrame method that uses it
    /// can throw it (PySpark raises at `expr` itself; Swift's non-throwing `expr` defers to here).
    static func rethrowDeferredParseErrors(in plan: LogicalPlan) throws(RivuletError) {
        var found: RivuletError?
        _ = try? plan.transformUp { p in
            for e in p.expressions {
                _ = e.contains { x in
                    if case .unresolvedFunction("__parse_error__", let args, _, let pos) = x, found == nil {
                        if case .literal(.string(let m), _) = args.first { found = RivuletError(.sql, m, errorClass: "PARSE_SYNTAX_ERROR", position: pos) }
                        return true
                    }
                    return false
                }
            }
            return p
        }
        if let found { throw found }
    }

    func derived(_ newPlan: LogicalPlan) throws(RivuletError) -> DataFrame {
        try DataFrame(session: session, plan: newPlan)
    }
}
