import RivuletCore
import Synchronization

/// A unique id for an expression's output, like Spark's `ExprId`: two attributes with the same name
/// (e.g. both sides of a self-join) are told apart by it.
public struct ExprId: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let id: Int
    public init(_ id: Int) { self.id = id }
    private static let counter = Atomic<Int>(0)
    /// A fresh, process-wide unique id.
    public static func next() -> ExprId { ExprId(counter.add(1, ordering: .relaxed).newValue) }
    public static func < (a: ExprId, b: ExprId) -> Bool { a.id < b.id }
    public var description: String { "#\(id)" }
}

/// A resolved column: what a plan node outputs and what expressions above it refer to.
public struct AttributeReference: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var dataType: DataType
    public var nullable: Bool
    public var exprId: ExprId
    /// Relation alias path (`t` in `t.col`), used only for name resolution.
    public var qualifier: [String]

    public init(name: String, dataType: DataType, nullable: Bool = true, exprId: ExprId = .next(), qualifier: [String] = []) {
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.exprId = exprId
        self.qualifier = qualifier
    }

    public var field: StructField { StructField(name, dataType, nullable: nullable) }
    /// `name#id`, as Spark's extended explain prints it.
    public var description: String { "\(name)#\(exprId.id)" }
    public func withQualifier(_ q: [String]) -> AttributeReference { var a = self; a.qualifier = q; return a }
    public func withNullability(_ n: Bool) -> AttributeReference { var a = self; a.nullable = n; return a }
    public func newInstance() -> AttributeReference { var a = self; a.exprId = .next(); return a }
}

/// A (possibly qualified / nested) name as written: `word`, `t.word`, `data.user.id`.
/// Equality ignores the source position.
public struct UnresolvedName: Sendable, Hashable, CustomStringConvertible {
    public var parts: [String]
    public var position: SourcePosition?
    public init(_ parts: [String], position: SourcePosition? = nil) { self.parts = parts; self.position = position }
    public static func == (a: UnresolvedName, b: UnresolvedName) -> Bool { a.parts == b.parts }
    public func hash(into h: inout Hasher) { h.combine(parts) }
    public var description: String { parts.map(quoteIdentifierIfNeeded).joined(separator: ".") }
}

/// One `WHEN condition THEN value` branch.
public struct WhenBranch: Sendable, Hashable {
    public var condition: Expression
    public var value: Expression
    public init(_ condition: Expression, _ value: Expression) { self.condition = condition; self.value = value }
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-", not = "NOT", bitwiseNot = "~", positive = "+"
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", integralDivide = "div"
    case equal = "=", nullSafeEqual = "<=>", notEqual = "!=", lessThan = "<", lessThanOrEqual = "<="
    case greaterThan = ">", greaterThanOrEqual = ">="
    case and = "AND", or = "OR"
    case bitwiseAnd = "&", bitwiseOr = "|", bitwiseXor = "^"
    /// `a || b` string concatenation.
    case concat = "||"

    public var isComparison: Bool {
        switch self {
        case .equal, .nullSafeEqual, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual: return true
        default: return false
        }
    }
    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder, .integralDivide: return true
        default: return false
        }
    }
}

public enum SortDirection: String, Sendable, Hashable { case ascending = "ASC", descending = "DESC" }
public enum NullOrdering: String, Sendable, Hashable { case nullsFirst = "NULLS FIRST", nullsLast = "NULLS LAST" }

/// A resolved call of a scalar function from the ``FunctionRegistry``, arguments already coerced.
public struct ScalarFunctionCall: Sendable, Hashable {
    /// Lower-case Spark name (`split`, `regexp_replace`, ...).
    public var name: String
    public var arguments: [Expression]
    public var dataType: DataType
    public var nullable: Bool
    /// False for `rand`, `current_timestamp`-like functions: never constant-folded.
    public var deterministic: Bool
    public init(name: String, arguments: [Expression], dataType: DataType, nullable: Bool = true, deterministic: Bool = true) {
        self.name = name; self.arguments = arguments; self.dataType = dataType
        self.nullable = nullable; self.deterministic = deterministic
    }
}

/// A resolved aggregate function call (`count`, `sum`, `collect_list`, ...).
public struct AggregateCall: Sendable, Hashable {
    public var name: String
    public var arguments: [Expression]
    public var isDistinct: Bool
    public var dataType: DataType
    public var nullable: Bool
    /// `ignoreNulls` for first/last.
    public var ignoreNulls: Bool
    public init(name: String, arguments: [Expression], isDistinct: Bool = false, dataType: DataType, nullable: Bool = true, ignoreNulls: Bool = false) {
        self.name = name; self.arguments = arguments; self.isDistinct = isDistinct
        self.dataType = dataType; self.nullable = nullable; self.ignoreNulls = ignoreNulls
    }
}

