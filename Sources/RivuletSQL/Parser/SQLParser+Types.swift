import RivuletCore

/// Data types in SQL text (`CAST(x AS decimal(10,2))`, `x::array<string>`), the same grammar as
/// ``DataType/fromDDL(_:)`` plus `INTERVAL` types.
extension SQLTokenParser {
    mutating func parseDataType() throws(RivuletError) -> DataType {
        try enter()
        defer { leave() }
        let t = current
        guard case .word(let word) = t.kind else { throw syntaxError() }
        advance()
        switch word.uppercased() {
        case "ARRAY":
            try expectSymbol("<")
            let element = try parseDataType()
            try expectCloseAngle()
            return .array(element, containsNull: true)
        case "MAP":
            try expectSymbol("<")
            let key = try parseDataType()
            try expectSymbol(",")
            let value = try parseDataType()
            try expectCloseAngle()
            return .map(key, value, valueContainsNull: true)
        case "STRUCT":
            try expectSymbol("<")
            var fields: [StructField] = []
            if !isCloseAngle {
                repeat { fields.append(try parseStructField()) } while acceptSymbol(",")
            }
            try expectCloseAngle()
            return .struct(StructType(fields))
        case "DECIMAL", "DEC", "NUMERIC":
            guard acceptSymbol("(") else { return .defaultDecimal }
            let p = try parseSmallInteger()
            let s = acceptSymbol(",") ? try parseSmallInteger() : 0
            try expectSymbol(")")
            guard p >= 1, p <= DataType.maxDecimalPrecision, s >= 0, s <= p else {
                throw RivuletError(.sql, "Decimal precision \(p) and scale \(s) are invalid: precision must be in 1...\(DataType.maxDecimalPrecision) and scale in 0...precision.",
                                   errorClass: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", position: t.position)
            }
            return .decimal(precision: p, scale: s)
        case "CHAR", "VARCHAR", "CHARACTER":
            if acceptSymbol("(") {
                _ = try parseSmallInteger()
                try expectSymbol(")")
            }
            return .string
        case "INTERVAL":
            let from = try parseIdentifier().uppercased()
            var units = [from]
            if acceptKeyword("TO") { units.append(try parseIdentifier().uppercased()) }
            let fields = units.compactMap { IntervalField(name: $0) }
            if fields.count == units.count, let a = fields.first, let b = fields.last, a <= b {
                if b <= .month { return .yearMonthInterval(a, b) }
                if a >= .day { return .dayTimeInterval(a, b) }
            }
            throw RivuletError(.sql, "Unsupported data type \"INTERVAL \(units.joined(separator: " TO "))\".",
                               errorClass: "UNSUPPORTED_DATATYPE", position: t.position)
        default:
            if let p = DataType.primitive(named: word) { return p }
            throw RivuletError(.sql, "Unsupported data type \"\(word.uppercased())\".", errorClass: "UNSUPPORTED_DATATYPE", position: t.position)
        }
    }

    /// `name [:] type [NOT NULL] [COMMENT 'text']`.
    private mutating func parseStructField() throws(RivuletError) -> StructField {
        let name = try parseIdentifier()
        _ = acceptSymbol(":")
        let type = try parseDataType()
        var nullable = true
        var comment: String?
        while true {
            if current.isKeyword("NOT"), peek(1).isKeyword("NULL") {
                advance(); advance()
                nullable = false
            } else if acceptKeyword("COMMENT") {
                guard let c = try parseStringLiteralText() else { throw syntaxError() }
                comment = c
            } else {
                break
            }
        }
        return StructField(name, type, nullable: nullable, comment: comment)
    }

    private mutating func parseSmallInteger() throws(RivuletError) -> Int {
        guard case .number(let n) = current.kind, let v = Int(n), v < 1_000_000 else { throw syntaxError() }
        advance()
        return v
    }

    private var isCloseAngle: Bool {
        current.isSymbol(">") || current.isSymbol(">>") || current.isSymbol(">>>")
    }

    /// Consumes one `>`; a `>>` token (as in `array<array<int>>`) is split in two.
    private mutating func expectCloseAngle() throws(RivuletError) {
        let t = current
        guard case .symbol(let s) = t.kind, s.hasPrefix(">"), s.allSatisfy({ $0 == ">" }) else { throw syntaxError() }
        if s.count == 1 {
            advance()
            return
        }
        let rest = String(s.dropFirst())
        let p = t.position
        tokens[index] = SQLToken(kind: .symbol(rest), text: rest,
                                 position: SourcePosition(line: p.line, column: p.column + 1, offset: p.offset + 1))
    }
}
