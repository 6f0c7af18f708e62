import RivuletCore

/// A resolved expression plus its "naming" twin: the user's expression shape with names resolved
/// (no implicit casts, defaults of functions appended), from which Spark's auto column names come.
struct ResolvedExpr {
    var expr: Expression
    var naming: Expression
}

/// Column resolution: names (`col`, `t.col`, `data.user.id`), extraction (`a[0]`, `m['k']`),
/// stars, aliases and the auto-generated names of unaliased select items.
extension Analyzer {
    /// Resolves `e` against `scopes` (tried in order for each name) and coerces its operators.
    func resolveExpr(_ e: Expression, scopes: [[AttributeReference]]) throws(RivuletError) -> ResolvedExpr {
        switch e {
        case .unresolvedAttribute(let n):
            return try resolveAttribute(n, scopes: scopes)
        case .unresolvedStar(let q):
            let text = q.map { $0.joined(separator: ".") + ".*" } ?? "*"
            throw .analysis("Invalid usage of '\(text)' in expression", errorClass: "INVALID_USAGE_OF_STAR_OR_REGEX")
        case .star:
            throw .analysis("Invalid usage of '*' in expression", errorClass: "INVALID_USAGE_OF_STAR_OR_REGEX")
        case .unresolvedFunction(let name, let args, let distinct, let pos):
            return try resolveFunction(name: name, arguments: args, isDistinct: distinct, position: pos, scopes: scopes)
        case .unresolvedExtract(let c, let k):
            let rc = try resolveExpr(c, scopes: scopes), rk = try resolveExpr(k, scopes: scopes)
            let x = try extractValue(rc.expr, rk.expr, position: e.firstPosition)
            return ResolvedExpr(expr: x, naming: x.withNewChildren([rc.naming, rk.naming]))
        case .literal, .attribute:
            return ResolvedExpr(expr: e, naming: e)
        case .alias(let inner, let name, let id):
            let r = try resolveExpr(inner, scopes: scopes)
            return ResolvedExpr(expr: .alias(r.expr, name: name, exprId: id), naming: .alias(r.naming, name: name, exprId: id))
        case .multiAlias(let inner, let names):
            let r = try resolveExpr(inner, scopes: scopes)
            return ResolvedExpr(expr: .multiAlias(r.expr, names: names), naming: .multiAlias(r.naming, names: names))
        case .scalarSubquery, .exists, .inSubquery:
            return try resolveSubqueryExpression(e, scopes: scopes)
        case .outerReference:
            return ResolvedExpr(expr: e, naming: e)
        default:
            var rs: [Expression] = [], ns: [Expression] = []
            for c in e.children {
                let r = try resolveExpr(c, scopes: scopes)
                rs.append(r.expr); ns.append(r.naming)
            }
            let coerced = try coerceOperator(e.withNewChildren(rs), original: e)
            var naming = e.withNewChildren(ns)
            // `d + 1` becomes date_add(d, 1) and Spark names it so.
            if case .binary = e, case .scalarFunction(let f) = coerced {
                naming = .scalarFunction(ScalarFunctionCall(name: f.name, arguments: ns, dataType: f.dataType))
            }
            if case .binary(let op, _, _) = e, rs.count == 2, let n = FunctionNaming.datetimeIntervalNaming(op, rs, ns, coerced.dataType) {
                naming = n
            }
            // Spark hides a cast to a complex type in names (`cast(array('1') AS ARRAY<INT>)` is `array(1)`).
            if case .cast(_, let t) = e, !t.isAtomic, let child = ns.first { naming = child }
            return ResolvedExpr(expr: coerced, naming: naming)
        }
    }

    /// Resolves a select item and names it like Spark: attributes and user aliases keep their
    /// names, a nested field reference (`data.user.id`) is named after its last part, everything
    /// else gets `prettyName` of the user's expression shape.
    func resolveNamed(_ e: Expression, scopes: [[AttributeReference]]) throws(RivuletError) -> Expression {
        let r = try resolveExpr(e, scopes: scopes)
        switch r.expr {
        case .attribute, .alias, .multiAlias, .generator: return r.expr
        default: break
        }
        let name: String
        if case .unresolvedAttribute(let n) = e, n.parts.count > 1, let last = n.parts.last {
            name = last
        } else {
            name = r.naming.prettyName
        }
        return .alias(r.expr, name: name, exprId: .next())
    }