/// A resolved table-generating function (`explode`, `explode_outer`, `posexplode`, ...).
public struct GeneratorCall: Sendable, Hashable {
    public var name: String
    public var arguments: [Expression]
    /// Emit one all-null row for an empty or null input (the `_outer` variants).
    public var outer: Bool
    /// The columns each generated row has (`col`; `pos, col`; `key, value`).
    public var elementSchema: [StructField]
    public init(name: String, arguments: [Expression], outer: Bool, elementSchema: [StructField]) {
        self.name = name; self.arguments = arguments; self.outer = outer; self.elementSchema = elementSchema
    }
}

/// A subquery used as an expression: `(SELECT max(x) FROM t)`, `EXISTS (...)`, `x IN (SELECT ...)`.
///
/// Two subquery expressions are equal when they have the same ``exprId`` and outer references
/// (plans are not comparable); analysis and optimization keep the id while rewriting the plan.
public struct SubqueryExpression: Sendable, Hashable {
    /// The query; after analysis it is resolved and refers to the enclosing query's columns only
    /// through ``Expression/outerReference(_:)``.
    public var plan: LogicalPlan
    /// Identifies this subquery (and names it in explain output).
    public var exprId: ExprId
    /// The enclosing query's attributes the plan refers to (empty: uncorrelated).
    public var outerReferences: [AttributeReference]

    public init(plan: LogicalPlan, exprId: ExprId = .next(), outerReferences: [AttributeReference] = []) {
        self.plan = plan; self.exprId = exprId; self.outerReferences = outerReferences
    }

    public static func == (a: SubqueryExpression, b: SubqueryExpression) -> Bool {
        a.exprId == b.exprId && a.outerReferences == b.outerReferences
    }

    public func hash(into h: inout Hasher) { h.combine(exprId) }

    /// True when the plan reads columns of the enclosing query.
    public var isCorrelated: Bool { !outerReferences.isEmpty }
}

/// A SQL expression tree, unresolved (as parsed or built by the Column API) or resolved (after analysis).
///
/// ```swift
/// // col("v") * 2 > 10
/// let e: Expression = .binary(.greaterThan,
///     .binary(.multiply, .unresolvedAttribute(UnresolvedName(["v"])), .literal(.int(2), .integer)),
///     .literal(.int(10), .integer))
/// ```
public indirect enum Expression: Sendable, Hashable {
    // MARK: unresolved forms (parser and Column API output)
    case unresolvedAttribute(UnresolvedName)
    /// `*` or `t.*`.
    case unresolvedStar(qualifier: [String]?)
    case unresolvedFunction(name: String, arguments: [Expression], isDistinct: Bool, position: SourcePosition?)
    /// `a[0]`, `m['k']`, `s['field']`: resolved to ``getArrayItem``, ``getMapValue`` or ``getStructField``.
    case unresolvedExtract(Expression, Expression)
    /// A `*` argument (as in `count(*)`).
    case star

    // MARK: resolved (and literal) forms
    case literal(Value, DataType)
    case attribute(AttributeReference)
    /// Named output; `exprId` becomes the exprId of the resulting attribute.
    case alias(Expression, name: String, exprId: ExprId)
    /// `generator(...) AS (a, b)`: one name per column the generator produces.
    case multiAlias(Expression, names: [String])
    case cast(Expression, DataType)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case isNull(Expression)
    case isNotNull(Expression)
    /// `value IN (list...)` (negation is `NOT (...)`).
    case inList(Expression, [Expression])
    /// `value LIKE pattern [ESCAPE c]`.
    case like(Expression, Expression, escape: Character)
    /// `value RLIKE regex`.
    case rlike(Expression, Expression)
    case caseWhen([WhenBranch], elseValue: Expression?)
    case getStructField(Expression, ordinal: Int, name: String)
    /// 0-based array subscript (`arr[0]`).
    case getArrayItem(Expression, Expression)
    case getMapValue(Expression, Expression)
    case scalarFunction(ScalarFunctionCall)
    case aggregateFunction(AggregateCall)
    case generator(GeneratorCall)
    case sortOrder(Expression, SortDirection, NullOrdering)

    // MARK: subqueries
    /// `(SELECT one_value ...)`: null when the query returns no row, an error for more than one.
    case scalarSubquery(SubqueryExpression)
    /// `EXISTS (query)`.
    case exists(SubqueryExpression)
    /// `value IN (query)` (negation is `NOT (...)`, with SQL's null semantics).
    case inSubquery(Expression, SubqueryExpression)
    /// A column of an enclosing query, referenced from inside a subquery's plan.
    case outerReference(AttributeReference)

    /// Shorthand for an unresolved column reference by dotted parts.
    public static func column(_ parts: String...) -> Expression { .unresolvedAttribute(UnresolvedName(parts)) }
}
