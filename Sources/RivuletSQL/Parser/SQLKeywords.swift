/// Keyword sets deciding where a word may be used as a name.
///
/// Spark 4 (ANSI mode, `spark.sql.ansi.enforceReservedKeywords=false`) lets almost every keyword be a
/// column, table or alias name. A hand-written parser only has to refuse a word where taking it as a
/// name would swallow the next clause.
enum SQLKeywords {
    /// Words that end a select item or a relation, so they cannot be an alias without `AS`
    /// (`SELECT a FROM t`, `FROM t JOIN u`, `FROM t WHERE ...`).
    static let notImplicitAlias: Set<String> = [
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "SORT", "CLUSTER", "DISTRIBUTE", "LIMIT", "OFFSET",
        "UNION", "INTERSECT", "EXCEPT", "MINUS", "LATERAL", "INTO", "JOIN", "INNER", "LEFT", "RIGHT", "FULL",
        "OUTER", "CROSS", "SEMI", "ANTI", "NATURAL", "ON", "USING", "AS", "QUALIFY", "PIVOT", "UNPIVOT",
        "TABLESAMPLE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE",
        "RLIKE", "REGEXP", "BETWEEN", "DIV", "ESCAPE", "WINDOW",
    ]

    /// Words that cannot start an expression as a column name (they are structural wherever an
    /// expression may start). `LEFT` / `RIGHT` are allowed only as function names (`left(s, 2)`).
    static let notColumnName: Set<String> = [
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "INTERSECT", "EXCEPT",
        "JOIN", "ON", "USING", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "AS", "IS", "IN", "LIKE",
        "ILIKE", "RLIKE", "REGEXP", "BETWEEN", "ESCAPE", "DISTINCT", "WITH", "INNER", "CROSS", "FULL", "SEMI",
        "ANTI", "NATURAL", "LATERAL", "LEFT", "RIGHT", "CASE",
    ]

    /// Words that start a query where a parenthesised subquery may stand.
    static let queryStart: Set<String> = ["SELECT", "WITH", "VALUES", "TABLE", "FROM"]
}
