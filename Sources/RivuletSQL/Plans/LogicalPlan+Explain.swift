import RivuletCore

/// Spark's plan tree format (`explain(true)` sections): one node per line, children under
/// `+- ` (last child) / `:- ` (others), with `:  ` / `   ` continuing the ancestors' branches, and
/// a `'` before nodes that are not resolved yet.
extension LogicalPlan {
    /// The plan as Spark prints it:
    ///
    /// ```
    /// Project [word#12]
    /// +- Filter (a#1 > 1)
    ///    +- Relation [value#0] text
    /// ```
    /// `verbose` is accepted for API parity; both forms print the same node strings.
    public func treeString(verbose: Bool = true) -> String {
        var lines: [String] = []
        appendTree(to: &lines, lastChildren: [])
        return lines.joined(separator: "\n") + "\n"
    }

    /// Spark's `simpleString` of this node alone (without the `'` prefix).
    public var nodeString: String {
        func list(_ es: [Expression]) -> String { "[" + es.map(\.explainString).joined(separator: ", ") + "]" }
        func attrs(_ a: [AttributeReference]) -> String { list(a.map { .attribute($0) }) }
        switch self {
        case .unresolvedRelation(let n): return "UnresolvedRelation [\(n.parts.joined(separator: ", "))], [], false"
        case .localRelation(let r):
            let empty = r.batches.allSatisfy { $0.numRows == 0 }
            return "LocalRelation " + (empty ? "<empty>, " : "") + attrs(r.output)
        case .range(let r):
            return "Range (\(r.start), \(r.end), step=\(r.step)" + (r.numPartitions.map { ", splits=Some(\($0))" } ?? "") + ")"
        case .scan(let s): return "Relation \(attrs(s.output)) \(s.source.formatName)"
        case .oneRow: return "OneRowRelation"
        case .unresolvedInlineTable(let rows, let names):
            let cols = names.isEmpty ? (0..<(rows.first?.count ?? 0)).map { "col\($0 + 1)" } : names
            return "UnresolvedInlineTable [\(cols.joined(separator: ", "))], ["
                + rows.map { list($0) }.joined(separator: ", ") + "]"
        case .project(let e, _): return "Project " + list(e)
        case .filter(let c, _): return "Filter " + c.explainString
        case .unresolvedHaving(let c, _): return "UnresolvedHaving " + c.explainString
        case .aggregate(let g, let a, _): return "Aggregate \(list(g)), \(list(a))"
        case .generate(let g):
            let childOut = g.child.output
            let kept = Set(g.requiredChildOutput.map(\.exprId))
            let unrequired = childOut.indices.filter { !kept.contains(childOut[$0].exprId) }
            var s = "Generate " + Expression.generator(g.generator).explainString
            if !unrequired.isEmpty { s += ", [" + unrequired.map(String.init).joined(separator: ", ") + "]" }
            return s + ", \(g.generator.outer), " + attrs(g.generatorOutput)
        case .sort(let o, let global, _): return "Sort \(list(o)), \(global)"
        case .limit(let n, _): return "GlobalLimit \(n)"
        case .offset(let n, _): return "Offset \(n)"
        case .distinct: return "Distinct"
        case .deduplicate(let k, _): return "Deduplicate " + list(k)
        case .subqueryAlias(let n, _): return "SubqueryAlias \(n)"
        case .renameColumns(let n, _): return "RenameColumns [\(n.joined(separator: ", "))]"
        case .with(let ctes, _): return "CTE [\(ctes.map(\.name).joined(separator: ", "))]"
        case .join(let j):
            if let using = j.usingColumns {
                return "Join UsingJoin(\(j.joinType.displayName), [\(using.joined(separator: ", "))])"
            }
            return "Join \(j.joinType.displayName)" + (j.condition.map { ", " + $0.explainString } ?? "")
        case .union(_, let byName, let allow): return "Union \(byName), \(allow)"
        case .intersect(_, _, let all): return "Intersect \(all)"
        case .except(_, _, let all): return "Except \(all)"
        }
    }

    private func appendTree(to lines: inout [String], lastChildren: [Bool]) {
        var prefix = ""
        if let last = lastChildren.last {
            for l in lastChildren.dropLast() { prefix += l ? "   " : ":  " }
            prefix += last ? "+- " : ":- "
        }
        let mark = isResolved ? "" : "'"
        lines.append(prefix + mark + nodeString)
        // Spark prints a logical limit as GlobalLimit over LocalLimit.
        if case .limit(let n, let child) = self {
            let inner = lastChildren + [true]
            var p = ""
            for l in inner.dropLast() { p += l ? "   " : ":  " }
            lines.append(p + "+- " + mark + "LocalLimit \(n)")
            child.appendTree(to: &lines, lastChildren: inner + [true])
            return
        }
        let kids: [LogicalPlan]
        var inner: [LogicalPlan] = []
        if case .with(let ctes, let child) = self {
            // CTE definitions print as inner children, like Spark's `CTE [c]` node.
            inner = ctes.map { LogicalPlan.subqueryAlias($0.name, $0.plan) }
            kids = [child]
        } else {
            kids = children
        }
        for (i, p) in inner.enumerated() {
            p.appendTree(to: &lines, lastChildren: lastChildren + [kids.isEmpty, i == inner.count - 1])
        }
        for (i, c) in kids.enumerated() {
            c.appendTree(to: &lines, lastChildren: lastChildren + [i == kids.count - 1])
        }
    }
}
