/// The one error type of Rivulet.
///
/// Every failure carries a stable ``Code`` (what kind of problem), a human message that names the
/// offending column, option, offset or file, and optionally the position in SQL text and the
/// underlying cause.
///
/// ```swift
/// do { _ = try df.select("wrod") }
/// catch let e as RivuletError where e.code == .analysis { print(e.message) }
/// ```
public struct RivuletError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Stable error categories (never renamed; tools may match on them).
    public enum Code: String, Sendable, Equatable {
        case sql, analysis, plan, execution, io, checkpoint, connector, unsupportedOperation, `internal`
    }

    public var code: Code
    public var message: String
    /// Spark's error class where one applies (e.g. `UNRESOLVED_COLUMN.WITH_SUGGESTION`).
    public var errorClass: String?
    /// 1-based line and column in SQL text, when the error comes from parsing or analysing SQL.
    public var position: SourcePosition?
    /// A description of the underlying error, if any.
    public var cause: String?

    public init(
        _ code: Code, _ message: String, errorClass: String? = nil,
        position: SourcePosition? = nil, cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.errorClass = errorClass
        self.position = position
        self.cause = cause.map { String(describing: $0) }
    }

    public var description: String {
        var s = "[\(code.rawValue)]"
        if let errorClass { s += " [\(errorClass)]" }
        s += " \(message)"
        if let position { s += " (line \(position.line), pos \(position.column))" }
        if let cause { s += "; caused by: \(cause)" }
        return s
    }

    public static func == (a: RivuletError, b: RivuletError) -> Bool {
        a.code == b.code && a.message == b.message && a.errorClass == b.errorClass && a.position == b.position
    }

    // Shorthands used throughout the engine.
    public static func analysis(_ m: String, errorClass: String? = nil, position: SourcePosition? = nil) -> RivuletError {
        RivuletError(.analysis, m, errorClass: errorClass, position: position)
    }
    public static func sql(_ m: String, position: SourcePosition? = nil) -> RivuletError {
        RivuletError(.sql, m, errorClass: "PARSE_SYNTAX_ERROR", position: position)
    }
    public static func execution(_ m: String, errorClass: String? = nil) -> RivuletError {
        RivuletError(.execution, m, errorClass: errorClass)
    }
    public static func io(_ m: String, cause: (any Error)? = nil) -> RivuletError {
        RivuletError(.io, m, cause: cause)
    }
    public static func unsupported(_ m: String, errorClass: String? = nil) -> RivuletError {
        RivuletError(.unsupportedOperation, m, errorClass: errorClass)
    }
    public static func `internal`(_ m: String) -> RivuletError { RivuletError(.internal, m) }
}

/// A position in SQL text: 1-based line, 0-based column as Spark prints it (`line 1, pos 7`).
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// Offset in characters from the start of the text.
    public var offset: Int
    public init(line: Int, column: Int, offset: Int) {
        self.line = line; self.column = column; self.offset = offset
    }
    public var description: String { "line \(line), pos \(column)" }
}
