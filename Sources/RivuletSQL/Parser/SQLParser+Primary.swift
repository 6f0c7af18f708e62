import RivuletCore

/// Primary expressions: literals, names, function calls, `CASE`, `CAST`, parentheses and the
/// special-syntax functions (`EXTRACT`, `TRIM`, `POSITION`, `SUBSTRING`, `OVERLAY`).
extension SQLTokenParser {
    mutating func parsePrimary() throws(RivuletError) -> Expression {
        let t = current
        switch t.kind {
        case .number(let n):
            advance()
            return try numberLiteral(n, negative: false, token: t)
        case .string:
            guard let s = try parseStringLiteralText() else { throw syntaxError() }
            return .literal(.string(s), .string)
        case .symbol("("):
            return try parseParenthesized()
        case .symbol("*"):
            advance()
            return .unresolvedStar(qualifier: nil)
        case .symbol("?"), .symbol(":"):
            throw unsupported("Parameter markers", at: t)
        case .quotedIdentifier:
            return try parseNameOrCall()
        case .word(let w):
            return try parseWordPrimary(w.uppercased())
        default:
            throw syntaxError()
        }
    }

    private mutating func parseWordPrimary(_ k: String) throws(RivuletError) -> Expression {
        let t = current
        let next = peek(1)
        let call = next.isSymbol("(")
        switch k {
        case "NULL":
            advance()
            return .literal(.null, .null)
        case "TRUE", "FALSE":
            advance()
            return .literal(.boolean(k == "TRUE"), .boolean)
        case "CASE":
            return try parseCase()
        case "CAST", "TRY_CAST":
            if call { return try parseCast(isTry: k == "TRY_CAST") }
        case "INTERVAL":
            switch next.kind {
            case .string, .number, .symbol("-"), .symbol("+"):
                advance()
                return try parseIntervalLiteral(t)
            default: break
            }
        case "EXTRACT":
            if call, peek(2).identifierName != nil, peek(3).isKeyword("FROM") { return try parseExtract() }
        case "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_USER", "SESSION_USER", "CURRENT_TIME":
            if !call {
                // ANSI "current-like" keywords are calls without parentheses.
                advance()
                return .unresolvedFunction(name: k.lowercased(), arguments: [], isDistinct: false, position: t.position)
            }
        case "TRIM", "POSITION", "SUBSTRING", "SUBSTR", "OVERLAY":
            if call, let special = try parseSpecialSyntaxFunction(k) { return special }
        default:
            if Self.typedLiteralWords.contains(k), next.stringValue != nil {
                advance()
                return try typedLiteral(t)
            }
        }
        // A structural word is still a name when it qualifies one (`order.id`) or calls (`left(s, 2)`).
        let qualifies = next.isSymbol(".") && peek(2).identifierName != nil
        if SQLKeywords.notColumnName.contains(k), !qualifies, !((k == "LEFT" || k == "RIGHT") && call) {
            throw syntaxError()
        }
        return try parseNameOrCall()
    }

    /// `a`, `a.b.c`, `f(...)`, `db.f(...)`.
    private mutating func parseNameOrCall() throws(RivuletError) -> Expression {
        let first = current
        var parts = [try parseIdentifier()]
        while current.isSymbol("."), peek(1).identifierName != nil {
            advance()
            parts.append(try parseIdentifier())
        }
        if current.isSymbol("(") {
            let name = parts.joined(separator: ".").lowercased()
            return try parseFunctionCall(name: name, nameToken: first)
        }
        return .unresolvedAttribute(UnresolvedName(parts, position: first.position))
    }

