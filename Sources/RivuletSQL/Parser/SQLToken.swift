import RivuletCore

/// One lexical token of SQL text.
struct SQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An unquoted word: a keyword or an identifier (`SELECT`, `word`, `1a`).
        case word(String)
        /// A back-quoted identifier, unescaped (`` `a b` `` -> `a b`); never a keyword.
        case quotedIdentifier(String)
        /// A string literal, unescaped.
        case string(String)
        /// A numeric literal as written, suffix included (`1`, `1.5`, `1e3`, `10L`, `1.5BD`).
        case number(String)
        /// Punctuation or an operator (`(`, `,`, `<=>`, `||`, `::`).
        case symbol(String)
        /// End of input.
        case end
    }

    var kind: Kind
    /// The text as written in the source (for error messages).
    var text: String
    var position: SourcePosition

    /// The upper-cased word if this is an unquoted word.
    var keyword: String? {
        if case .word(let w) = kind { return w.uppercased() }
        return nil
    }

    func isKeyword(_ k: String) -> Bool { keyword == k }

    func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = kind { return x == s }
        return false
    }

    var isEnd: Bool {
        if case .end = kind { return true }
        return false
    }

    /// The identifier name for a word or back-quoted identifier.
    var identifierName: String? {
        switch kind {
        case .word(let w): return w
        case .quotedIdentifier(let q): return q
        default: return nil
        }
    }

    var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }
}
