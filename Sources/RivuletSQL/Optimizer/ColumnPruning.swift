import RivuletCore

/// Reads only the columns a query needs: walks down with the set of attribute ids the parent
/// requires, drops unused Project / Aggregate items below the root, shrinks
/// `GenerateNode.requiredChildOutput`, and prunes scans (`ScanRelation.requiredColumns` and
/// `output`) and local relations. Distinct, Deduplicate and set operations need all their
/// children's columns.
public struct ColumnPruning: OptimizerRule {
    public init() {}
    public var name: String { "ColumnPruning" }

    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        Self.prune(plan, required: plan.outputIds)
    }

    static func prune(_ plan: LogicalPlan, required: Set<ExprId>) -> LogicalPlan {
        switch plan {
        case .project(let list, let c):
            let kept = list.filter { $0.toAttribute.map { required.contains($0.exprId) } ?? true }
            return .project(kept, prune(c, required: refs(kept)))
        case .aggregate(let g, let a, let c):
            var kept = a.filter { $0.toAttribute.map { required.contains($0.exprId) } ?? true }
            // A global aggregate still yields one row: keep one item so it stays well-formed.
            if kept.isEmpty, let first = a.first { kept = [first] }
            return .aggregate(groupings: g, aggregates: kept, prune(c, required: refs(g).union(refs(kept))))
        case .filter(let cond, let c):
            return .filter(cond, prune(c, required: required.union(cond.referenceIds)))
        case .sort(let o, let global, let c):
            return .sort(o, global: global, prune(c, required: required.union(refs(o))))
        case .limit(let n, let c): return .limit(n, prune(c, required: required))
        case .offset(let n, let c): return .offset(n, prune(c, required: required))
        case .subqueryAlias(let n, let c): return .subqueryAlias(n, prune(c, required: required))
        case .generate(var g):
            g.requiredChildOutput = g.requiredChildOutput.filter { required.contains($0.exprId) }
            let need = Set(g.requiredChildOutput.map(\.exprId)).union(Expression.generator(g.generator).referenceIds)
            g.child = prune(g.child, required: need)
            return .generate(g)
        case .join(var j):
            let all = required.union(j.condition?.referenceIds ?? [])
            j.left = prune(j.left, required: all.intersection(j.left.outputIds))
            j.right = prune(j.right, required: all.intersection(j.right.outputIds))
            return .join(j)
        case .distinct, .deduplicate, .union, .intersect, .except:
            return plan.withNewChildren(plan.children.map { prune($0, required: $0.outputIds) })
        case .scan(var s):
            let keep = s.output.indices.filter { required.contains(s.output[$0].exprId) }
            if keep.count == s.output.count { return plan }
            let base = s.requiredColumns ?? Array(s.source.schema.fields.indices)
            s.requiredColumns = keep.map { base[$0] }
            s.output = keep.map { s.output[$0] }
            return .scan(s)
        case .localRelation(var r):
            let keep = r.output.indices.filter { required.contains(r.output[$0].exprId) }
            if keep.count == r.output.count { return plan }
            r.output = keep.map { r.output[$0] }
            r.batches = r.batches.map { $0.project(keep) }
            return .localRelation(r)
        default:
            return plan.withNewChildren(plan.children.map { prune($0, required: $0.outputIds) })
        }
    }

    private static func refs(_ es: [Expression]) -> Set<ExprId> {
        var s = Set<ExprId>()
        for e in es { s.formUnion(e.referenceIds) }
        return s
    }
}
