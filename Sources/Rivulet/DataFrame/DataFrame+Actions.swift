import RivuletCore
import RivuletSQL

/// Actions: run the plan and return results.
extension DataFrame {
    /// Runs the plan and returns its batches.
    public func collectBatches() throws(RivuletError) -> [RecordBatch] {
        try session.backend.execute(plan, config: session.executionConfig)
    }

    /// All rows.
    public func collect() throws(RivuletError) -> [Row] {
        let schema = self.schema
        var rows: [Row] = []
        for b in try collectBatches() {
            for i in 0..<b.numRows {
                rows.append(Row(values: b.columns.map { $0.value(at: i) }, schema: schema))
            }
        }
        return rows
    }

    /// Number of rows.
    public func count() throws(RivuletError) -> Int {
        let counted = try derived(.aggregate(groupings: [], aggregates: [.alias(functionCall("count", .star), name: "count", exprId: .next())], plan))
        guard let first = try counted.collectBatches().first(where: { $0.numRows > 0 }),
              let n = first.columns[0].value(at: 0).int64Value else { return 0 }
        return Int(n)
    }

    /// The first `n` rows.
    public func take(_ n: Int) throws(RivuletError) -> [Row] { try limit(n).collect() }
    /// The first `n` rows (PySpark's `head(n)`).
    public func head(_ n: Int) throws(RivuletError) -> [Row] { try take(n) }
    /// The first row, or nil when empty.
    public func first() throws(RivuletError) -> Row? { try take(1).first }
    /// The last `n` rows.
    public func tail(_ n: Int) throws(RivuletError) -> [Row] { Array(try collect().suffix(n)) }
    /// True when there are no rows.
    public func isEmpty() throws(RivuletError) -> Bool { try take(1).isEmpty }

    /// Prints the schema tree like Spark's `printSchema()`.
    public func printSchema() { print(schema.treeString) }

    /// The plans as `explain()` prints them.
    public func explainString(extended: Bool = false) throws(RivuletError) -> String {
        let optimized = try session.backend.optimize(plan)
        let physical = try session.backend.explainPhysical(optimized, config: session.executionConfig)
        if !extended { return "== Physical Plan ==\n" + physical + "\n" }
        let schemaLine = plan.output.map { "\($0.name): \($0.dataType.simpleString)" }.joined(separator: ", ")
        return "== Parsed Logical Plan ==\n" + parsedPlan.treeString(verbose: true) + "\n"
            + "== Analyzed Logical Plan ==\n" + schemaLine + "\n" + plan.treeString(verbose: true) + "\n"
            + "== Optimized Logical Plan ==\n" + optimized.treeString(verbose: true) + "\n"
            + "== Physical Plan ==\n" + physical + "\n"
    }

    /// Prints the physical plan, or (extended) the analyzed, optimized and physical plans.
    public func explain(extended: Bool = false) throws(RivuletError) {
        print(try explainString(extended: extended), terminator: "")
    }
}
