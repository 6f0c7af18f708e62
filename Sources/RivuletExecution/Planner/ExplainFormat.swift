import RivuletCore
import RivuletSQL

/// Renders expressions the way Spark's physical plans print them: `word#3`, `id#0L`,
/// `(id#0L + 1)`, `count(1)`, `explode(split(value#0,  , -1))`.
enum ExplainFormat {
    static func attribute(_ a: AttributeReference) -> String {
        "\(a.name)#\(a.exprId.id)" + (a.dataType == .long ? "L" : "")
    }

    static func list(_ es: [Expression]) -> String { "[" + es.map(expr).joined(separator: ", ") + "]" }
    static func attrs(_ as_: [AttributeReference]) -> String { "[" + as_.map(attribute).joined(separator: ", ") + "]" }

    static func literal(_ v: Value, _ t: DataType) -> String {
        switch v {
        case .null: return "null"
        case .string(let s): return s
        default: return v.sparkString()
        }
    }

    static func expr(_ e: Expression) -> String {
        switch e {
        case .literal(let v, let t): return literal(v, t)
        case .attribute(let a): return attribute(a)
        case .alias(let x, let name, let id): return "\(expr(x)) AS \(name)#\(id.id)" + (x.dataType == .long ? "L" : "")
        case .cast(let x, let t): return "cast(\(expr(x)) as \(t.simpleString))"
        case .multiAlias(let x, let names): return "\(expr(x)) AS (\(names.joined(separator: ", ")))"
        case .scalarSubquery, .exists, .outerReference: return e.explainString
        case .inSubquery(let x, let s): return "\(expr(x)) IN (list\(s.exprId))"
        case .unary(.not, let x): return "NOT \(expr(x))"
        case .unary(.negate, let x): return "-\(expr(x))"
        case .unary(.bitwiseNot, let x): return "~\(expr(x))"
        case .unary(.positive, let x): return "+\(expr(x))"
        case .binary(let op, let l, let r): return "(\(expr(l)) \(op.rawValue) \(expr(r)))"
        case .isNull(let x): return "isnull(\(expr(x)))"
        case .isNotNull(let x): return "isnotnull(\(expr(x)))"
        case .inList(let x, let items): return "\(expr(x)) IN (" + items.map(expr).joined(separator: ",") + ")"
        case .like(let a, let b, _): return "\(expr(a)) LIKE \(expr(b))"
        case .rlike(let a, let b): return "RLIKE(\(expr(a)), \(expr(b)))"
        case .caseWhen(let branches, let elseValue):
            var s = "CASE"
            for br in branches { s += " WHEN \(expr(br.condition)) THEN \(expr(br.value))" }
            if let elseValue { s += " ELSE \(expr(elseValue))" }
            return s + " END"
        case .getStructField(let x, _, let name): return "\(expr(x)).\(name)"
        case .getArrayItem(let x, let i): return "\(expr(x))[\(expr(i))]"
        case .getMapValue(let x, let k): return "\(expr(x))[\(expr(k))]"
        case .scalarFunction(let f): return "\(f.name)(" + f.arguments.map(expr).joined(separator: ", ") + ")"
        case .aggregateFunction(let f): return aggregate(f, prefix: "")
        case .generator(let g): return "\(g.name)(" + g.arguments.map(expr).joined(separator: ", ") + ")"
        case .sortOrder(let x, let d, let n): return "\(expr(x)) \(d.rawValue) \(n.rawValue)"
        case .star: return "*"
        case .unresolvedAttribute(let n): return "'\(n)"
        case .unresolvedStar: return "*"
        case .unresolvedFunction(let n, let a, _, _): return "'\(n)(" + a.map(expr).joined(separator: ", ") + ")"
        case .unresolvedExtract(let a, let b): return "\(expr(a))[\(expr(b))]"
        }
    }

    /// `count(1)`, `partial_sum(v#1)`, `count(distinct x#2)`.
    static func aggregate(_ f: AggregateCall, prefix: String) -> String {
        let args = f.arguments.isEmpty ? "1" : f.arguments.map { a -> String in
            if case .star = a { return "1" }
            return expr(a)
        }.joined(separator: ", ")
        return prefix + f.name + "(" + (f.isDistinct ? "distinct " : "") + args + ")"
    }
}
