import RivuletCore
import RivuletSQL

// String functions (pyspark.sql.functions names).

/// `lower(col)` — string function
public func lower(_ c: Column) -> Column { Column(functionCall("lower", c.expr)) }
/// `lower` of a column by name.
public func lower(_ name: String) -> Column { lower(Column(name: name)) }

/// `upper(col)` — string function
public func upper(_ c: Column) -> Column { Column(functionCall("upper", c.expr)) }
/// `upper` of a column by name.
public func upper(_ name: String) -> Column { upper(Column(name: name)) }

/// `trim(col)` — string function
public func trim(_ c: Column) -> Column { Column(functionCall("trim", c.expr)) }
/// `trim` of a column by name.
public func trim(_ name: String) -> Column { trim(Column(name: name)) }

/// `ltrim(col)` — string function
public func ltrim(_ c: Column) -> Column { Column(functionCall("ltrim", c.expr)) }
/// `ltrim` of a column by name.
public func ltrim(_ name: String) -> Column { ltrim(Column(name: name)) }

/// `rtrim(col)` — string function
public func rtrim(_ c: Column) -> Column { Column(functionCall("rtrim", c.expr)) }
/// `rtrim` of a column by name.
public func rtrim(_ name: String) -> Column { rtrim(Column(name: name)) }

/// `length(col)` — string function
public func length(_ c: Column) -> Column { Column(functionCall("length", c.expr)) }
/// `length` of a column by name.
public func length(_ name: String) -> Column { length(Column(name: name)) }

/// `initcap(col)` — string function
public func initcap(_ c: Column) -> Column { Column(functionCall("initcap", c.expr)) }
/// `initcap` of a column by name.
public func initcap(_ name: String) -> Column { initcap(Column(name: name)) }

/// `reverse(col)` — string function
public func reverse(_ c: Column) -> Column { Column(functionCall("reverse", c.expr)) }
/// `reverse` of a column by name.
public func reverse(_ name: String) -> Column { reverse(Column(name: name)) }

/// `ascii(col)` — string function
public func ascii(_ c: Column) -> Column { Column(functionCall("ascii", c.expr)) }
/// `ascii` of a column by name.
public func ascii(_ name: String) -> Column { ascii(Column(name: name)) }
/// `concat(cols...)` — concatenation; null if any input is null
public func concat(_ cols: Column...) -> Column { Column(functionCall("concat", args: cols.map(\.expr))) }
/// `concat` over an array of columns.
public func concat(_ cols: [Column]) -> Column { Column(functionCall("concat", args: cols.map(\.expr))) }

/// `split(str, pattern[, limit])`: splits around matches of a Java regular expression.
public func split(_ c: Column, _ pattern: String, limit: Int = -1) -> Column {
    Column(functionCall("split", c.expr, .literal(.string(pattern), .string), .literal(.int(Int32(clamping: limit)), .integer)))
}
/// `concat_ws(sep, cols...)`: joins non-null values with `sep`.
public func concat_ws(_ sep: String, _ cols: Column...) -> Column {
    Column(functionCall("concat_ws", args: [.literal(.string(sep), .string)] + cols.map(\.expr)))
}
/// `substring(str, pos, len)` with 1-based `pos`.
public func substring(_ c: Column, _ pos: Int, _ len: Int) -> Column { c.substr(pos, len) }
/// `instr(str, substr)`: 1-based position of the first occurrence, 0 if absent.
public func instr(_ c: Column, _ substr: String) -> Column { Column(functionCall("instr", c.expr, .literal(.string(substr), .string))) }
/// `regexp_replace(str, pattern, replacement)`.
public func regexp_replace(_ c: Column, _ pattern: String, _ replacement: String) -> Column {
    Column(functionCall("regexp_replace", c.expr, .literal(.string(pattern), .string), .literal(.string(replacement), .string)))
}
/// `regexp_extract(str, pattern, idx)`.
public func regexp_extract(_ c: Column, _ pattern: String, _ idx: Int) -> Column {
    Column(functionCall("regexp_extract", c.expr, .literal(.string(pattern), .string), .literal(.int(Int32(clamping: idx)), .integer)))
}
/// `lpad(str, len, pad)`.
public func lpad(_ c: Column, _ len: Int, _ pad: String) -> Column {
    Column(functionCall("lpad", c.expr, .literal(.int(Int32(clamping: len)), .integer), .literal(.string(pad), .string)))
}
/// `rpad(str, len, pad)`.
public func rpad(_ c: Column, _ len: Int, _ pad: String) -> Column {
    Column(functionCall("rpad", c.expr, .literal(.int(Int32(clamping: len)), .integer), .literal(.string(pad), .string)))
}
