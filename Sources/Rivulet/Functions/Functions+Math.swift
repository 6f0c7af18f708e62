import RivuletCore
import RivuletSQL

// Math functions (pyspark.sql.functions names).

/// `abs(col)` — math function
public func abs(_ c: Column) -> Column { Column(functionCall("abs", c.expr)) }
/// `abs` of a column by name.
public func abs(_ name: String) -> Column { abs(Column(name: name)) }

/// `floor(col)` — math function
public func floor(_ c: Column) -> Column { Column(functionCall("floor", c.expr)) }
/// `floor` of a column by name.
public func floor(_ name: String) -> Column { floor(Column(name: name)) }

/// `ceil(col)` — math function
public func ceil(_ c: Column) -> Column { Column(functionCall("ceil", c.expr)) }
/// `ceil` of a column by name.
public func ceil(_ name: String) -> Column { ceil(Column(name: name)) }

/// `sqrt(col)` — math function
public func sqrt(_ c: Column) -> Column { Column(functionCall("sqrt", c.expr)) }
/// `sqrt` of a column by name.
public func sqrt(_ name: String) -> Column { sqrt(Column(name: name)) }

/// `exp(col)` — math function
public func exp(_ c: Column) -> Column { Column(functionCall("exp", c.expr)) }
/// `exp` of a column by name.
public func exp(_ name: String) -> Column { exp(Column(name: name)) }

/// `log10(col)` — math function
public func log10(_ c: Column) -> Column { Column(functionCall("log10", c.expr)) }
/// `log10` of a column by name.
public func log10(_ name: String) -> Column { log10(Column(name: name)) }

/// `log2(col)` — math function
public func log2(_ c: Column) -> Column { Column(functionCall("log2", c.expr)) }
/// `log2` of a column by name.
public func log2(_ name: String) -> Column { log2(Column(name: name)) }

/// `signum(col)` — math function
public func signum(_ c: Column) -> Column { Column(functionCall("signum", c.expr)) }
/// `signum` of a column by name.
public func signum(_ name: String) -> Column { signum(Column(name: name)) }

/// `round(col, scale)` with HALF_UP rounding.
public func round(_ c: Column, _ scale: Int = 0) -> Column { Column(functionCall("round", c.expr, .literal(.int(Int32(clamping: scale)), .integer))) }
/// `pow(base, exponent)` as double.
public func pow(_ base: Column, _ exponent: any ColumnLiteral) -> Column { Column(functionCall("pow", base.expr, exponent.column.expr)) }
/// Natural logarithm.
public func log(_ c: Column) -> Column { Column(functionCall("ln", c.expr)) }
/// `greatest(cols...)` — largest / smallest non-null value
public func greatest(_ cols: Column...) -> Column { Column(functionCall("greatest", args: cols.map(\.expr))) }
/// `greatest` over an array of columns.
public func greatest(_ cols: [Column]) -> Column { Column(functionCall("greatest", args: cols.map(\.expr))) }

/// `least(cols...)` — largest / smallest non-null value
public func least(_ cols: Column...) -> Column { Column(functionCall("least", args: cols.map(\.expr))) }
/// `least` over an array of columns.
public func least(_ cols: [Column]) -> Column { Column(functionCall("least", args: cols.map(\.expr))) }

/// `hash(cols...)`: Spark's Murmur3 hash (seed 42) as int.
public func hash(_ cols: Column...) -> Column { Column(functionCall("hash", args: cols.map(\.expr))) }
