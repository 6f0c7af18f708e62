import RivuletCore
@testable import RivuletSQL

/// Compact one-line renderings of parsed trees so parser tests can state expected shapes readably.
/// Literals print as `value:type`, strings quoted; binary operators are fully parenthesised.
enum Render {
    static func expr(_ e: Expression) -> String {
        switch e {
        case .unresolvedAttribute(let n): return n.description
        case .unresolvedStar(let q): return q.map { $0.joined(separator: ".") + ".*" } ?? "*"
        case .star: return "STAR"
        case .unresolvedFunction(let name, let args, let distinct, _):
            return "\(name)(\(distinct ? "DISTINCT " : "")\(list(args)))"
        case .unresolvedExtract(let b, let k): return "\(expr(b))[\(expr(k))]"
        case .literal(let v, let t):
            switch v {
            case .string(let s): return "'\(s)'"
            case .null: return "NULL"
            case .binary(let b): return "X'\(b.map { SparkFormat.hexByte($0) }.joined())':binary"
            default: return "\(v):\(t.simpleString)"
            }
        case .alias(let e, let name, _): return "\(expr(e)) AS \(name)"
        case .cast(let e, let t): return "cast(\(expr(e)) AS \(t.simpleString))"
        case .unary(let op, let e):
            switch op {
            case .not: return "(NOT \(expr(e)))"
            default: return "(\(op.rawValue)\(expr(e)))"
            }
        case .binary(let op, let a, let b): return "(\(expr(a)) \(op.rawValue) \(expr(b)))"
        case .isNull(let e): return "(\(expr(e)) IS NULL)"
        case .isNotNull(let e): return "(\(expr(e)) IS NOT NULL)"
        case .inList(let e, let l): return "(\(expr(e)) IN (\(list(l))))"
        case .like(let a, let b, let esc):
            return "(\(expr(a)) LIKE \(expr(b))\(esc == "\\" ? "" : " ESCAPE '\(esc)'"))"
        case .rlike(let a, let b): return "(\(expr(a)) RLIKE \(expr(b)))"
        case .caseWhen(let branches, let elseValue):
            let w = branches.map { "WHEN \(expr($0.condition)) THEN \(expr($0.value))" }.joined(separator: " ")
            return "CASE \(w)\(elseValue.map { " ELSE \(expr($0))" } ?? "") END"
        case .sortOrder(let e, let d, let n): return "\(expr(e)) \(d.rawValue) \(n.rawValue)"
        case .multiAlias(let e, let names): return "\(expr(e)) AS (\(names.joined(separator: ", ")))"
        case .scalarSubquery(let s): return "Scalar(\(plan(s.plan)))"
        case .exists(let s): return "Exists(\(plan(s.plan)))"
        case .inSubquery(let e, let s): return "(\(expr(e)) IN Query(\(plan(s.plan))))"
        default: return String(describing: e)
        }
    }

    static func list(_ es: [Expression]) -> String { es.map(expr).joined(separator: ", ") }

    static func plan(_ p: LogicalPlan) -> String {
        switch p {
        case .unresolvedRelation(let n): return "Relation(\(n))"
        case .oneRow: return "OneRow"
        case .unresolvedInlineTable(let rows, let names):
            return "Values[\(rows.map { "(" + list($0) + ")" }.joined(separator: ", "))](\(names.joined(separator: ", ")))"
        case .range(let r): return "Range[\(r.start), \(r.end), \(r.step)\(r.numPartitions.map { ", \($0)" } ?? "")]"
        case .project(let es, let c): return "Project[\(list(es))](\(plan(c)))"
        case .filter(let e, let c): return "Filter[\(expr(e))](\(plan(c)))"
        case .unresolvedHaving(let e, let c): return "Having[\(expr(e))](\(plan(c)))"
        case .aggregate(let g, let a, let c): return "Aggregate[\(list(g)); \(list(a))](\(plan(c)))"
        case .sort(let o, let global, let c): return "\(global ? "Sort" : "LocalSort")[\(list(o))](\(plan(c)))"
        case .limit(let n, let c): return "Limit[\(n)](\(plan(c)))"
        case .offset(let n, let c): return "Offset[\(n)](\(plan(c)))"
        case .distinct(let c): return "Distinct(\(plan(c)))"
        case .subqueryAlias(let a, let c): return "Alias[\(a)](\(plan(c)))"
        case .renameColumns(let names, let c): return "Rename[\(names.joined(separator: ", "))](\(plan(c)))"
        case .with(let ctes, let c):
            return "With[\(ctes.map { "\($0.name)=\(plan($0.plan))" }.joined(separator: ", "))](\(plan(c)))"
        case .join(let j):
            var spec = j.joinType.displayName
            if let c = j.condition { spec += ", \(expr(c))" }
            if let u = j.usingColumns { spec += ", using(\(u.joined(separator: ", ")))" }
            return "Join[\(spec)](\(plan(j.left)), \(plan(j.right)))"
        case .union(let cs, _, _): return "Union(\(cs.map(plan).joined(separator: ", ")))"
        case .intersect(let a, let b, let all): return "Intersect\(all ? "All" : "")(\(plan(a)), \(plan(b)))"
        case .except(let a, let b, let all): return "Except\(all ? "All" : "")(\(plan(a)), \(plan(b)))"
        default: return String(describing: p)
        }
    }

    /// Parses an expression and renders it; parse errors render as `ERROR: message`.
    static func parse(_ text: String) -> String {
        do { return expr(try SQLParser.parseExpression(text)) } catch { return "ERROR: \(error.message)" }
    }

    /// Parses a query and renders it; parse errors render as `ERROR: message`.
    static func query(_ text: String) -> String {
        do { return plan(try SQLParser.parseQuery(text)) } catch { return "ERROR: \(error.message)" }
    }

    /// The error a parse throws, or nil.
    static func queryError(_ text: String) -> RivuletError? {
        do { _ = try SQLParser.parseQuery(text); return nil } catch { return error }
    }

    static func expressionError(_ text: String) -> RivuletError? {
        do { _ = try SQLParser.parseExpression(text); return nil } catch { return error }
    }
}
