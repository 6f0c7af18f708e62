import RivuletCore

/// Queries: `WITH`, set operations (INTERSECT binds tighter than UNION / EXCEPT), `SELECT`, `VALUES`,
/// `TABLE t`, parentheses, and the result clauses `ORDER BY`, `SORT BY`, `LIMIT`, `OFFSET`.
extension SQLTokenParser {
    mutating func parseQuery() throws(RivuletError) -> LogicalPlan {
        try enter()
        defer { leave() }
        var ctes: [CTEDefinition] = []
        if acceptKeyword("WITH") {
            if current.isKeyword("RECURSIVE") { throw unsupported("WITH RECURSIVE", at: current) }
            repeat {
                let name = try parseIdentifier()
                var columns: [String]?
                if current.isSymbol("("), !startsParenthesizedQuery() { columns = try parseIdentifierList() }
                _ = acceptKeyword("AS")
                try expectSymbol("(")
                var q = try parseQuery()
                try expectSymbol(")")
                if let columns { q = .renameColumns(columns, q) }
                ctes.append(CTEDefinition(name: name, plan: q))
            } while acceptSymbol(",")
        }
        var plan = try parseSetOperations()
        plan = try parseQueryOrganization(plan)
        return ctes.isEmpty ? plan : .with(ctes, plan)
    }

    /// True when the current `(` (possibly nested) opens a query rather than a relation or expression.
    func startsParenthesizedQuery() -> Bool {
        var k = 0
        while peek(k).isSymbol("(") { k += 1 }
        guard k > 0, let w = peek(k).keyword else { return false }
        return SQLKeywords.queryStart.contains(w)
    }

    /// `ALL` -> true, `DISTINCT` or nothing -> false.
    private mutating func parseSetQuantifier() -> Bool {
        if acceptKeyword("ALL") { return true }
        _ = acceptKeyword("DISTINCT")
        return false
    }

    private mutating func parseSetOperations() throws(RivuletError) -> LogicalPlan {
        var left = try parseIntersections()
        while let op = current.keyword, op == "UNION" || op == "EXCEPT" || op == "MINUS" {
            advance()
            let all = parseSetQuantifier()
            let right = try parseIntersections()
            if op == "UNION" {
                if all {
                    if case .union(let children, false, false) = left {
                        left = .union(children + [right], byName: false, allowMissingColumns: false)
                    } else {
                        left = .union([left, right], byName: false, allowMissingColumns: false)
                    }
                } else {
                    left = .distinct(.union([left, right], byName: false, allowMissingColumns: false))
                }
            } else {
                left = .except(left, right, all: all)
            }
        }
        return left
    }

    private mutating func parseIntersections() throws(RivuletError) -> LogicalPlan {
        var left = try parseQueryPrimary()
        while acceptKeyword("INTERSECT") {
            let all = parseSetQuantifier()
            left = .intersect(left, try parseQueryPrimary(), all: all)
        }
        return left
    }

    private mutating func parseQueryPrimary() throws(RivuletError) -> LogicalPlan {
        switch current.keyword {
        case "SELECT":
            return try parseSelect()
        case "VALUES":
            return try parseInlineTable()
        case "TABLE":
            advance()
            let first = current
            return .unresolvedRelation(UnresolvedName(try parseMultipartName(), position: first.position))
        case "FROM":
            throw unsupported("FROM-first queries (FROM t SELECT ...)", at: current)
        default:
            break
        }
        if acceptSymbol("(") {
            let q = try parseQuery()
            try expectSymbol(")")
            return q
        }
        throw syntaxError()
    }

    // MARK: SELECT