    func resolveAttribute(_ n: UnresolvedName, scopes: [[AttributeReference]]) throws(RivuletError) -> ResolvedExpr {
        for scope in scopes {
            if let r = try matchName(n, in: scope) { return r }
        }
        if let r = try resolveOuterAttribute(n) { return r }
        throw unresolvedColumnError(n, candidates: scopes.flatMap { $0 })
    }

    /// Finds `name` among `input`: qualified matches (`t.col...`) win over bare-name matches;
    /// remaining parts are struct fields (or map keys).
    func matchName(_ name: UnresolvedName, in input: [AttributeReference]) throws(RivuletError) -> ResolvedExpr? {
        let parts = name.parts
        guard let first = parts.first else { return nil }
        var matches: [(AttributeReference, ArraySlice<String>)] = []
        for a in input where !a.qualifier.isEmpty {
            let q = a.qualifier
            var k = q.count
            while k >= 1 {
                if parts.count > k, zip(parts.prefix(k), q.suffix(k)).allSatisfy({ same($0, $1) }), same(parts[k], a.name) {
                    matches.append((a, parts[(k + 1)...]))
                    break
                }
                k -= 1
            }
        }
        if matches.isEmpty {
            for a in input where same(first, a.name) { matches.append((a, parts.dropFirst())) }
        }
        var seen = Set<ExprId>()
        matches = matches.filter { seen.insert($0.0.exprId).inserted }
        guard let (attr, rest) = matches.first else { return nil }
        if matches.count > 1 {
            let shown = name.parts.joined(separator: ".")
            let options = matches.map { m in "'" + (m.0.qualifier + [m.0.name]).joined(separator: ".") + "'" }
            throw .analysis("column '\(shown)' is ambiguous, could be: \(options.joined(separator: ", "))",
                            errorClass: "AMBIGUOUS_REFERENCE", position: name.position)
        }
        var expr = Expression.attribute(attr)
        for field in rest { expr = try extractField(expr, field, position: name.position) }
        return ResolvedExpr(expr: expr, naming: expr)
    }

    /// `base.field`: a struct field (case-insensitive unless configured) or a map lookup.
    func extractField(_ base: Expression, _ field: String, position: SourcePosition?) throws(RivuletError) -> Expression {
        switch base.dataType {
        case .struct(let s):
            guard let i = s.fields.firstIndex(where: { same($0.name, field) }) else {
                throw .analysis("No such struct field '\(field)' in \(s.names.map { "'\($0)'" }.joined(separator: ", "))",
                                errorClass: "FIELD_NOT_FOUND", position: position)
            }
            return .getStructField(base, ordinal: i, name: s[i].name)
        case .map(let k, _, _) where k == .string:
            return .getMapValue(base, .literal(.string(field), .string))
        default:
            throw .analysis("Can't extract a value from \"\(base.sql)\". Need a complex type [STRUCT, ARRAY, MAP] but got \"\(base.dataType.sql)\"",
                            errorClass: "INVALID_EXTRACT_BASE_FIELD_TYPE", position: position)
        }
    }

