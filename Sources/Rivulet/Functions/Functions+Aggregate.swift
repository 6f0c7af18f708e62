import RivuletCore
import RivuletSQL

// Aggregate functions.

/// `sum(col)` — aggregate function
public func sum(_ c: Column) -> Column { Column(functionCall("sum", c.expr)) }
/// `sum` of a column by name.
public func sum(_ name: String) -> Column { sum(Column(name: name)) }

/// `avg(col)` — aggregate function
public func avg(_ c: Column) -> Column { Column(functionCall("avg", c.expr)) }
/// `avg` of a column by name.
public func avg(_ name: String) -> Column { avg(Column(name: name)) }

/// `mean(col)` — aggregate function
public func mean(_ c: Column) -> Column { Column(functionCall("mean", c.expr)) }
/// `mean` of a column by name.
public func mean(_ name: String) -> Column { mean(Column(name: name)) }

/// `min(col)` — aggregate function
public func min(_ c: Column) -> Column { Column(functionCall("min", c.expr)) }
/// `min` of a column by name.
public func min(_ name: String) -> Column { min(Column(name: name)) }

/// `max(col)` — aggregate function
public func max(_ c: Column) -> Column { Column(functionCall("max", c.expr)) }
/// `max` of a column by name.
public func max(_ name: String) -> Column { max(Column(name: name)) }

/// `first(col)` — aggregate function
public func first(_ c: Column) -> Column { Column(functionCall("first", c.expr)) }
/// `first` of a column by name.
public func first(_ name: String) -> Column { first(Column(name: name)) }

/// `last(col)` — aggregate function
public func last(_ c: Column) -> Column { Column(functionCall("last", c.expr)) }
/// `last` of a column by name.
public func last(_ name: String) -> Column { last(Column(name: name)) }

/// `collect_list(col)` — aggregate function
public func collect_list(_ c: Column) -> Column { Column(functionCall("collect_list", c.expr)) }
/// `collect_list` of a column by name.
public func collect_list(_ name: String) -> Column { collect_list(Column(name: name)) }

/// `collect_set(col)` — aggregate function
public func collect_set(_ c: Column) -> Column { Column(functionCall("collect_set", c.expr)) }
/// `collect_set` of a column by name.
public func collect_set(_ name: String) -> Column { collect_set(Column(name: name)) }

/// `approx_count_distinct(col)` — aggregate function
public func approx_count_distinct(_ c: Column) -> Column { Column(functionCall("approx_count_distinct", c.expr)) }
/// `approx_count_distinct` of a column by name.
public func approx_count_distinct(_ name: String) -> Column { approx_count_distinct(Column(name: name)) }

/// `stddev(col)` — aggregate function
public func stddev(_ c: Column) -> Column { Column(functionCall("stddev", c.expr)) }
/// `stddev` of a column by name.
public func stddev(_ name: String) -> Column { stddev(Column(name: name)) }

/// `stddev_samp(col)` — aggregate function
public func stddev_samp(_ c: Column) -> Column { Column(functionCall("stddev_samp", c.expr)) }
/// `stddev_samp` of a column by name.
public func stddev_samp(_ name: String) -> Column { stddev_samp(Column(name: name)) }

/// `stddev_pop(col)` — aggregate function
public func stddev_pop(_ c: Column) -> Column { Column(functionCall("stddev_pop", c.expr)) }
/// `stddev_pop` of a column by name.
public func stddev_pop(_ name: String) -> Column { stddev_pop(Column(name: name)) }

/// `variance(col)` — aggregate function
public func variance(_ c: Column) -> Column { Column(functionCall("variance", c.expr)) }
/// `variance` of a column by name.
public func variance(_ name: String) -> Column { variance(Column(name: name)) }

/// `var_samp(col)` — aggregate function
public func var_samp(_ c: Column) -> Column { Column(functionCall("var_samp", c.expr)) }
/// `var_samp` of a column by name.
public func var_samp(_ name: String) -> Column { var_samp(Column(name: name)) }

/// `var_pop(col)` — aggregate function
public func var_pop(_ c: Column) -> Column { Column(functionCall("var_pop", c.expr)) }
/// `var_pop` of a column by name.
public func var_pop(_ name: String) -> Column { var_pop(Column(name: name)) }

/// `count(col)`; `count("*")` counts rows.
public func count(_ c: Column) -> Column {
    if case .unresolvedStar(nil) = c.expr { return Column(functionCall("count", .star)) }
    return Column(functionCall("count", c.expr))
}
/// `count` of a column by name (`"*"` counts rows).
public func count(_ name: String) -> Column { count(Column(name: name)) }
/// `count(DISTINCT cols...)`.
public func count_distinct(_ cols: Column...) -> Column { Column(functionCall("count", args: cols.map(\.expr), distinct: true)) }
/// Same as ``count_distinct(_:)``.
public func countDistinct(_ cols: Column...) -> Column { Column(functionCall("count", args: cols.map(\.expr), distinct: true)) }
/// `sum(DISTINCT col)`.
public func sum_distinct(_ c: Column) -> Column { Column(functionCall("sum", c.expr, distinct: true)) }
