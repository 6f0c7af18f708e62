import RivuletCore
import RivuletSQL

/// A column expression, as in PySpark: built from `col`, `lit`, `expr`, operators and functions,
/// resolved when a DataFrame uses it.
///
/// ```swift
/// let adults = try people.filter(col("age") >= 18 && col("city").isin("paris", "berlin"))
/// let named = try people.select((col("age") + 1).alias("next_age"), upper(col("name")))
/// ```
public struct Column: Sendable, CustomStringConvertible {
    /// The expression tree behind the column.
    public let expr: Expression

    public init(_ expr: Expression) { self.expr = expr }

    /// A column by (possibly dotted / qualified) name: `Column("data.user.id")`; `"*"` selects all.
    public init(name: String) {
        if name == "*" {
            expr = .unresolvedStar(qualifier: nil)
        } else if name.hasSuffix(".*") {
            expr = .unresolvedStar(qualifier: Self.splitName(String(name.dropLast(2))))
        } else {
            expr = .unresolvedAttribute(UnresolvedName(Self.splitName(name)))
        }
    }

    static func splitName(_ name: String) -> [String] {
        (try? SQLParser.parseMultipartIdentifier(name)) ?? [name]
    }

    public var description: String { "Column<'\(expr.sql.isEmpty ? String(describing: expr) : expr.sql)'>" }

    // MARK: naming, casting, ordering

    /// Renames the column (`AS`).
    public func alias(_ name: String) -> Column { Column(.alias(expr.unaliased, name: name, exprId: .next())) }
    /// Same as ``alias(_:)``.
    public func `as`(_ name: String) -> Column { alias(name) }
    /// Same as ``alias(_:)`` (PySpark's `name`).
    public func name(_ name: String) -> Column { alias(name) }

    public func cast(_ type: DataType) -> Column { Column(.cast(expr, type)) }
    /// Casts to a type given by name or DDL (`"int"`, `"decimal(10,2)"`, `"array<string>"`); an
    /// unknown type name is reported when the DataFrame is built.
    public func cast(_ typeName: String) -> Column {
        if let t = try? DataType.fromDDL(typeName) { return cast(t) }
        return Column(.unresolvedFunction(name: "cast", arguments: [expr, .literal(.string(typeName), .string)], isDistinct: false, position: nil))
    }
    public func astype(_ type: DataType) -> Column { cast(type) }

    public func asc() -> Column { Column(.sortOrder(expr, .ascending, .nullsFirst)) }
    public func desc() -> Column { Column(.sortOrder(expr, .descending, .nullsLast)) }
    public func asc_nulls_first() -> Column { asc() }
    public func asc_nulls_last() -> Column { Column(.sortOrder(expr, .ascending, .nullsLast)) }
    public func desc_nulls_first() -> Column { Column(.sortOrder(expr, .descending, .nullsFirst)) }
    public func desc_nulls_last() -> Column { desc() }

    // MARK: predicates

    public func isNull() -> Column { Column(.isNull(expr)) }
    public func isNotNull() -> Column { Column(.isNotNull(expr)) }
    public func isin(_ values: any ColumnLiteral...) -> Column { isin(values) }
    public func isin(_ values: [any ColumnLiteral]) -> Column { Column(.inList(expr, values.map { $0.column.expr })) }
    public func like(_ pattern: String) -> Column { Column(.like(expr, .literal(.string(pattern), .string), escape: "\\")) }
    public func ilike(_ pattern: String) -> Column {
        Column(.like(functionCall("lower", expr), functionCall("lower", .literal(.string(pattern), .string)), escape: "\\"))
    }
    public func rlike(_ regex: String) -> Column { Column(.rlike(expr, .literal(.string(regex), .string))) }
    public func between(_ low: any ColumnLiteral, _ high: any ColumnLiteral) -> Column {
        Column(.binary(.and, .binary(.greaterThanOrEqual, expr, low.column.expr), .binary(.lessThanOrEqual, expr, high.column.expr)))
    }
    public func contains(_ other: any ColumnLiteral) -> Column { Column(functionCall("contains", expr, other.column.expr)) }
    public func startswith(_ other: any ColumnLiteral) -> Column { Column(functionCall("startswith", expr, other.column.expr)) }
    public func endswith(_ other: any ColumnLiteral) -> Column { Column(functionCall("endswith", expr, other.column.expr)) }
    public func eqNullSafe(_ other: any ColumnLiteral) -> Column { Column(.binary(.nullSafeEqual, expr, other.column.expr)) }

    // MARK: comparison by method (PySpark / Scala names)

