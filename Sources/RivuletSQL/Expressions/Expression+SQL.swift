import RivuletCore

/// Spark's two textual forms of an expression: the pretty SQL used for auto-generated column names
/// (`toPrettySQL`) and the `toString` form used by `explain()` (`(a#1 + 1)`).
extension Expression {
    /// Spark's pretty SQL rendering (`toPrettySQL`): attributes by bare name, string literals
    /// unquoted, `(a + 1)`, `upper(b)`, `count(DISTINCT a)`, `CAST(a AS INT)`, `CASE WHEN ... END`.
    ///
    /// Spark hides the implicit casts inserted by type coercion; a resolved tree cannot tell them
    /// from user casts, so the analyzer names columns from the user's expression shape instead.
    public var sql: String {
        switch self {
        case .unresolvedAttribute(let n): return n.parts.joined(separator: ".")
        case .unresolvedStar(let q): return q.map { $0.joined(separator: ".") + ".*" } ?? "*"
        case .unresolvedFunction(let name, let args, let distinct, _):
            return Self.callSQL(name.lowercased(), args.map(\.sql), distinct: distinct)
        case .unresolvedExtract(let c, let k): return "\(c.sql)[\(k.sql)]"
        case .star: return "*"
        case .literal(let v, let t): return Self.literalSQL(v, t)
        case .attribute(let a): return a.name
        case .alias(let e, let name, _): return "\(e.sql) AS \(name)"
        case .multiAlias(let e, let names): return "\(e.sql) AS (\(names.joined(separator: ", ")))"
        case .cast(let e, let t): return "CAST(\(e.sql) AS \(t.sql))"
        case .unary(let op, let e):
            switch op {
            case .negate: return "(- \(e.sql))"
            case .positive: return "(+ \(e.sql))"
            case .not: return "(NOT \(e.sql))"
            case .bitwiseNot: return "~\(e.sql)"
            }
        case .binary(let op, let l, let r):
            switch op {
            case .notEqual: return "(NOT (\(l.sql) = \(r.sql)))"
            case .concat: return "concat(\(l.sql), \(r.sql))"
            default: return "(\(l.sql) \(op.rawValue) \(r.sql))"
            }
        case .isNull(let e): return "(\(e.sql) IS NULL)"
        case .isNotNull(let e): return "(\(e.sql) IS NOT NULL)"
        case .inList(let e, let list): return "(\(e.sql) IN (\(list.map(\.sql).joined(separator: ", "))))"
        case .like(let a, let b, let esc):
            return "\(a.sql) LIKE \(b.sql)" + (esc == "\\" ? "" : " ESCAPE '\(esc)'")
        case .rlike(let a, let b): return "RLIKE(\(a.sql), \(b.sql))"
        case .caseWhen(let branches, let elseValue):
            var s = "CASE"
            for b in branches { s += " WHEN \(b.condition.sql) THEN \(b.value.sql)" }
            if let e = elseValue { s += " ELSE \(e.sql)" }
            return s + " END"
        case .getStructField(let e, _, let name): return "\(e.sql).\(name)"
        case .getArrayItem(let a, let i): return "\(a.sql)[\(i.sql)]"
        case .getMapValue(let m, let k): return "\(m.sql)[\(k.sql)]"
        case .scalarFunction(let f):
            if let special = FunctionNaming.specialSQL(f.name, f.arguments, f.dataType) { return special }
            return Self.callSQL(f.name, f.arguments.map(\.sql), distinct: false)
        case .aggregateFunction(let f): return Self.callSQL(f.name, f.arguments.map(\.sql), distinct: f.isDistinct)
        case .generator(let g): return Self.callSQL(g.name, g.arguments.map(\.sql), distinct: false)
        case .sortOrder(let e, let d, let n): return "\(e.sql) \(d.rawValue) \(n.rawValue)"
        case .scalarSubquery(let s): return "scalarsubquery(\(s.outerReferences.map(\.name).joined(separator: ", ")))"
        case .exists(let s): return "exists(\(s.outerReferences.map(\.name).joined(separator: ", ")))"
        case .inSubquery(let e, let s):
            return "(\(e.sql) IN (listquery(\(s.outerReferences.map(\.name).joined(separator: ", ")))))"
        case .outerReference(let a): return a.name
        }
    }