    /// The argument list and trailing clauses of a call; `(` is current.
    private mutating func parseFunctionCall(name: String, nameToken: SQLToken) throws(RivuletError) -> Expression {
        try enter()
        defer { leave() }
        try expectSymbol("(")
        var args: [Expression] = []
        var distinct = false
        if !acceptSymbol(")") {
            if acceptKeyword("DISTINCT") {
                distinct = true
            } else if current.isKeyword("ALL"), !peek(1).isSymbol(")"), !peek(1).isSymbol(",") {
                advance()
            }
            if current.isSymbol("*"), peek(1).isSymbol(")") {
                advance()
                args = [name == "count" ? .star : .unresolvedStar(qualifier: nil)]
            } else {
                // struct(a AS x, b) takes named expressions (Spark's `#struct` rule).
                let named = name.lowercased() == "struct"
                args.append(named ? try parseNamedExpression() : try parseFunctionArgument())
                while acceptSymbol(",") { args.append(named ? try parseNamedExpression() : try parseFunctionArgument()) }
            }
            try expectSymbol(")")
        }
        if current.isKeyword("IGNORE") || current.isKeyword("RESPECT"), peek(1).isKeyword("NULLS") {
            let ignore = current.isKeyword("IGNORE")
            guard ["first", "last", "first_value", "last_value", "any_value"].contains(name), args.count == 1 else {
                throw RivuletError(.sql, "The function \(name) does not support \(ignore ? "IGNORE" : "RESPECT") NULLS.",
                                   errorClass: "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", position: current.position)
            }
            advance(); advance()
            // first(x) IGNORE NULLS is first(x, true).
            if ignore { args.append(.literal(.boolean(true), .boolean)) }
        }
        if current.isKeyword("FILTER"), peek(1).isSymbol("(") { throw unsupported("Aggregate FILTER clauses", at: current) }
        if current.isKeyword("WITHIN"), peek(1).isKeyword("GROUP") { throw unsupported("WITHIN GROUP", at: current) }
        if current.isKeyword("OVER") { throw unsupported("Window functions (OVER)", at: current) }
        return .unresolvedFunction(name: name, arguments: args, isDistinct: distinct, position: nameToken.position)
    }

    private mutating func parseFunctionArgument() throws(RivuletError) -> Expression {
        if current.identifierName != nil, peek(1).isSymbol("=>") { throw unsupported("Named function arguments", at: peek(1)) }
        let e = try parseExpression()
        if current.isSymbol("->") { throw unsupported("Lambda functions", at: current) }
        return e
    }

    /// `( expr )`, a row constructor `(a, b)` (a `struct`), or a scalar subquery `(SELECT ...)`.
    private mutating func parseParenthesized() throws(RivuletError) -> Expression {
        let open = current
        if let k = peek(1).keyword, SQLKeywords.queryStart.contains(k) {
            return .scalarSubquery(SubqueryExpression(plan: try parseSubqueryBody()))
        }
        advance()
        try enter()
        defer { leave() }
        var items: [Expression] = []
        var aliased = false
        repeat {
            let e = try parseExpression()
            if acceptKeyword("AS") {
                items.append(.alias(e, name: try parseIdentifier(), exprId: .next()))
                aliased = true
            } else {
                items.append(e)
            }
        } while acceptSymbol(",")
        try expectSymbol(")")
        if items.count == 1, !aliased { return items[0] }
        return .unresolvedFunction(name: "struct", arguments: items, isDistinct: false, position: open.position)
    }

