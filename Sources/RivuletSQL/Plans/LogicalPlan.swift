import RivuletCore

/// Join types with Spark's names (`"inner"`, `"left_outer"`, `"left_semi"`, ...).
public enum JoinType: String, Sendable, Hashable, CaseIterable {
    case inner, leftOuter = "left_outer", rightOuter = "right_outer", fullOuter = "full_outer"
    case leftSemi = "left_semi", leftAnti = "left_anti", cross

    /// Parses Spark's join type strings: inner, cross, outer, full, fullouter, full_outer, left,
    /// leftouter, left_outer, right, rightouter, right_outer, semi, leftsemi, left_semi, anti,
    /// leftanti, left_anti.
    public init?(sparkName: String) {
        switch sparkName.lowercased().replacingUnderscores() {
        case "inner": self = .inner
        case "cross": self = .cross
        case "outer", "full", "fullouter": self = .fullOuter
        case "left", "leftouter": self = .leftOuter
        case "right", "rightouter": self = .rightOuter
        case "semi", "leftsemi": self = .leftSemi
        case "anti", "leftanti": self = .leftAnti
        default: return nil
        }
    }

    /// Spark's display name in plans: `Inner`, `LeftOuter`, ...
    public var displayName: String {
        switch self {
        case .inner: return "Inner"
        case .leftOuter: return "LeftOuter"
        case .rightOuter: return "RightOuter"
        case .fullOuter: return "FullOuter"
        case .leftSemi: return "LeftSemi"
        case .leftAnti: return "LeftAnti"
        case .cross: return "Cross"
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { filter { $0 != "_" } }
}

/// Rows held in memory (`createDataFrame`, collected results).
public struct LocalRelation: Sendable {
    public var output: [AttributeReference]
    public var batches: [RecordBatch]
    public init(output: [AttributeReference], batches: [RecordBatch]) { self.output = output; self.batches = batches }
}

/// `spark.range(start, end, step, numPartitions)`: one `id: bigint` column.
public struct RangeRelation: Sendable {
    public var start: Int64, end: Int64, step: Int64
    public var numPartitions: Int?
    public var output: AttributeReference
    public init(start: Int64, end: Int64, step: Int64, numPartitions: Int?, output: AttributeReference = AttributeReference(name: "id", dataType: .long, nullable: false)) {
        self.start = start; self.end = end; self.step = step; self.numPartitions = numPartitions; self.output = output
    }
}

/// A relation read through a connector's ``ScanSource``.
public struct ScanRelation: Sendable {
    public var source: any ScanSource
    /// One attribute per field of `source.schema`, or the pruned subset after projection pruning.
    public var output: [AttributeReference]
    /// Indices into `source.schema` of `output` (ascending), set by projection pruning.
    public var requiredColumns: [Int]?
    public init(source: any ScanSource, output: [AttributeReference], requiredColumns: [Int]? = nil) {
        self.source = source; self.output = output; self.requiredColumns = requiredColumns
    }
    /// A scan producing every column of `source`.
    public init(source: any ScanSource) {
        self.init(source: source, output: source.schema.fields.map { AttributeReference(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) })
    }
}

/// Applies a generator (`explode`, ...) to each row of the child.
public struct GenerateNode: Sendable {
    public var generator: GeneratorCall
    /// Child columns kept beside the generated ones (projection pruning may shrink this).
    public var requiredChildOutput: [AttributeReference]
    /// Attributes for the generated columns (one per `generator.elementSchema` field).
    public var generatorOutput: [AttributeReference]
    public var child: LogicalPlan
    public init(generator: GeneratorCall, requiredChildOutput: [AttributeReference], generatorOutput: [AttributeReference], child: LogicalPlan) {
        self.generator = generator; self.requiredChildOutput = requiredChildOutput
        self.generatorOutput = generatorOutput; self.child = child
    }
}

/// A join; `usingColumns` (from `JOIN ... USING` / `df.join(other, ["k"])`) is turned into an
/// equality condition plus a projection by the analyzer.
public struct JoinNode: Sendable {
    public var left: LogicalPlan
    public var right: LogicalPlan
    public var joinType: JoinType
    public var condition: Expression?
    public var usingColumns: [String]?
    /// `NATURAL JOIN`: the analyzer turns it into a USING join on every column name both sides have.
    public var natural = false
    public init(left: LogicalPlan, right: LogicalPlan, joinType: JoinType, condition: Expression?, usingColumns: [String]? = nil) {
        self.left = left; self.right = right; self.joinType = joinType; self.condition = condition; self.usingColumns = usingColumns
    }
}

/// One `WITH name AS (query)` definition.
public struct CTEDefinition: Sendable {
    public var name: String
    public var plan: LogicalPlan
    public init(name: String, plan: LogicalPlan) { self.name = name; self.plan = plan }
}

/// A logical query plan, unresolved (as parsed or built by the DataFrame API) or resolved.
///
/// Node names follow Spark's logical operators so that a Spark Connect backend can translate them
/// one to one.
public indirect enum LogicalPlan: Sendable {
    // MARK: leaves
    case unresolvedRelation(UnresolvedName)
    case localRelation(LocalRelation)
    case range(RangeRelation)
    case scan(ScanRelation)
    /// `SELECT` without `FROM`: one row, no columns.
    case oneRow
    /// `VALUES (1, 'a'), (2, 'b') [AS t(c1, c2)]` before analysis (rows of constant expressions;
    /// `columnNames` empty means Spark's defaults `col1`, `col2`, ...).
    case unresolvedInlineTable(rows: [[Expression]], columnNames: [String])

    // MARK: unary
    case project([Expression], LogicalPlan)
    case filter(Expression, LogicalPlan)
    /// `HAVING condition` over an aggregate, before analysis (may reference aggregate functions
    /// that are not in the select list).
    case unresolvedHaving(Expression, LogicalPlan)
    /// `groupings` are the GROUP BY expressions; `aggregates` the output list (may reference groupings).
    case aggregate(groupings: [Expression], aggregates: [Expression], LogicalPlan)
    case generate(GenerateNode)
    case sort([Expression], global: Bool, LogicalPlan)
    case limit(Int, LogicalPlan)
    case offset(Int, LogicalPlan)
    case distinct(LogicalPlan)
    /// `dropDuplicates(keys)`: first row per key. Empty `keys` means all columns.
    case deduplicate(keys: [Expression], LogicalPlan)
    case subqueryAlias(String, LogicalPlan)
    /// Renames output columns positionally (`toDF(...)`, `AS t(a, b)`).
    case renameColumns([String], LogicalPlan)
    case with([CTEDefinition], LogicalPlan)

    // MARK: binary / n-ary
    case join(JoinNode)
    /// `UNION ALL` semantics; `UNION` (distinct) is `distinct(union(...))`.
    case union([LogicalPlan], byName: Bool, allowMissingColumns: Bool)
    /// `INTERSECT` / `EXCEPT` (distinct unless `all`).
    case intersect(LogicalPlan, LogicalPlan, all: Bool)
    case except(LogicalPlan, LogicalPlan, all: Bool)
}
