import RivuletCore

/// `FROM` clauses: tables, subqueries, inline tables, `range(...)`, joins, aliases.
extension SQLTokenParser {
    /// `relation (, relation)*`; commas are cross joins.
    mutating func parseFromClause() throws(RivuletError) -> LogicalPlan {
        var plan = try parseRelation()
        while acceptSymbol(",") {
            plan = .join(JoinNode(left: plan, right: try parseRelation(), joinType: .cross, condition: nil))
        }
        return plan
    }

    /// A relation followed by any number of joins (left-deep, as in Spark).
    private mutating func parseRelation() throws(RivuletError) -> LogicalPlan {
        var left = try parseRelationPrimary()
        while true {
            let natural = acceptKeyword("NATURAL")
            guard let joinType = try parseJoinType() else {
                if natural { throw syntaxError() }
                break
            }
            if current.isKeyword("LATERAL") { throw unsupported("LATERAL joins", at: current) }
            let right = try parseRelationPrimary()
            var condition: Expression?
            var using: [String]?
            if natural {
                // NATURAL JOIN takes no ON / USING; the analyzer joins on every common column.
                var j = JoinNode(left: left, right: right, joinType: joinType, condition: nil)
                j.natural = true
                left = .join(j)
                continue
            }
            if acceptKeyword("ON") {
                condition = try parseExpression()
            } else if acceptKeyword("USING") {
                using = try parseIdentifierList()
            }
            left = .join(JoinNode(left: left, right: right, joinType: joinType, condition: condition, usingColumns: using))
        }
        return left
    }

    /// Consumes `[INNER] JOIN`, `LEFT [OUTER] JOIN`, `[LEFT] SEMI JOIN`, ... and returns the type,
    /// or nil (nothing consumed) when no join follows.
    private mutating func parseJoinType() throws(RivuletError) -> JoinType? {
        guard let k = current.keyword else { return nil }
        let type: JoinType
        var words = 1
        switch k {
        case "JOIN":
            advance()
            return .inner
        case "INNER": type = .inner
        case "CROSS": type = .cross
        case "LEFT", "RIGHT", "FULL":
            switch peek(1).keyword {
            case "OUTER": words = 2; type = k == "LEFT" ? .leftOuter : k == "RIGHT" ? .rightOuter : .fullOuter
            case "SEMI" where k == "LEFT": words = 2; type = .leftSemi
            case "ANTI" where k == "LEFT": words = 2; type = .leftAnti
            default: type = k == "LEFT" ? .leftOuter : k == "RIGHT" ? .rightOuter : .fullOuter
            }
        case "SEMI": type = .leftSemi
        case "ANTI": type = .leftAnti
        default: return nil
        }
        guard peek(words).isKeyword("JOIN") else { return nil }
        for _ in 0...words { advance() }
        return type
    }

    private mutating func parseRelationPrimary() throws(RivuletError) -> LogicalPlan {
        try enter()
        defer { leave() }
        let t = current
        var plan: LogicalPlan
        if t.isSymbol("(") {
            advance()
            if let k = current.keyword, SQLKeywords.queryStart.contains(k) {
                plan = try parseQuery()
            } else if current.isSymbol("("), startsParenthesizedQuery() {
                plan = try parseQuery()
            } else {
                plan = try parseRelation()
            }
            try expectSymbol(")")
        } else if t.isKeyword("VALUES") {
            return try parseInlineTable()
        } else {
            if let k = t.keyword, SQLKeywords.notColumnName.contains(k) { throw syntaxError() }
            let parts = try parseMultipartName()
            if current.isSymbol("(") {
                plan = try parseTableFunction(parts, t)
            } else {
                plan = .unresolvedRelation(UnresolvedName(parts, position: t.position))
            }
        }
        if current.isKeyword("TABLESAMPLE") { throw unsupported("TABLESAMPLE", at: current) }
        return try parseTableAlias(plan)
    }

