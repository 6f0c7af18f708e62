import RivuletCore
import RivuletSQL

// Date and time functions (session time zone UTC).

/// `year(col)` — date/time function
public func year(_ c: Column) -> Column { Column(functionCall("year", c.expr)) }
/// `year` of a column by name.
public func year(_ name: String) -> Column { year(Column(name: name)) }

/// `month(col)` — date/time function
public func month(_ c: Column) -> Column { Column(functionCall("month", c.expr)) }
/// `month` of a column by name.
public func month(_ name: String) -> Column { month(Column(name: name)) }

/// `dayofmonth(col)` — date/time function
public func dayofmonth(_ c: Column) -> Column { Column(functionCall("dayofmonth", c.expr)) }
/// `dayofmonth` of a column by name.
public func dayofmonth(_ name: String) -> Column { dayofmonth(Column(name: name)) }

/// `dayofweek(col)` — date/time function
public func dayofweek(_ c: Column) -> Column { Column(functionCall("dayofweek", c.expr)) }
/// `dayofweek` of a column by name.
public func dayofweek(_ name: String) -> Column { dayofweek(Column(name: name)) }

/// `dayofyear(col)` — date/time function
public func dayofyear(_ c: Column) -> Column { Column(functionCall("dayofyear", c.expr)) }
/// `dayofyear` of a column by name.
public func dayofyear(_ name: String) -> Column { dayofyear(Column(name: name)) }

/// `hour(col)` — date/time function
public func hour(_ c: Column) -> Column { Column(functionCall("hour", c.expr)) }
/// `hour` of a column by name.
public func hour(_ name: String) -> Column { hour(Column(name: name)) }

/// `minute(col)` — date/time function
public func minute(_ c: Column) -> Column { Column(functionCall("minute", c.expr)) }
/// `minute` of a column by name.
public func minute(_ name: String) -> Column { minute(Column(name: name)) }

/// `second(col)` — date/time function
public func second(_ c: Column) -> Column { Column(functionCall("second", c.expr)) }
/// `second` of a column by name.
public func second(_ name: String) -> Column { second(Column(name: name)) }

/// `to_date(col)` — date/time function
public func to_date(_ c: Column) -> Column { Column(functionCall("to_date", c.expr)) }
/// `to_date` of a column by name.
public func to_date(_ name: String) -> Column { to_date(Column(name: name)) }

/// `timestamp_seconds(col)` — date/time function
public func timestamp_seconds(_ c: Column) -> Column { Column(functionCall("timestamp_seconds", c.expr)) }
/// `timestamp_seconds` of a column by name.
public func timestamp_seconds(_ name: String) -> Column { timestamp_seconds(Column(name: name)) }

/// `quarter(col)` — date/time function
public func quarter(_ c: Column) -> Column { Column(functionCall("quarter", c.expr)) }
/// `quarter` of a column by name.
public func quarter(_ name: String) -> Column { quarter(Column(name: name)) }

/// `weekofyear(col)` — date/time function
public func weekofyear(_ c: Column) -> Column { Column(functionCall("weekofyear", c.expr)) }
/// `weekofyear` of a column by name.
public func weekofyear(_ name: String) -> Column { weekofyear(Column(name: name)) }

/// `current_timestamp()`.
public func current_timestamp() -> Column { Column(functionCall("current_timestamp")) }
/// `current_date()`.
public func current_date() -> Column { Column(functionCall("current_date")) }
/// `to_timestamp(col[, format])`.
public func to_timestamp(_ c: Column, _ format: String? = nil) -> Column {
    guard let format else { return Column(functionCall("to_timestamp", c.expr)) }
    return Column(functionCall("to_timestamp", c.expr, .literal(.string(format), .string)))
}
/// `to_date(col, format)`.
public func to_date(_ c: Column, _ format: String) -> Column { Column(functionCall("to_date", c.expr, .literal(.string(format), .string))) }
/// `date_format(col, format)`.
public func date_format(_ c: Column, _ format: String) -> Column { Column(functionCall("date_format", c.expr, .literal(.string(format), .string))) }
/// `unix_timestamp(col[, format])`; with no column, the current time.
public func unix_timestamp(_ c: Column? = nil, _ format: String = "yyyy-MM-dd HH:mm:ss") -> Column {
    guard let c else { return Column(functionCall("unix_timestamp")) }
    return Column(functionCall("unix_timestamp", c.expr, .literal(.string(format), .string)))
}
/// `from_unixtime(seconds[, format])`.
public func from_unixtime(_ c: Column, _ format: String = "yyyy-MM-dd HH:mm:ss") -> Column {
    Column(functionCall("from_unixtime", c.expr, .literal(.string(format), .string)))
}
/// `date_add(date, days)`.
public func date_add(_ c: Column, _ days: any ColumnLiteral) -> Column { Column(functionCall("date_add", c.expr, days.column.expr)) }
/// `date_sub(date, days)`.
public func date_sub(_ c: Column, _ days: any ColumnLiteral) -> Column { Column(functionCall("date_sub", c.expr, days.column.expr)) }
/// `datediff(end, start)` in days.
public func datediff(_ end: Column, _ start: Column) -> Column { Column(functionCall("datediff", end.expr, start.expr)) }
