import RivuletCore
import RivuletSQL

// Null handling and conditional functions.

/// `coalesce(cols...)` — first non-null value
public func coalesce(_ cols: Column...) -> Column { Column(functionCall("coalesce", args: cols.map(\.expr))) }
/// `coalesce` over an array of columns.
public func coalesce(_ cols: [Column]) -> Column { Column(functionCall("coalesce", args: cols.map(\.expr))) }

/// `nvl(a, b)`: `b` when `a` is null.
public func nvl(_ a: Column, _ b: any ColumnLiteral) -> Column { Column(functionCall("nvl", a.expr, b.column.expr)) }
/// Starts a `CASE WHEN` chain: `when(cond, value).when(...).otherwise(...)`.
public func when(_ condition: Column, _ value: any ColumnLiteral) -> Column {
    Column(.caseWhen([WhenBranch(condition.expr, value.column.expr)], elseValue: nil))
}
/// `isnull(col)`.
public func isnull(_ c: Column) -> Column { c.isNull() }
/// A column by name (`col("data.user.id")`, `col("*")`).
public func col(_ name: String) -> Column { Column(name: name) }
/// Same as ``col(_:)``.
public func column(_ name: String) -> Column { Column(name: name) }
/// A literal value column.
public func lit(_ v: any ColumnLiteral) -> Column { v.column }
/// A null literal.
public func litNull() -> Column { Column(.literal(.null, .null)) }
/// Parses a SQL expression (`expr("explode(split(value, ' ')) as word")`); a syntax error surfaces
/// when the DataFrame using it is built.
public func expr(_ sql: String) -> Column {
    do { return Column(try SQLParser.parseExpression(sql)) } catch {
        return Column(.unresolvedFunction(name: "__parse_error__", arguments: [.literal(.string(error.description), .string)], isDistinct: false, position: error.position))
    }
}