    private mutating func parseSelect() throws(RivuletError) -> LogicalPlan {
        advance()
        var distinct = false
        if acceptKeyword("DISTINCT") {
            distinct = true
        } else if current.isKeyword("ALL"), !peek(1).isKeyword("FROM"), !peek(1).isSymbol(","), !peek(1).isEnd {
            advance()
        }
        var items = [try parseNamedExpression()]
        while acceptSymbol(",") { items.append(try parseNamedExpression()) }

        var plan: LogicalPlan = .oneRow
        if acceptKeyword("FROM") { plan = try parseFromClause() }
        while current.isKeyword("LATERAL"), peek(1).isKeyword("VIEW") { plan = try parseLateralView(plan) }
        if acceptKeyword("WHERE") { plan = .filter(try parseExpression(), plan) }

        var groupings: [Expression]?
        if current.isKeyword("GROUP"), peek(1).isKeyword("BY") {
            advance(); advance()
            if let k = current.keyword,
               ((k == "ROLLUP" || k == "CUBE") && peek(1).isSymbol("(")) || (k == "GROUPING" && peek(1).isKeyword("SETS")) {
                throw unsupported("GROUP BY \(k == "GROUPING" ? "GROUPING SETS" : k)", at: current)
            }
            var g = [try parseExpression()]
            while acceptSymbol(",") { g.append(try parseExpression()) }
            if current.isKeyword("WITH"), let k = peek(1).keyword, k == "ROLLUP" || k == "CUBE" {
                throw unsupported("GROUP BY ... WITH \(k)", at: current)
            }
            groupings = g
        }
        var having: Expression?
        if acceptKeyword("HAVING") { having = try parseExpression() }
        if current.isKeyword("WINDOW") || current.isKeyword("QUALIFY") {
            throw unsupported("\(current.text.uppercased()) clauses", at: current)
        }

        if let groupings {
            plan = .aggregate(groupings: groupings, aggregates: items, plan)
            if let having { plan = .unresolvedHaving(having, plan) }
        } else if let having {
            // HAVING without GROUP BY makes the whole select a global aggregate, as in Spark.
            plan = .unresolvedHaving(having, .aggregate(groupings: [], aggregates: items, plan))
        } else {
            plan = .project(items, plan)
        }
        return distinct ? .distinct(plan) : plan
    }

    /// `LATERAL VIEW [OUTER] generator(args) table [AS] col1, col2` after FROM: every input row
    /// joined with the rows the generator produces for it, i.e. `SELECT *, generator(args) AS
    /// (col1, col2)` over the input (OUTER uses the `_outer` variant). `LATERAL VIEW` is current.
    private mutating func parseLateralView(_ input: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        advance(); advance()
        let outer = acceptKeyword("OUTER")
        let fnToken = current
        guard fnToken.identifierName != nil else { throw syntaxError() }
        var call = try parsePrimary()
        guard case .unresolvedFunction(let name, let args, let distinct, let pos) = call else { throw syntaxError(fnToken) }
        if outer { call = .unresolvedFunction(name: name + "_outer", arguments: args, isDistinct: distinct, position: pos) }
        // The table name only qualifies the generated columns; Rivulet does not record it.
        _ = try parseIdentifier()
        var names: [String] = []
        if acceptKeyword("AS") || isImplicitAlias {
            names.append(try parseIdentifier())
            while acceptSymbol(",") { names.append(try parseIdentifier()) }
        }
        let item: Expression = names.isEmpty ? call : .multiAlias(call, names: names)
        return .project([.unresolvedStar(qualifier: nil), item], input)
    }

    // MARK: result clauses

    /// `ORDER BY` | `CLUSTER BY` | [`DISTRIBUTE BY`] [`SORT BY`], then `LIMIT`, `OFFSET`.
    ///
    /// `DISTRIBUTE BY` only decides how rows are partitioned, which the result of a query does not
    /// depend on, so it is parsed and dropped; `CLUSTER BY x` is a local ascending sort on `x`.
    private mutating func parseQueryOrganization(_ input: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        var plan = input
        if current.isKeyword("ORDER"), peek(1).isKeyword("BY") {
            advance(); advance()
            plan = .sort(try parseSortItems(), global: true, plan)
        } else if current.isKeyword("CLUSTER"), peek(1).isKeyword("BY") {
            advance(); advance()
            var keys = [try parseExpression()]
            while acceptSymbol(",") { keys.append(try parseExpression()) }
            plan = .sort(keys.map { .sortOrder($0, .ascending, .nullsFirst) }, global: false, plan)
        } else {
            if current.isKeyword("DISTRIBUTE"), peek(1).isKeyword("BY") {
                advance(); advance()
                _ = try parseExpression()
                while acceptSymbol(",") { _ = try parseExpression() }
            }
            if current.isKeyword("SORT"), peek(1).isKeyword("BY") {
                advance(); advance()
                plan = .sort(try parseSortItems(), global: false, plan)
            }
        }
        if current.isKeyword("WINDOW") { throw unsupported("WINDOW clauses", at: current) }
        var limit: Int?
        if acceptKeyword("LIMIT") {
            if !acceptKeyword("ALL") { limit = try parseLimitValue("limit") }
        }
        if acceptKeyword("OFFSET") {
            plan = .offset(try parseLimitValue("offset"), plan)
        }
        if let limit { plan = .limit(limit, plan) }
        return plan
    }