    /// The column name Spark gives this expression as an unaliased select item: the name of a
    /// named expression, the child's name for a cast of a column (`CAST(a AS INT)` is named `a`),
    /// the field name for a nested-field reference, else ``sql``.
    public var prettyName: String {
        switch self {
        case .attribute(let a): return a.name
        case .alias(_, let name, _): return name
        case .unresolvedAttribute(let n): return n.parts.last ?? ""
        case .cast(let e, _):
            switch e {
            case .attribute, .alias, .unresolvedAttribute: return e.prettyName
            default: return sql
            }
        case .scalarFunction(let f) where f.name == "try_cast" && f.arguments.count == 1:
            switch f.arguments[0] {
            case .attribute, .alias, .unresolvedAttribute: return f.arguments[0].prettyName
            default: return sql
            }
        // Spark names a from_json with a map schema after the map's entries.
        case .scalarFunction(let f) where f.name == "from_json":
            if case .map = f.dataType { return "entries" }
            return sql
        default: return sql
        }
    }

    static func callSQL(_ name: String, _ args: [String], distinct: Bool) -> String {
        // Spark's `If` prints itself as `(IF(c, a, b))`.
        if name == "if" { return "(IF(\(args.joined(separator: ", "))))" }
        return "\(name)(\(distinct ? "DISTINCT " : "")\(args.joined(separator: ", ")))"
    }