    public func equalTo(_ o: any ColumnLiteral) -> Column { Column(.binary(.equal, expr, o.column.expr)) }
    public func notEqual(_ o: any ColumnLiteral) -> Column { Column(.binary(.notEqual, expr, o.column.expr)) }
    public func gt(_ o: any ColumnLiteral) -> Column { Column(.binary(.greaterThan, expr, o.column.expr)) }
    public func geq(_ o: any ColumnLiteral) -> Column { Column(.binary(.greaterThanOrEqual, expr, o.column.expr)) }
    public func lt(_ o: any ColumnLiteral) -> Column { Column(.binary(.lessThan, expr, o.column.expr)) }
    public func leq(_ o: any ColumnLiteral) -> Column { Column(.binary(.lessThanOrEqual, expr, o.column.expr)) }

    // MARK: nested access

    /// Struct field by name.
    public func getField(_ name: String) -> Column { Column(.unresolvedExtract(expr, .literal(.string(name), .string))) }
    /// Array element (0-based) or map value by key.
    public func getItem(_ key: any ColumnLiteral) -> Column { Column(.unresolvedExtract(expr, key.column.expr)) }
    public subscript(key: any ColumnLiteral) -> Column { getItem(key) }
    /// `substring` with 1-based `start`.
    public func substr(_ start: Int, _ length: Int) -> Column {
        Column(functionCall("substring", expr, .literal(.int(Int32(clamping: start)), .integer), .literal(.int(Int32(clamping: length)), .integer)))
    }

    // MARK: CASE WHEN chains

    /// Adds a branch to a `when(...)` chain.
    public func when(_ condition: Column, _ value: any ColumnLiteral) -> Column {
        guard case .caseWhen(let branches, nil) = expr else {
            return Column(.caseWhen([WhenBranch(condition.expr, value.column.expr)], elseValue: nil))
        }
        return Column(.caseWhen(branches + [WhenBranch(condition.expr, value.column.expr)], elseValue: nil))
    }

    /// Ends a `when(...)` chain with the value for no match.
    public func otherwise(_ value: any ColumnLiteral) -> Column {
        guard case .caseWhen(let branches, _) = expr else { return self }
        return Column(.caseWhen(branches, elseValue: value.column.expr))
    }
}

/// An unresolved call of a built-in function by name.
func functionCall(_ name: String, _ args: Expression..., distinct: Bool = false) -> Expression {
    .unresolvedFunction(name: name, arguments: args, isDistinct: distinct, position: nil)
}

/// Anything usable where a column is expected: a ``Column`` or a Swift literal value.
public protocol ColumnLiteral: Sendable {
    var column: Column { get }
}

extension Column: ColumnLiteral { public var column: Column { self } }
extension Int: ColumnLiteral {
    public var column: Column {
        if let i = Int32(exactly: self) { return Column(.literal(.int(i), .integer)) }
        return Column(.literal(.long(Int64(self)), .long))
    }
}
extension Int32: ColumnLiteral { public var column: Column { Column(.literal(.int(self), .integer)) } }
extension Int64: ColumnLiteral { public var column: Column { Column(.literal(.long(self), .long)) } }
extension Double: ColumnLiteral { public var column: Column { Column(.literal(.double(self), .double)) } }
extension Float: ColumnLiteral { public var column: Column { Column(.literal(.float(self), .float)) } }
extension String: ColumnLiteral { public var column: Column { Column(.literal(.string(self), .string)) } }
extension Bool: ColumnLiteral { public var column: Column { Column(.literal(.boolean(self), .boolean)) } }
extension Value: ColumnLiteral { public var column: Column { Column(literalExpression(self)) } }

/// A literal expression for a boxed value, with the value's natural type.
func literalExpression(_ v: Value) -> Expression {
    switch v {
    case .null: return .literal(.null, .null)
    case .boolean: return .literal(v, .boolean)
    case .byte: return .literal(v, .byte)
    case .short: return .literal(v, .short)
    case .int: return .literal(v, .integer)
    case .long: return .literal(v, .long)
    case .float: return .literal(v, .float)
    case .double: return .literal(v, .double)
    case .decimal(let d):
        let digits = max(1, String(d.unscaled < 0 ? -d.unscaled : d.unscaled).count)
        return .literal(v, .decimal(precision: max(digits, d.scale + 1), scale: d.scale))
    case .string: return .literal(v, .string)
    case .binary: return .literal(v, .binary)
    case .date: return .literal(v, .date)
    case .timestamp: return .literal(v, .timestamp)
    case .dayTimeInterval: return .literal(v, .dayTimeInterval)
    case .yearMonthInterval: return .literal(v, .yearMonthInterval)
    case .array(let items):
        return functionCall("array", args: items.map(literalExpression))
    case .map(let entries):
        return functionCall("map", args: entries.flatMap { [literalExpression($0.key), literalExpression($0.value)] })
    case .struct(let fields):
        return functionCall("struct", args: fields.map(literalExpression))
    }
}

func functionCall(_ name: String, args: [Expression], distinct: Bool = false) -> Expression {
    .unresolvedFunction(name: name, arguments: args, isDistinct: distinct, position: nil)
}