    /// `[AS] alias [(c1, c2)]` after a relation.
    private mutating func parseTableAlias(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let name: String
        if acceptKeyword("AS") {
            name = try parseIdentifier()
        } else if isImplicitAlias {
            name = try parseIdentifier()
        } else {
            return plan
        }
        if current.isSymbol("(") {
            return .subqueryAlias(name, .renameColumns(try parseIdentifierList(), plan))
        }
        return .subqueryAlias(name, plan)
    }

    /// `range(end)`, `range(start, end[, step[, numPartitions]])`; other table functions are unsupported.
    private mutating func parseTableFunction(_ parts: [String], _ nameToken: SQLToken) throws(RivuletError) -> LogicalPlan {
        guard parts.count == 1, parts[0].lowercased() == "range" else {
            throw unsupported("The table-valued function \(parts.joined(separator: "."))", at: nameToken)
        }
        try expectSymbol("(")
        var args: [Int64] = []
        if !current.isSymbol(")") {
            repeat {
                let t = current
                guard case .value(let v) = Self.constantInteger(try parseExpression()) else {
                    throw RivuletError(.sql, "The arguments of range() must be constant integers.",
                                       errorClass: "PARSE_SYNTAX_ERROR", position: t.position)
                }
                args.append(v)
            } while acceptSymbol(",")
        }
        try expectSymbol(")")
        let start, end, step: Int64
        switch args.count {
        case 1: (start, end, step) = (0, args[0], 1)
        case 2, 3, 4: (start, end, step) = (args[0], args[1], args.count >= 3 ? args[2] : 1)
        default:
            throw RivuletError(.sql, "The function range requires 1 to 4 arguments, but \(args.count) were given.",
                               errorClass: "WRONG_NUM_ARGS", position: nameToken.position)
        }
        guard step != 0 else {
            throw RivuletError(.sql, "The step of range() cannot be 0.", errorClass: "PARSE_SYNTAX_ERROR", position: nameToken.position)
        }
        var partitions: Int?
        if args.count == 4 {
            guard args[3] > 0, args[3] <= Int64(Int32.max) else {
                throw RivuletError(.sql, "The number of partitions of range() must be positive, but got \(args[3]).",
                                   errorClass: "PARSE_SYNTAX_ERROR", position: nameToken.position)
            }
            partitions = Int(args[3])
        }
        return .range(RangeRelation(start: start, end: end, step: step, numPartitions: partitions))
    }

    /// `VALUES row, row [AS] [t(c1, c2)]` where a row is `(e1, e2)` or a single expression.
    mutating func parseInlineTable() throws(RivuletError) -> LogicalPlan {
        try expectKeyword("VALUES")
        var rows = [try parseInlineRow()]
        while acceptSymbol(",") { rows.append(try parseInlineRow()) }
        // Column names come from the alias, if any.
        var alias: String?
        var columns: [String] = []
        if acceptKeyword("AS") {
            alias = try parseIdentifier()
        } else if isImplicitAlias {
            alias = try parseIdentifier()
        }
        if alias != nil, current.isSymbol("(") { columns = try parseIdentifierList() }
        let table = LogicalPlan.unresolvedInlineTable(rows: rows, columnNames: columns)
        return alias.map { .subqueryAlias($0, table) } ?? table
    }

    private static let continuesExpression: Set<String> = [
        "AND", "OR", "IS", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP", "BETWEEN", "NOT", "DIV",
    ]

    private mutating func parseInlineRow() throws(RivuletError) -> [Expression] {
        if current.isSymbol("(") {
            let save = index
            advance()
            var items = [try parseExpression()]
            while acceptSymbol(",") { items.append(try parseExpression()) }
            try expectSymbol(")")
            // `(1, 2)` is a row; `(1) + 2` is an expression that happens to start with a parenthesis.
            let endsRow: Bool
            switch current.kind {
            case .symbol(let s): endsRow = s == "," || s == ")" || s == ";"
            case .word(let w): endsRow = !Self.continuesExpression.contains(w.uppercased())
            default: endsRow = true
            }
            if endsRow { return items }
            index = save
        }
        return [try parseExpression()]
    }
}
