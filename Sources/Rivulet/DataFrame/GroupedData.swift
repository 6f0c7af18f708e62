import RivuletCore
import RivuletSQL

/// The result of `groupBy`: aggregate it with `agg`, `count`, `sum`, `avg`, `min`, `max`.
///
/// ```swift
/// let counts = try words.groupBy("word").count()
/// let stats = try sales.groupBy("region").agg(sum("amount").alias("total"), avg("amount"))
/// ```
public struct GroupedData: Sendable {
    let df: DataFrame
    let groupings: [Expression]

    /// Aggregates with the given aggregate columns; the grouping columns come first, like Spark.
    public func agg(_ cols: Column...) throws(RivuletError) -> DataFrame { try agg(cols) }
    public func agg(_ cols: [Column]) throws(RivuletError) -> DataFrame {
        try df.derived(.aggregate(groupings: groupings, aggregates: groupings + cols.map(\.expr), df.plan))
    }

    /// Aggregates by `column: function` pairs: `agg(["age": "max", "salary": "avg"])`.
    public func agg(_ exprs: [String: String]) throws(RivuletError) -> DataFrame {
        try agg(exprs.sorted { $0.key < $1.key }.map { Column(functionCall($0.value.lowercased(), $0.key == "*" ? .star : df.col($0.key).expr)) })
    }

    /// Number of rows per group, in a column named `count`.
    public func count() throws(RivuletError) -> DataFrame {
        try agg(Column(functionCall("count", .star)).alias("count"))
    }

    public func sum(_ names: String...) throws(RivuletError) -> DataFrame { try apply("sum", names) }
    public func avg(_ names: String...) throws(RivuletError) -> DataFrame { try apply("avg", names) }
    public func mean(_ names: String...) throws(RivuletError) -> DataFrame { try apply("avg", names) }
    public func min(_ names: String...) throws(RivuletError) -> DataFrame { try apply("min", names) }
    public func max(_ names: String...) throws(RivuletError) -> DataFrame { try apply("max", names) }

    /// Applies one aggregate to each named column (all numeric columns when none are named).
    private func apply(_ fn: String, _ names: [String]) throws(RivuletError) -> DataFrame {
        var targets = names
        if targets.isEmpty {
            let groupNames = Set(groupings.compactMap { e -> String? in
                if case .unresolvedAttribute(let n) = e { return n.parts.last?.lowercased() }
                if case .attribute(let a) = e { return a.name.lowercased() }
                return nil
            })
            targets = df.plan.output.filter { $0.dataType.isNumeric && !groupNames.contains($0.name.lowercased()) }.map(\.name)
        }
        for n in targets {
            guard let a = df.plan.output.first(where: { $0.name.lowercased() == n.lowercased() }) else {
                throw .analysis("column '\(n)' does not exist", errorClass: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION")
            }
            guard a.dataType.isNumeric else {
                throw .analysis("\"\(n)\" is not a numeric column. Aggregation function can only be applied on a numeric column.", errorClass: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
            }
        }
        return try agg(targets.map { Column(functionCall(fn, df.col($0).expr)) })
    }
}