    /// `expr [ASC|DESC] [NULLS FIRST|LAST]`, ...; ASC defaults to NULLS FIRST, DESC to NULLS LAST.
    mutating func parseSortItems() throws(RivuletError) -> [Expression] {
        var items: [Expression] = []
        repeat {
            let e = try parseExpression()
            var direction = SortDirection.ascending
            if acceptKeyword("DESC") { direction = .descending } else { _ = acceptKeyword("ASC") }
            var nulls: NullOrdering = direction == .ascending ? .nullsFirst : .nullsLast
            if acceptKeyword("NULLS") {
                if acceptKeyword("FIRST") { nulls = .nullsFirst }
                else if acceptKeyword("LAST") { nulls = .nullsLast }
                else { throw syntaxError() }
            }
            items.append(.sortOrder(e, direction, nulls))
        } while acceptSymbol(",")
        return items
    }

    /// A LIMIT / OFFSET value: a constant non-negative integer expression.
    private mutating func parseLimitValue(_ kind: String) throws(RivuletError) -> Int {
        let t = current
        let startIndex = index
        let e = try parseExpression()
        let shown = tokens[startIndex..<max(startIndex, index)].map(\.text).joined(separator: " ")
        func err(_ sub: String, _ msg: String) -> RivuletError {
            RivuletError(.sql, "The \(kind) like expression \"\(shown)\" is invalid. \(msg)",
                         errorClass: "INVALID_LIMIT_LIKE_EXPRESSION.\(sub)", position: t.position)
        }
        switch Self.constantInteger(e) {
        case .notConstant:
            throw err("IS_UNFOLDABLE", "The \(kind) expression must evaluate to a constant value.")
        case .notInteger:
            throw err("DATA_TYPE", "The \(kind) expression must be integer type.")
        case .value(let v):
            guard v >= 0 else { throw err("IS_NEGATIVE", "The \(kind) expression must be equal to or greater than 0, but got \(v).") }
            guard v <= Int64(Int32.max) else { throw err("DATA_TYPE", "The \(kind) expression must be integer type, but got \(v).") }
            return Int(v)
        }
    }

    enum ConstantInteger { case value(Int64), notInteger, notConstant }

    /// Folds integer literals and `+ - * div % /` (on exact quotients) over them.
    static func constantInteger(_ e: Expression) -> ConstantInteger {
        switch e {
        case .literal(let v, let t):
            guard t.isIntegral, let x = v.int64Value else { return .notInteger }
            return .value(x)
        case .unary(.negate, let a):
            guard case .value(let x) = constantInteger(a) else { return constantInteger(a) }
            let (r, o) = Int64(0).subtractingReportingOverflow(x)
            return o ? .notInteger : .value(r)
        case .unary(.positive, let a):
            return constantInteger(a)
        case .binary(let op, let a, let b) where op.isArithmetic:
            let (ca, cb) = (constantInteger(a), constantInteger(b))
            guard case .value(let x) = ca else { return ca }
            guard case .value(let y) = cb else { return cb }
            let r: (partialValue: Int64, overflow: Bool)
            switch op {
            case .add: r = x.addingReportingOverflow(y)
            case .subtract: r = x.subtractingReportingOverflow(y)
            case .multiply: r = x.multipliedReportingOverflow(by: y)
            case .integralDivide, .divide:
                guard y != 0 else { return .notConstant }
                if op == .divide, x % y != 0 { return .notInteger }
                r = x.dividedReportingOverflow(by: y)
            case .remainder:
                guard y != 0 else { return .notConstant }
                r = x.remainderReportingOverflow(dividingBy: y)
            default: return .notConstant
            }
            return r.overflow ? .notInteger : .value(r.partialValue)
        case .cast(let a, let t) where t.isIntegral:
            return constantInteger(a)
        default:
            return .notConstant
        }
    }
}