    /// `( query )` as used by scalar, `EXISTS` and `IN` subqueries; `(` is current.
    mutating func parseSubqueryBody() throws(RivuletError) -> LogicalPlan {
        try expectSymbol("(")
        let q = try parseQuery()
        try expectSymbol(")")
        return q
    }

    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`; a simple CASE becomes equality branches.
    private mutating func parseCase() throws(RivuletError) -> Expression {
        try enter()
        defer { leave() }
        advance()
        let operand: Expression? = current.isKeyword("WHEN") ? nil : try parseExpression()
        var branches: [WhenBranch] = []
        while acceptKeyword("WHEN") {
            let w = try parseExpression()
            try expectKeyword("THEN")
            let v = try parseExpression()
            branches.append(WhenBranch(operand.map { .binary(.equal, $0, w) } ?? w, v))
        }
        if branches.isEmpty { throw syntaxError() }
        let elseValue: Expression? = acceptKeyword("ELSE") ? try parseExpression() : nil
        try expectKeyword("END")
        return .caseWhen(branches, elseValue: elseValue)
    }

    /// `CAST(x AS type)`; `TRY_CAST(x AS type)` is `try_cast(x, 'type')` since a type is not an expression.
    private mutating func parseCast(isTry: Bool) throws(RivuletError) -> Expression {
        let t = current
        advance()
        try enter()
        defer { leave() }
        try expectSymbol("(")
        let e = try parseExpression()
        try expectKeyword("AS")
        let type = try parseDataType()
        try expectSymbol(")")
        if isTry {
            return .unresolvedFunction(name: "try_cast", arguments: [e, .literal(.string(type.simpleString), .string)],
                                       isDistinct: false, position: t.position)
        }
        return .cast(e, type)
    }

    /// `EXTRACT(field FROM source)` -> the matching datetime function (`year(source)`, ...).
    private mutating func parseExtract() throws(RivuletError) -> Expression {
        let t = current
        advance()
        try expectSymbol("(")
        let fieldToken = current
        let field = try parseIdentifier()
        try expectKeyword("FROM")
        let source = try parseValueExpression()
        try expectSymbol(")")
        func call(_ n: String, _ a: Expression) -> Expression {
            .unresolvedFunction(name: n, arguments: [a], isDistinct: false, position: t.position)
        }
        switch field.uppercased() {
        case "YEAR", "Y", "YEARS", "YR", "YRS": return call("year", source)
        case "YEAROFWEEK": return call("yearofweek", source)
        case "QUARTER", "QTR": return call("quarter", source)
        case "MONTH", "MON", "MONS", "MONTHS": return call("month", source)
        case "WEEK", "W", "WEEKS": return call("weekofyear", source)
        case "DAY", "D", "DAYS": return call("day", source)
        case "DAYOFWEEK", "DOW": return call("dayofweek", source)
        case "DAYOFWEEK_ISO", "DOW_ISO": return .binary(.add, call("weekday", source), .literal(.int(1), .integer))
        case "DOY": return call("dayofyear", source)
        case "HOUR", "H", "HOURS", "HR", "HRS": return call("hour", source)
        case "MINUTE", "M", "MIN", "MINS", "MINUTES": return call("minute", source)
        case "SECOND", "S", "SEC", "SECONDS", "SECS": return call("second", source)
        default:
            throw RivuletError(.sql, "Cannot extract \(field) from the source expression.",
                               errorClass: "INVALID_EXTRACT_FIELD", position: fieldToken.position)
        }
    }

    /// `TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)`, `POSITION(sub IN s)`, `SUBSTRING(s FROM a [FOR b])`,
    /// `OVERLAY(s PLACING r FROM a [FOR b])`. Returns nil (cursor unchanged) for the ordinary call syntax.
    ///
    /// Trim keeps Spark's SQL argument order of the two-argument form, `trim(trimStr, str)`:
    /// `TRIM(BOTH 'x' FROM s)` is `trim('x', s)`, `LEADING` gives `ltrim`, `TRAILING` gives `rtrim`.
    private mutating func parseSpecialSyntaxFunction(_ k: String) throws(RivuletError) -> Expression? {
        let t = current
        let save = index
        let savedDepth = depth
        advance()
        advance()
        func call(_ n: String, _ a: [Expression]) -> Expression {
            .unresolvedFunction(name: n, arguments: a, isDistinct: false, position: t.position)
        }
        if k == "TRIM", let side = current.keyword, ["BOTH", "LEADING", "TRAILING"].contains(side) {
            advance()
            var trimStr: Expression?
            if !acceptKeyword("FROM") {
                trimStr = try parseValueExpression()
                try expectKeyword("FROM")
            }
            let src = try parseValueExpression()
            try expectSymbol(")")
            let name = side == "BOTH" ? "trim" : side == "LEADING" ? "ltrim" : "rtrim"
            return call(name, trimStr.map { [$0, src] } ?? [src])
        }
        let first: Expression
        do {
            first = try parseValueExpression()
        } catch {
            index = save
            depth = savedDepth
            return nil
        }
        switch k {
        case "TRIM" where acceptKeyword("FROM"):
            let src = try parseValueExpression()
            try expectSymbol(")")
            return call("trim", [first, src])
        case "POSITION" where acceptKeyword("IN"):
            let str = try parseValueExpression()
            try expectSymbol(")")
            return call("locate", [first, str])
        case "SUBSTRING", "SUBSTR":
            guard acceptKeyword("FROM") else { break }
            var args = [first, try parseValueExpression()]
            if acceptKeyword("FOR") { args.append(try parseValueExpression()) }
            try expectSymbol(")")
            return call(k.lowercased(), args)
        case "OVERLAY":
            guard acceptKeyword("PLACING") else { break }
            let replacement = try parseValueExpression()
            try expectKeyword("FROM")
            var args = [first, replacement, try parseValueExpression()]
            if acceptKeyword("FOR") { args.append(try parseValueExpression()) }
            try expectSymbol(")")
            return call("overlay", args)
        default:
            break
        }
        index = save
        return nil
    }
}
