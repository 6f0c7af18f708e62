import RivuletSQL

/// Operators on columns, as in PySpark (`col("a") + 1`, `col("a") == col("b")`, `&&`, `||`, `!`).
extension Column {
    public static func + (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.add, l.expr, r.column.expr)) }
    public static func - (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.subtract, l.expr, r.column.expr)) }
    public static func * (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.multiply, l.expr, r.column.expr)) }
    public static func / (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.divide, l.expr, r.column.expr)) }
    public static func % (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.remainder, l.expr, r.column.expr)) }
    public static func + (l: any ColumnLiteral, r: Column) -> Column { Column(.binary(.add, l.column.expr, r.expr)) }
    public static func - (l: any ColumnLiteral, r: Column) -> Column { Column(.binary(.subtract, l.column.expr, r.expr)) }
    public static func * (l: any ColumnLiteral, r: Column) -> Column { Column(.binary(.multiply, l.column.expr, r.expr)) }
    public static func / (l: any ColumnLiteral, r: Column) -> Column { Column(.binary(.divide, l.column.expr, r.expr)) }
    public static func + (l: Column, r: Column) -> Column { Column(.binary(.add, l.expr, r.expr)) }
    public static func - (l: Column, r: Column) -> Column { Column(.binary(.subtract, l.expr, r.expr)) }
    public static func * (l: Column, r: Column) -> Column { Column(.binary(.multiply, l.expr, r.expr)) }
    public static func / (l: Column, r: Column) -> Column { Column(.binary(.divide, l.expr, r.expr)) }
    public static func % (l: Column, r: Column) -> Column { Column(.binary(.remainder, l.expr, r.expr)) }
    public static prefix func - (c: Column) -> Column { Column(.unary(.negate, c.expr)) }

    public static func == (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.equal, l.expr, r.column.expr)) }
    public static func != (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.notEqual, l.expr, r.column.expr)) }
    public static func < (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.lessThan, l.expr, r.column.expr)) }
    public static func <= (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.lessThanOrEqual, l.expr, r.column.expr)) }
    public static func > (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.greaterThan, l.expr, r.column.expr)) }
    public static func >= (l: Column, r: any ColumnLiteral) -> Column { Column(.binary(.greaterThanOrEqual, l.expr, r.column.expr)) }
    public static func == (l: Column, r: Column) -> Column { Column(.binary(.equal, l.expr, r.expr)) }
    public static func != (l: Column, r: Column) -> Column { Column(.binary(.notEqual, l.expr, r.expr)) }
    public static func < (l: Column, r: Column) -> Column { Column(.binary(.lessThan, l.expr, r.expr)) }
    public static func <= (l: Column, r: Column) -> Column { Column(.binary(.lessThanOrEqual, l.expr, r.expr)) }
    public static func > (l: Column, r: Column) -> Column { Column(.binary(.greaterThan, l.expr, r.expr)) }
    public static func >= (l: Column, r: Column) -> Column { Column(.binary(.greaterThanOrEqual, l.expr, r.expr)) }

    public static func && (l: Column, r: Column) -> Column { Column(.binary(.and, l.expr, r.expr)) }
    public static func || (l: Column, r: Column) -> Column { Column(.binary(.or, l.expr, r.expr)) }
    public static prefix func ! (c: Column) -> Column { Column(.unary(.not, c.expr)) }

    /// Bitwise operations (PySpark's `bitwiseAND` etc.).
    public func bitwiseAND(_ o: any ColumnLiteral) -> Column { Column(.binary(.bitwiseAnd, expr, o.column.expr)) }
    public func bitwiseOR(_ o: any ColumnLiteral) -> Column { Column(.binary(.bitwiseOr, expr, o.column.expr)) }
    public func bitwiseXOR(_ o: any ColumnLiteral) -> Column { Column(.binary(.bitwiseXor, expr, o.column.expr)) }
}
