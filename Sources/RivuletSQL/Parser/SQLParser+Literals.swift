import RivuletCore

/// Numeric, string and typed (`DATE '...'`, `TIMESTAMP '...'`, `X'...'`) literals with Spark's typing.
extension SQLTokenParser {
    /// Adjacent string literals concatenated (`'a' 'b'` is `'ab'`), or nil if no string is next.
    mutating func parseStringLiteralText() throws(RivuletError) -> String? {
        guard var s = current.stringValue else { return nil }
        advance()
        while let more = current.stringValue { s += more; advance() }
        return s
    }

    /// A numeric literal typed like Spark: `1` int (bigint, then decimal when too big), `1L` bigint,
    /// `1S` smallint, `1Y` tinyint, `1.5` decimal(2,1), `1.5D` / `1e3` double, `1F` float, `1.5BD` decimal.
    func numberLiteral(_ raw: String, negative: Bool, token: SQLToken) throws(RivuletError) -> Expression {
        let upper = raw.uppercased()
        let shown = (negative ? "-" : "") + raw
        func outOfRange(_ body: String, _ type: String, _ min: String, _ max: String) -> RivuletError {
            RivuletError(.sql, "Numeric literal \(body) is outside the valid range for \(type) with minimum value of \(min) and maximum value of \(max). Please adjust the value accordingly.",
                         errorClass: "INVALID_NUMERIC_LITERAL_RANGE", position: token.position)
        }
        if upper.hasSuffix("BD") {
            return try decimalLiteral(String(raw.dropLast(2)), negative: negative, token: token)
        }
        let body = String(raw.dropLast())
        let signedBody = (negative ? "-" : "") + body
        switch upper.last {
        case "D":
            guard let d = Double(signedBody), d.isFinite else {
                throw outOfRange(signedBody, "double", "-1.7976931348623157E+308", "1.7976931348623157E+308")
            }
            return .literal(.double(d), .double)
        case "F":
            guard let f = Float(signedBody), f.isFinite else {
                throw outOfRange(signedBody, "float", "-3.4028235E+38", "3.4028235E+38")
            }
            return .literal(.float(f), .float)
        case "L":
            guard let v = Int64(signedBody) else {
                throw outOfRange(signedBody, "bigint", "-9223372036854775808", "9223372036854775807")
            }
            return .literal(.long(v), .long)
        case "S":
            guard let v = Int16(signedBody) else { throw outOfRange(signedBody, "smallint", "-32768", "32767") }
            return .literal(.short(v), .short)
        case "Y":
            guard let v = Int8(signedBody) else { throw outOfRange(signedBody, "tinyint", "-128", "127") }
            return .literal(.byte(v), .byte)
        default:
            break
        }
        if upper.contains("E") {
            guard let d = Double(shown), d.isFinite else {
                throw outOfRange(shown, "double", "-1.7976931348623157E+308", "1.7976931348623157E+308")
            }
            return .literal(.double(d), .double)
        }
        if raw.contains(".") {
            return try decimalLiteral(raw, negative: negative, token: token)
        }
        if let v = Int32(shown) { return .literal(.int(v), .integer) }
        if let v = Int64(shown) { return .literal(.long(v), .long) }
        return try decimalLiteral(raw, negative: negative, token: token)
    }

    /// An exact decimal literal: precision = significant digits, scale = fraction digits (a negative
    /// scale from an exponent is folded into the unscaled value, as Spark does).
    private func decimalLiteral(_ text: String, negative: Bool, token: SQLToken) throws(RivuletError) -> Expression {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(mantissa[mantissa.index(after: e)...]), abs(x) < 10_000 else {
                throw RivuletError(.sql, "Invalid numeric literal \(token.text).", errorClass: "PARSE_SYNTAX_ERROR", position: token.position)
            }
            exponent = x
            mantissa = mantissa[..<e]
        }
        var digits: [UInt8] = []
        var scale = 0
        var seenDot = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { seenDot = true; continue }
            digits.append(c - 48)
            if seenDot { scale += 1 }
        }
        scale -= exponent
        if scale < 0 {
            digits += [UInt8](repeating: 0, count: -scale)
            scale = 0
        }
        while digits.count > 1, digits[0] == 0 { digits.removeFirst() }
        // Precision counts digits of the unscaled value; fraction digits beyond it still count (0.05 -> (2,2)).
        let precision = max(digits.count, scale)
        guard precision <= DataType.maxDecimalPrecision else {
            throw RivuletError(.sql, "Decimal precision \(precision) exceeds max precision \(DataType.maxDecimalPrecision).",
                               errorClass: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", position: token.position)
        }
        var unscaled: Int128 = 0
        for d in digits { unscaled = unscaled * 10 + Int128(d) }
        let value = DecimalValue(unscaled: negative ? -unscaled : unscaled, scale: scale)
        return .literal(.decimal(value), .decimal(precision: precision, scale: scale))
    }

    /// `DATE 'x'`, `TIMESTAMP 'x'`, `TIMESTAMP_NTZ 'x'`, `TIMESTAMP_LTZ 'x'`, `X'hex'`; the string token
    /// is current and `typeToken` was consumed.
    mutating func typedLiteral(_ typeToken: SQLToken) throws(RivuletError) -> Expression {
        let type = typeToken.text.uppercased()
        guard let text = try parseStringLiteralText() else { throw syntaxError() }
        func invalid() -> RivuletError {
            RivuletError(.sql, "The value of the typed literal \"\(type)\" is invalid: '\(text)'.",
                         errorClass: "INVALID_TYPED_LITERAL", position: typeToken.position)
        }
        switch type {
        case "DATE":
            guard let d = DateTimeUtils.parseDate(text) else { throw invalid() }
            return .literal(.date(d), .date)
        case "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ":
            guard let t = DateTimeUtils.parseTimestamp(text) else { throw invalid() }
            return .literal(.timestamp(t), .timestamp)
        default:
            guard let bytes = Self.unhex(text) else { throw invalid() }
            return .literal(.binary(bytes), .binary)
        }
    }

    /// Hex digits to bytes; an odd count gets a leading zero (Spark's `Hex.unhex`).
    static func unhex(_ s: String) -> [UInt8]? {
        var nibbles: [UInt8] = []
        for c in s.unicodeScalars {
            guard let v = SQLLexer.hexValue(c) else { return nil }
            nibbles.append(UInt8(v))
        }
        if nibbles.count % 2 == 1 { nibbles.insert(0, at: 0) }
        var out: [UInt8] = []
        out.reserveCapacity(nibbles.count / 2)
        var k = 0
        while k < nibbles.count { out.append(nibbles[k] << 4 | nibbles[k + 1]); k += 2 }
        return out
    }

    /// Typed-literal prefixes recognised before a string (`DATE '2024-01-01'`).
    static let typedLiteralWords: Set<String> = ["DATE", "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "X"]
}