    /// `Literal.sql` as `usePrettyExpression` renders it.
    static func literalSQL(_ v: Value, _ t: DataType) -> String {
        switch v {
        case .null: return "NULL"
        case .string(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        case .date: return "DATE '\(v.description)'"
        case .timestamp: return "TIMESTAMP '\(v.description)'"
        case .binary(let b): return "X'" + b.map { SparkFormat.hexByte($0) }.joined() + "'"
        case .array(let items):
            let et: DataType
            if case .array(let e, _) = t { et = e } else { et = .null }
            return "ARRAY(" + items.map { literalSQL($0, et) }.joined(separator: ", ") + ")"
        case .map(let entries):
            var kt = DataType.null, vt = DataType.null
            if case .map(let k, let v, _) = t { kt = k; vt = v }
            return "MAP(" + entries.map { literalSQL($0.key, kt) + ", " + literalSQL($0.value, vt) }.joined(separator: ", ") + ")"
        case .struct(let fields):
            var names: [String] = []
            if case .struct(let s) = t { names = s.names }
            var parts: [String] = []
            for (i, f) in fields.enumerated() {
                parts.append("'\(i < names.count ? names[i] : "col\(i + 1)")'")
                var ft = DataType.null
                if case .struct(let s) = t, i < s.count { ft = s[i].dataType }
                parts.append(literalSQL(f, ft))
            }
            return "named_struct(" + parts.joined(separator: ", ") + ")"
        case .dayTimeInterval, .yearMonthInterval: return v.sparkString(as: t)
        default: return v.description
        }
    }
}

/// The `toString` form Spark's `explain()` prints: `a#1`, `count#5L`, `(a#1 + 1)`, `'word`.
extension Expression {
    /// This expression as it appears in a plan tree string.
    public var explainString: String {
        switch self {
        case .unresolvedAttribute(let n): return "'" + n.parts.joined(separator: ".")
        case .unresolvedStar(let q): return q.map { $0.joined(separator: ".") + ".*" } ?? "*"
        case .unresolvedFunction(let name, let args, let distinct, _):
            return "'" + name + "(" + (distinct ? "distinct " : "") + args.map(\.explainString).joined(separator: ", ") + ")"
        case .unresolvedExtract(let c, let k): return "\(c.explainString)[\(k.explainString)]"
        case .star: return "*"
        case .literal(let v, _): return Self.literalExplain(v)
        case .attribute(let a): return Self.attributeExplain(a.name, a.exprId, a.dataType)
        case .alias(let e, let name, let id): return "\(e.explainString) AS \(Self.attributeExplain(name, id, e.dataType))"
        case .multiAlias(let e, let names): return "\(e.explainString) AS (\(names.joined(separator: ", ")))"
        case .cast(let e, let t): return "cast(\(e.explainString) as \(t.simpleString))"
        case .unary(let op, let e):
            switch op {
            case .negate: return "-\(e.explainString)"
            case .positive: return "positive(\(e.explainString))"
            case .not: return "NOT \(e.explainString)"
            case .bitwiseNot: return "~\(e.explainString)"
            }
        case .binary(let op, let l, let r):
            switch op {
            case .notEqual: return "NOT (\(l.explainString) = \(r.explainString))"
            case .concat: return "concat(\(l.explainString), \(r.explainString))"
            default: return "(\(l.explainString) \(op.rawValue) \(r.explainString))"
            }
        case .isNull(let e): return "isnull(\(e.explainString))"
        case .isNotNull(let e): return "isnotnull(\(e.explainString))"
        case .inList(let e, let list): return "\(e.explainString) IN (\(list.map(\.explainString).joined(separator: ",")))"
        case .like(let a, let b, let esc):
            return "\(a.explainString) LIKE \(b.explainString)" + (esc == "\\" ? "" : " ESCAPE '\(esc)'")
        case .rlike(let a, let b): return "RLIKE(\(a.explainString), \(b.explainString))"
        case .caseWhen(let branches, let elseValue):
            var s = "CASE"
            for b in branches { s += " WHEN \(b.condition.explainString) THEN \(b.value.explainString)" }
            if let e = elseValue { s += " ELSE \(e.explainString)" }
            return s + " END"
        case .getStructField(let e, _, let name): return "\(e.explainString).\(name)"
        case .getArrayItem(let a, let i): return "\(a.explainString)[\(i.explainString)]"
        case .getMapValue(let m, let k): return "\(m.explainString)[\(k.explainString)]"
        case .scalarFunction(let f): return "\(f.name)(\(f.arguments.map(\.explainString).joined(separator: ", ")))"
        case .aggregateFunction(let f):
            return "\(f.name)(\(f.isDistinct ? "distinct " : "")\(f.arguments.map(\.explainString).joined(separator: ", ")))"
        case .generator(let g): return "\(g.name)(\(g.arguments.map(\.explainString).joined(separator: ", ")))"
        case .sortOrder(let e, let d, let n): return "\(e.explainString) \(d.rawValue) \(n.rawValue)"
        case .scalarSubquery(let s): return "scalar-subquery\(s.exprId) [\(Self.outerList(s))]"
        case .exists(let s): return "exists\(s.exprId) [\(Self.outerList(s))]"
        case .inSubquery(let e, let s): return "\(e.explainString) IN (list\(s.exprId) [\(Self.outerList(s))])"
        case .outerReference(let a): return "outer(\(Self.attributeExplain(a.name, a.exprId, a.dataType)))"
        }
    }

    static func outerList(_ s: SubqueryExpression) -> String {
        s.outerReferences.map { attributeExplain($0.name, $0.exprId, $0.dataType) }.joined(separator: " && ")
    }

    /// `name#id`, with Spark's `L` suffix for bigint attributes.
    static func attributeExplain(_ name: String, _ id: ExprId, _ t: DataType) -> String {
        "\(name)#\(id.id)" + (t == .long ? "L" : "")
    }

    static func literalExplain(_ v: Value) -> String {
        switch v {
        case .array(let items): return "[" + items.map(literalExplain).joined(separator: ",") + "]"
        default: return v.description
        }
    }
}
