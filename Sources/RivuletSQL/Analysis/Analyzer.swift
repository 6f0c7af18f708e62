import RivuletCore

/// Turns an unresolved ``LogicalPlan`` (from the SQL parser or the DataFrame API) into a fully
/// resolved, type-checked one, following Spark's analyzer semantics.
///
/// Resolution is a single bottom-up pass: every node's children are resolved first, then the
/// node's own expressions are resolved against the children's output, coerced to Spark's ANSI
/// types and reshaped (aggregates, generators, hidden sort/having columns). The rules live in one
/// file each (`ResolveRelations.swift`, `ResolveReferences.swift`, ...); ``CheckAnalysis`` runs last.
///
/// ```swift
/// let analyzer = Analyzer(catalog: myCatalog)
/// let plan = try analyzer.analyze(.project([.column("word")], .unresolvedRelation(UnresolvedName(["words"]))))
/// print(plan.treeString())
/// ```
public struct Analyzer: Sendable {
    /// Tables and temporary views.
    public let catalog: any Catalog
    /// Functions callable by name.
    public let functions: FunctionRegistry
    /// Spark's `spark.sql.caseSensitive` (false by default).
    public let caseSensitive: Bool
    /// Columns of the queries enclosing the subquery being resolved, innermost first: names not
    /// found locally resolve to outer references into these.
    var outerScopes: [[AttributeReference]] = []
    /// The CTEs in scope at the node being resolved (subqueries in its expressions see them).
    var visibleCTEs: [String: LogicalPlan] = [:]

    /// Creates an analyzer over `catalog` and `functions`.
    public init(catalog: any Catalog, functions: FunctionRegistry = .builtin, caseSensitive: Bool = false) {
        self.catalog = catalog
        self.functions = functions
        self.caseSensitive = caseSensitive
    }

    /// Resolves and checks `plan`; throws an analysis error naming the first problem found.
    public func analyze(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let resolved = try resolvePlan(plan, ctes: [:])
        try checkAnalysis(resolved)
        return resolved
    }

    /// Resolves a standalone expression against a resolved plan's output (used by
    /// `DataFrame.select/filter/withColumn`). Operators are coerced; no alias is added (see
    /// ``resolveNamedExpression(_:against:)`` for Spark's auto-generated column name).
    public func resolveExpression(_ e: Expression, against plan: LogicalPlan) throws(RivuletError) -> Expression {
        try resolveExpr(e, scopes: [plan.output]).expr
    }

    /// Like ``resolveExpression(_:against:)`` but returns a named expression: an attribute, the
    /// user's alias, or an alias carrying the name Spark would give the column (`(a + 1)`,
    /// `count(1)`), computed from the user's expression so that implicit casts stay hidden.
    public func resolveNamedExpression(_ e: Expression, against plan: LogicalPlan) throws(RivuletError) -> Expression {
        try resolveNamed(e, scopes: [plan.output])
    }

    /// Whether two identifiers denote the same name under the case-sensitivity setting.
    func same(_ a: String, _ b: String) -> Bool {
        caseSensitive ? a == b : a.lowercased() == b.lowercased()
    }

    /// Resolves `plan` bottom-up; `ctes` maps lower-case CTE names to their resolved plans.
    func resolvePlan(_ plan: LogicalPlan, ctes: [String: LogicalPlan]) throws(RivuletError) -> LogicalPlan {
        switch plan {
        case .unresolvedRelation(let name):
            return try resolveRelation(name, ctes: ctes)
        case .with(let defs, let child):
            var scope = ctes
            for d in defs {
                let p = try resolvePlan(d.plan, ctes: scope)
                scope[d.name.lowercased()] = p
            }
            return try resolvePlan(child, ctes: scope)
        case .unresolvedInlineTable(let rows, let names):
            return try resolveInlineTable(rows: rows, columnNames: names)
        case .localRelation, .range, .scan, .oneRow:
            return plan
        default:
            var kids: [LogicalPlan] = []
            for c in plan.children { kids.append(try resolvePlan(c, ctes: ctes)) }
            if ctes.isEmpty && visibleCTEs.isEmpty { return try resolveNode(plan.withNewChildren(kids)) }
            var scoped = self
            scoped.visibleCTEs = ctes
            return try scoped.resolveNode(plan.withNewChildren(kids))
        }
    }

    /// Resolves one node whose children are already resolved.
    func resolveNode(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        switch plan {
        case .project(let list, let child): return try resolveProject(list, child)
        case .filter(let cond, let child): return try resolveFilter(cond, child)
        case .unresolvedHaving(let cond, let child): return try resolveHaving(cond, child)
        case .aggregate(let g, let a, let child): return try resolveAggregate(groupings: g, aggregates: a, child)
        case .generate(var g):
            let r = try resolveExpr(.generator(g.generator), scopes: [g.child.output]).expr
            if case .generator(let call) = r { g.generator = call }
            return .generate(g)
        case .sort(let orders, let global, let child): return try resolveSort(orders, global: global, child)
        case .deduplicate(let keys, let child): return try resolveDeduplicate(keys, child)
        case .renameColumns(let names, let child): return try resolveRenameColumns(names, child)
        case .join(let j): return try resolveJoin(j)
        case .union(let cs, let byName, let allowMissing):
            return try resolveUnion(cs, byName: byName, allowMissingColumns: allowMissing)
        case .intersect(let a, let b, let all):
            let (l, r) = try resolveSetOperation(a, b, name: "INTERSECT")
            return .intersect(l, r, all: all)
        case .except(let a, let b, let all):
            let (l, r) = try resolveSetOperation(a, b, name: "EXCEPT")
            return .except(l, r, all: all)
        default:
            return plan
        }
    }
}
