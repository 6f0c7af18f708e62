import RivuletCore
import RivuletSQL

/// Transformations: each returns a new analyzed DataFrame.
extension DataFrame {
    public func select(_ cols: Column...) throws(RivuletError) -> DataFrame { try select(cols) }
    public func select(_ cols: [Column]) throws(RivuletError) -> DataFrame { try derived(.project(cols.map(\.expr), plan)) }
    /// Select by column names (`"*"` allowed).
    public func select(_ names: String...) throws(RivuletError) -> DataFrame { try select(names.map { col($0) }) }

    /// Select SQL expressions: `selectExpr("explode(split(value, ' ')) as word", "length(value) n")`.
    public func selectExpr(_ exprs: String...) throws(RivuletError) -> DataFrame { try selectExpr(exprs) }
    public func selectExpr(_ exprs: [String]) throws(RivuletError) -> DataFrame {
        var cols: [Column] = []
        for e in exprs { cols.append(Column(try SQLParser.parseExpression(e))) }
        return try select(cols)
    }

    public func filter(_ condition: Column) throws(RivuletError) -> DataFrame { try derived(.filter(condition.expr, plan)) }
    /// Filter by a SQL condition: `filter("age > 21 AND city = 'paris'")`.
    public func filter(_ condition: String) throws(RivuletError) -> DataFrame {
        try derived(.filter(try SQLParser.parseExpression(condition), plan))
    }
    public func `where`(_ condition: Column) throws(RivuletError) -> DataFrame { try filter(condition) }
    public func `where`(_ condition: String) throws(RivuletError) -> DataFrame { try filter(condition) }

    /// Adds or replaces a column.
    public func withColumn(_ name: String, _ c: Column) throws(RivuletError) -> DataFrame {
        let lower = name.lowercased()
        var replaced = false
        var items: [Expression] = []
        for a in plan.output {
            if a.name.lowercased() == lower {
                if !replaced { items.append(.alias(c.expr.unaliased, name: name, exprId: .next())) }
                replaced = true
            } else {
                items.append(.attribute(a))
            }
        }
        if !replaced { items.append(.alias(c.expr.unaliased, name: name, exprId: .next())) }
        return try derived(.project(items, plan))
    }

    /// Adds or replaces several columns.
    public func withColumns(_ columns: [(String, Column)]) throws(RivuletError) -> DataFrame {
        var df = self
        for (n, c) in columns { df = try df.withColumn(n, c) }
        return df
    }

    /// Renames a column; a no-op if it does not exist (like Spark).
    public func withColumnRenamed(_ existing: String, _ new: String) throws(RivuletError) -> DataFrame {
        let lower = existing.lowercased()
        guard plan.output.contains(where: { $0.name.lowercased() == lower }) else { return self }
        let items: [Expression] = plan.output.map { a in
            a.name.lowercased() == lower ? .alias(.attribute(a), name: new, exprId: .next()) : .attribute(a)
        }
        return try derived(.project(items, plan))
    }

    /// Drops columns by name; unknown names are ignored (like Spark).
    public func drop(_ names: String...) throws(RivuletError) -> DataFrame {
        let lowered = Set(names.map { $0.lowercased() })
        return try derived(.project(plan.output.filter { !lowered.contains($0.name.lowercased()) }.map { .attribute($0) }, plan))
    }

    /// Drops the given (bound) columns.
    public func drop(_ cols: Column...) throws(RivuletError) -> DataFrame {
        var ids = Set<ExprId>()
        var names = Set<String>()
        for c in cols {
            switch c.expr {
            case .attribute(let a): ids.insert(a.exprId)
            case .unresolvedAttribute(let n): names.insert(n.parts.joined(separator: ".").lowercased())
            default: break
            }
        }
        return try derived(.project(plan.output.filter { !ids.contains($0.exprId) && !names.contains($0.name.lowercased()) }.map { .attribute($0) }, plan))
    }

    /// Renames all columns positionally.
    public func toDF(_ names: String...) throws(RivuletError) -> DataFrame {
        guard names.count == plan.output.count else {
            throw .analysis("toDF: the number of columns doesn't match. Old column names (\(plan.output.count)): \(columns.joined(separator: ", ")); new column names (\(names.count)): \(names.joined(separator: ", "))", errorClass: "INVALID_COLUMN_NAMES")
        }
        return try derived(.renameColumns(names, plan))
    }

    /// Gives the DataFrame a name usable as a qualifier (`df.alias("a")` then `col("a.id")`).
    public func alias(_ name: String) throws(RivuletError) -> DataFrame { try derived(.subqueryAlias(name, plan)) }

    public func limit(_ n: Int) throws(RivuletError) -> DataFrame {
        guard n >= 0 else { throw .analysis("The limit expression must be equal to or greater than 0, but got \(n)", errorClass: "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE") }
        return try derived(.limit(n, plan))
    }

    public func offset(_ n: Int) throws(RivuletError) -> DataFrame { try derived(.offset(n, plan)) }

    public func distinct() throws(RivuletError) -> DataFrame { try derived(.distinct(plan)) }

