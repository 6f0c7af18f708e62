import RivuletCore

/// Operator expressions with Spark's precedence, lowest first:
/// OR; AND; NOT; predicates (`BETWEEN`, `IN`, `LIKE`, `IS NULL`, ...); comparison; `|`; `^`; `&`;
/// shifts; `+ - ||`; `* / % DIV`; unary `- + ~`; postfix `.f`, `[i]`, `::type`.
extension SQLTokenParser {
    /// `expr [AS] alias`, `*`, `t.*`.
    mutating func parseNamedExpression() throws(RivuletError) -> Expression {
        let e = try parseExpression()
        if acceptKeyword("AS") {
            if current.isSymbol("(") { return .multiAlias(e, names: try parseIdentifierList()) }
            return .alias(e, name: try parseIdentifier(), exprId: .next())
        }
        if isImplicitAlias {
            return .alias(e, name: try parseIdentifier(), exprId: .next())
        }
        return e
    }

    /// A full (boolean) expression.
    mutating func parseExpression() throws(RivuletError) -> Expression {
        try enter()
        defer { leave() }
        var left = try parseAnd()
        while acceptKeyword("OR") { left = .binary(.or, left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(RivuletError) -> Expression {
        var left = try parseNot()
        while acceptKeyword("AND") { left = .binary(.and, left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(RivuletError) -> Expression {
        if current.isKeyword("NOT") || current.isSymbol("!") {
            advance()
            try enter()
            defer { leave() }
            return .unary(.not, try parseNot())
        }
        if current.isKeyword("EXISTS"), peek(1).isSymbol("(") {
            advance()
            return .exists(SubqueryExpression(plan: try parseSubqueryBody()))
        }
        return try parsePredicated()
    }

    /// A value expression followed by at most one predicate.
    private mutating func parsePredicated() throws(RivuletError) -> Expression {
        let value = try parseValueExpression()
        let negated: Bool
        if current.isKeyword("NOT"),
           let k = peek(1).keyword, ["BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP"].contains(k) {
            advance()
            negated = true
        } else {
            negated = false
        }
        func not(_ e: Expression) -> Expression { negated ? .unary(.not, e) : e }
        let opToken = current
        switch current.keyword {
        case "BETWEEN":
            advance()
            let lower = try parseValueExpression()
            try expectKeyword("AND")
            let upper = try parseValueExpression()
            return not(.binary(.and, .binary(.greaterThanOrEqual, value, lower), .binary(.lessThanOrEqual, value, upper)))
        case "IN":
            advance()
            if current.isSymbol("("), let k = peek(1).keyword, SQLKeywords.queryStart.contains(k) {
                return not(.inSubquery(value, SubqueryExpression(plan: try parseSubqueryBody())))
            }
            try expectSymbol("(")
            var list = [try parseExpression()]
            while acceptSymbol(",") { list.append(try parseExpression()) }
            try expectSymbol(")")
            return not(.inList(value, list))
        case "LIKE", "ILIKE":
            advance()
            let ci = opToken.keyword == "ILIKE"
            func lower(_ e: Expression, _ t: SQLToken) -> Expression {
                ci ? .unresolvedFunction(name: "lower", arguments: [e], isDistinct: false, position: t.position) : e
            }
            if let q = current.keyword, q == "ANY" || q == "SOME" || q == "ALL", peek(1).isSymbol("(") {
                // x LIKE ANY ('a%', 'b%') -> OR of LIKEs; LIKE ALL -> AND; NOT negates each one.
                advance()
                try expectSymbol("(")
                var patterns = [try parseExpression()]
                while acceptSymbol(",") { patterns.append(try parseExpression()) }
                try expectSymbol(")")
                let op: BinaryOperator = q == "ALL" ? .and : .or
                let likes = patterns.map { p -> Expression in not(.like(lower(value, opToken), lower(p, opToken), escape: "\\")) }
                return likes.dropFirst().reduce(likes[0]) { .binary(op, $0, $1) }
            }
            let pattern = try parseValueExpression()
            var escape: Character = "\\"
            if acceptKeyword("ESCAPE") {
                let t = current
                guard let s = try parseStringLiteralText(), s.count == 1, let c = s.first else {
                    throw RivuletError(.sql, "The escape character must be a string literal of length one.",
                                       errorClass: "INVALID_ESCAPE_CHAR", position: t.position)
                }
                escape = c
            }
            if ci && escape == "\\" {
                return not(.unresolvedFunction(name: "ilike", arguments: [value, pattern], isDistinct: false, position: opToken.position))
            }
            return not(.like(lower(value, opToken), lower(pattern, opToken), escape: escape))
        case "RLIKE", "REGEXP":
            advance()
            return not(.rlike(value, try parseValueExpression()))
        case "IS":
            advance()
            let isNot = acceptKeyword("NOT")
            func maybeNot(_ e: Expression) -> Expression { isNot ? .unary(.not, e) : e }
            switch current.keyword {
            case "NULL":
                advance()
                return isNot ? .isNotNull(value) : .isNull(value)
            case "UNKNOWN":
                advance()
                return isNot ? .isNotNull(value) : .isNull(value)
            case "TRUE", "FALSE":
                let b = current.keyword == "TRUE"
                advance()
                return maybeNot(.binary(.nullSafeEqual, value, .literal(.boolean(b), .boolean)))
            case "DISTINCT":
                advance()
                try expectKeyword("FROM")
                let other = try parseValueExpression()
                let eq: Expression = .binary(.nullSafeEqual, value, other)
                return isNot ? eq : .unary(.not, eq)
            default:
                throw syntaxError()
            }
        default:
            if negated { throw syntaxError() }
            return value
        }
    }

    // MARK: binary operators (precedence climbing over Spark's valueExpression levels)

    private static let levels: [[String: BinaryOperator?]] = [
        ["=": .equal, "==": .equal, "<>": .notEqual, "!=": .notEqual, "<": .lessThan, "<=": .lessThanOrEqual,
         ">": .greaterThan, ">=": .greaterThanOrEqual, "<=>": .nullSafeEqual],
        ["|": .bitwiseOr],
        ["^": .bitwiseXor],
        ["&": .bitwiseAnd],
        // Shifts have no BinaryOperator: they become shiftleft / shiftright / shiftrightunsigned calls.
        ["<<": nil, ">>": nil, ">>>": nil],
        ["+": .add, "-": .subtract, "||": .concat],
        ["*": .multiply, "/": .divide, "%": .remainder, "DIV": .integralDivide],
    ]

    private static let shiftFunctions = ["<<": "shiftleft", ">>": "shiftright", ">>>": "shiftrightunsigned"]

    /// Spark's `valueExpression`: arithmetic, bitwise and comparison operators (no predicates).
    mutating func parseValueExpression() throws(RivuletError) -> Expression {
        try parseBinary(level: 0)
    }

    private func binaryOperatorKey(level: Int) -> String? {
        let key: String
        switch current.kind {
        case .symbol(let s): key = s
        case .word(let w) where level == 6 && w.uppercased() == "DIV": key = "DIV"
        default: return nil
        }
        return Self.levels[level].keys.contains(key) ? key : nil
    }

    private mutating func parseBinary(level: Int) throws(RivuletError) -> Expression {
        if level == Self.levels.count { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while let key = binaryOperatorKey(level: level) {
            let opToken = current
            advance()
            let right = try parseBinary(level: level + 1)
            if let op = Self.levels[level][key] ?? nil {
                left = .binary(op, left, right)
            } else {
                let name = Self.shiftFunctions[key] ?? key
                left = .unresolvedFunction(name: name, arguments: [left, right], isDistinct: false, position: opToken.position)
            }
        }
        return left
    }

    private mutating func parseUnary() throws(RivuletError) -> Expression {
        let t = current
        if t.isSymbol("-") || t.isSymbol("+") || t.isSymbol("~") {
            advance()
            if t.isSymbol("-"), case .number(let n) = current.kind {
                // Spark's grammar folds the sign into the literal: -2147483648 is an int.
                let numberToken = current
                advance()
                return try parsePostfix(try numberLiteral(n, negative: true, token: numberToken))
            }
            try enter()
            defer { leave() }
            let operand = try parseUnary()
            switch t.text {
            case "-": return .unary(.negate, operand)
            case "+": return .unary(.positive, operand)
            default: return .unary(.bitwiseNot, operand)
            }
        }
        return try parsePostfix(try parsePrimary())
    }

    /// `.field`, `[key]`, `::type` after a primary expression.
    mutating func parsePostfix(_ base: Expression) throws(RivuletError) -> Expression {
        var e = base
        while true {
            if current.isSymbol(".") {
                let dot = current
                advance()
                if acceptSymbol("*") {
                    guard case .unresolvedAttribute(let n) = e else { throw syntaxError(dot) }
                    e = .unresolvedStar(qualifier: n.parts)
                    continue
                }
                guard let field = current.identifierName else { throw syntaxError() }
                advance()
                if case .unresolvedAttribute(var n) = e {
                    n.parts.append(field)
                    e = .unresolvedAttribute(n)
                } else {
                    e = .unresolvedExtract(e, .literal(.string(field), .string))
                }
            } else if current.isSymbol("[") {
                advance()
                let key = try parseExpression()
                try expectSymbol("]")
                e = .unresolvedExtract(e, key)
            } else if current.isSymbol("::") {
                advance()
                e = .cast(e, try parseDataType())
            } else {
                return e
            }
        }
    }
}