    /// `child[key]` for arrays (integral index), maps (key coerced to the key type) and structs
    /// (string literal field name).
    func extractValue(_ child: Expression, _ key: Expression, position: SourcePosition?) throws(RivuletError) -> Expression {
        switch child.dataType {
        case .array:
            guard key.dataType.isIntegral || key.dataType == .null else {
                throw .analysis("Cannot resolve \"\(child.sql)[\(key.sql)]\" due to data type mismatch: The second parameter requires the \"INTEGRAL\" type, however \"\(key.sql)\" has the type \"\(key.dataType.sql)\"",
                                errorClass: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", position: position)
            }
            return .getArrayItem(child, key)
        case .map(let kt, _, _):
            guard let t = AnsiCoercion.commonType(kt, key.dataType), t.sameType(kt) || key.dataType == .string || key.dataType.isNumeric else {
                throw .analysis("Cannot resolve \"\(child.sql)[\(key.sql)]\" due to data type mismatch: the map key \"\(key.sql)\" has the type \"\(key.dataType.sql)\" but the map key type is \"\(kt.sql)\"",
                                errorClass: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", position: position)
            }
            return .getMapValue(child, TypeCoercion.cast(key, to: kt))
        case .struct:
            guard case .literal(.string(let name), _) = key else {
                throw .analysis("Field name should be a non-null string literal, but it's \(key.sql)",
                                errorClass: "INVALID_EXTRACT_FIELD_TYPE", position: position)
            }
            return try extractField(child, name, position: position)
        default:
            throw .analysis("Can't extract a value from \"\(child.sql)\". Need a complex type [STRUCT, ARRAY, MAP] but got \"\(child.dataType.sql)\"",
                            errorClass: "INVALID_EXTRACT_BASE_FIELD_TYPE", position: position)
        }
    }

    /// Replaces `*` and `t.*` items by the matching input columns (and `s.*` of a struct column by
    /// its fields).
    func expandStars(_ list: [Expression], input: [AttributeReference]) throws(RivuletError) -> [Expression] {
        var out: [Expression] = []
        for e in list {
            guard case .unresolvedStar(let q) = e else { out.append(e); continue }
            guard let q, !q.isEmpty else {
                out.append(contentsOf: input.map { .attribute($0) })
                continue
            }
            let matched = input.filter { a in
                a.qualifier.count >= q.count && zip(a.qualifier.suffix(q.count), q).allSatisfy { same($0, $1) }
            }
            if !matched.isEmpty {
                out.append(contentsOf: matched.map { .attribute($0) })
                continue
            }
            // `s.*` on a struct column expands its fields.
            if let r = try? matchName(UnresolvedName(q), in: input), case .struct(let s) = r.expr.dataType {
                for (i, f) in s.fields.enumerated() {
                    out.append(.alias(.getStructField(r.expr, ordinal: i, name: f.name), name: f.name, exprId: .next()))
                }
                continue
            }
            throw .analysis("Cannot resolve '\(q.joined(separator: ".")).*' given input columns \(input.map { "'\($0.name)'" }.joined(separator: ", "))",
                            errorClass: "CANNOT_RESOLVE_STAR_EXPAND")
        }
        return out
    }

    /// `UNRESOLVED_COLUMN` with up to five suggestions ordered by edit distance.
    func unresolvedColumnError(_ n: UnresolvedName, candidates: [AttributeReference]) -> RivuletError {
        let target = n.parts.joined(separator: ".")
        var names: [String] = []
        var seen = Set<String>()
        for a in candidates {
            let s = n.parts.count > 1 && !a.qualifier.isEmpty ? (a.qualifier + [a.name]).joined(separator: ".") : a.name
            if seen.insert(s).inserted { names.append(s) }
        }
        let suggestions = NameSuggestions.ordered(target, names).prefix(5)
        if suggestions.isEmpty {
            return .analysis("column '\(target)' does not exist", errorClass: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", position: n.position)
        }
        return .analysis("column '\(target)' does not exist; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?",
                         errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION", position: n.position)
    }
}

extension Expression {
    /// The source position of the first name or function call inside, if the parser recorded one.
    var firstPosition: SourcePosition? {
        collect { e -> SourcePosition? in
            switch e {
            case .unresolvedAttribute(let n): return n.position
            case .unresolvedFunction(_, _, _, let p): return p
            default: return nil
            }
        }.first
    }

    /// The expression with attribute qualifiers, names and nullability dropped: two expressions
    /// over the same attributes compare equal whatever path resolved them.
    var canonical: Expression {
        (try? transformUp { e throws(RivuletError) -> Expression in
            switch e {
            case .attribute(let a):
                return .attribute(AttributeReference(name: "", dataType: a.dataType, nullable: true, exprId: a.exprId))
            case .alias(let c, _, _): return c
            default: return e
            }
        }) ?? self
    }

    func semanticEquals(_ other: Expression) -> Bool { canonical == other.canonical }
}

/// "Did you mean" ordering: Levenshtein distance, then name.
enum NameSuggestions {
    static func ordered(_ target: String, _ candidates: [String]) -> [String] {
        ranked(target, candidates, maxDistance: Int.max)
    }

    /// Candidates within `maxDistance` edits, closest first.
    static func close(_ target: String, _ candidates: [String], maxDistance: Int) -> [String] {
        ranked(target, candidates, maxDistance: maxDistance)
    }

    private static func ranked(_ target: String, _ candidates: [String], maxDistance: Int) -> [String] {
        let t = target.lowercased()
        var scored: [(name: String, d: Int)] = []
        for c in candidates {
            let d = EditDistance.levenshtein(t, c.lowercased())
            if d <= maxDistance { scored.append((c, d)) }
        }
        scored.sort { a, b in a.d != b.d ? a.d < b.d : a.name < b.name }
        return scored.map { $0.name }
    }
}