    /// Keeps the first row for each distinct combination of `subset` (all columns when empty).
    public func dropDuplicates(_ subset: [String] = []) throws(RivuletError) -> DataFrame {
        try derived(.deduplicate(keys: subset.map { col($0).expr }, plan))
    }
    public func drop_duplicates(_ subset: [String] = []) throws(RivuletError) -> DataFrame { try dropDuplicates(subset) }

    public func orderBy(_ cols: Column...) throws(RivuletError) -> DataFrame { try sort(cols) }
    public func orderBy(_ names: String...) throws(RivuletError) -> DataFrame { try sort(names.map { col($0) }) }
    public func sort(_ cols: Column...) throws(RivuletError) -> DataFrame { try sort(cols) }
    public func sort(_ cols: [Column]) throws(RivuletError) -> DataFrame {
        let orders: [Expression] = cols.map { c in
            if case .sortOrder = c.expr { return c.expr }
            return .sortOrder(c.expr, .ascending, .nullsFirst)
        }
        return try derived(.sort(orders, global: true, plan))
    }
    /// Sort within each partition (Spark's `sortWithinPartitions`).
    public func sortWithinPartitions(_ cols: Column...) throws(RivuletError) -> DataFrame {
        try derived(.sort(cols.map { c in if case .sortOrder = c.expr { return c.expr }; return .sortOrder(c.expr, .ascending, .nullsFirst) }, global: false, plan))
    }

    /// `UNION ALL` by position.
    public func union(_ other: DataFrame) throws(RivuletError) -> DataFrame {
        try derived(.union([plan, other.plan], byName: false, allowMissingColumns: false))
    }
    public func unionAll(_ other: DataFrame) throws(RivuletError) -> DataFrame { try union(other) }
    /// `UNION ALL` matching columns by name.
    public func unionByName(_ other: DataFrame, allowMissingColumns: Bool = false) throws(RivuletError) -> DataFrame {
        try derived(.union([plan, other.plan], byName: true, allowMissingColumns: allowMissingColumns))
    }
    public func intersect(_ other: DataFrame) throws(RivuletError) -> DataFrame { try derived(.intersect(plan, other.plan, all: false)) }
    public func intersectAll(_ other: DataFrame) throws(RivuletError) -> DataFrame { try derived(.intersect(plan, other.plan, all: true)) }
    public func subtract(_ other: DataFrame) throws(RivuletError) -> DataFrame { try derived(.except(plan, other.plan, all: false)) }
    public func exceptAll(_ other: DataFrame) throws(RivuletError) -> DataFrame { try derived(.except(plan, other.plan, all: true)) }

    /// Join with a condition: `a.join(b, a["id"] == b["id"], "left")`.
    public func join(_ other: DataFrame, on condition: Column, how: String = "inner") throws(RivuletError) -> DataFrame {
        try derived(.join(JoinNode(left: plan, right: other.plan, joinType: try Self.joinType(how), condition: condition.expr)))
    }
    /// Join on same-named columns (`USING`): `a.join(b, ["id"], "left")`.
    public func join(_ other: DataFrame, on columns: [String], how: String = "inner") throws(RivuletError) -> DataFrame {
        try derived(.join(JoinNode(left: plan, right: other.plan, joinType: try Self.joinType(how), condition: nil, usingColumns: columns)))
    }
    /// Join on one same-named column.
    public func join(_ other: DataFrame, on column: String, how: String = "inner") throws(RivuletError) -> DataFrame {
        try join(other, on: [column], how: how)
    }
    /// Cartesian product when no condition is given.
    public func join(_ other: DataFrame) throws(RivuletError) -> DataFrame { try crossJoin(other) }
    public func crossJoin(_ other: DataFrame) throws(RivuletError) -> DataFrame {
        try derived(.join(JoinNode(left: plan, right: other.plan, joinType: .cross, condition: nil)))
    }

    static func joinType(_ how: String) throws(RivuletError) -> JoinType {
        guard let t = JoinType(sparkName: how) else {
            throw .analysis("Unsupported join type '\(how)'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.", errorClass: "UNSUPPORTED_JOIN_TYPE")
        }
        return t
    }

    /// Groups by columns for aggregation.
    public func groupBy(_ cols: Column...) -> GroupedData { GroupedData(df: self, groupings: cols.map(\.expr)) }
    public func groupBy(_ names: String...) -> GroupedData { GroupedData(df: self, groupings: names.map { col($0).expr }) }
    public func groupBy(_ cols: [Column]) -> GroupedData { GroupedData(df: self, groupings: cols.map(\.expr)) }

    /// Aggregates over all rows: `df.agg(max("age"), count("*"))`.
    public func agg(_ cols: Column...) throws(RivuletError) -> DataFrame { try GroupedData(df: self, groupings: []).agg(cols) }

    /// Registers the DataFrame as a temporary view for `spark.sql`.
    public func createOrReplaceTempView(_ name: String) throws(RivuletError) {
        try session.catalog.register(name, plan, replace: true)
    }
    /// Registers a temporary view; fails if the name is taken.
    public func createTempView(_ name: String) throws(RivuletError) {
        try session.catalog.register(name, plan, replace: false)
    }
}
