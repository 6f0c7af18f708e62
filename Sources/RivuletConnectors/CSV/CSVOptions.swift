import RivuletCore

/// Spark's CSV options (reading and writing), parsed from the case-insensitive option map.
///
/// Defaults follow Spark 4: `sep` `,`, `quote` `"`, `escape` `\`, no `comment`, `header` false,
/// `inferSchema` false, `nullValue` "" (an unquoted empty field is null), `emptyValue` "" (a quoted
/// empty field `""`), `nanValue` `NaN`, `positiveInf` `Inf`, `negativeInf` `-Inf`, leading and
/// trailing white space kept when reading, `mode` PERMISSIVE.
public struct CSVOptions: Sendable {
    public var separator: [UInt8] = [UInt8(ascii: ",")]
    public var quote: UInt8? = UInt8(ascii: "\"")
    public var escape: UInt8? = UInt8(ascii: "\\")
    public var comment: UInt8?
    public var header = false
    public var inferSchema = false
    public var nullValue = ""
    public var emptyValue = ""
    public var nanValue = "NaN"
    public var positiveInf = "Inf"
    public var negativeInf = "-Inf"
    public var ignoreLeadingWhiteSpace = false
    public var ignoreTrailingWhiteSpace = false
    public var mode = ParseMode.permissive
    public var columnNameOfCorruptRecord = "_corrupt_record"
    public var multiLine = false
    /// `dateFormat` / `timestampFormat` as given (nil: Spark's ISO defaults with lenient fallback).
    public var dateFormat: String?
    public var timestampFormat: String?
    /// Writing: `quoteAll`, `escapeQuotes`.
    public var quoteAll = false
    public var escapeQuotes = true

    public init() {}

    public init(_ options: [String: String]) throws(RivuletError) {
        let o = SourceOptions(options)
        if let sep = o["sep"] ?? o["delimiter"] {
            separator = Array(Self.unescape(sep).utf8)
            guard !separator.isEmpty else { throw RivuletError(.analysis, "Delimiter cannot be empty string", errorClass: "INVALID_DELIMITER_VALUE.EMPTY_STRING") }
        }
        quote = try o.char("quote", default: UInt8(ascii: "\""))
        escape = try o.char("escape", default: UInt8(ascii: "\\"))
        comment = try o.char("comment", default: nil)
        header = try o.bool("header", default: false)
        inferSchema = try o.bool("inferSchema", default: false)
        nullValue = o["nullValue"] ?? ""
        emptyValue = o["emptyValue"] ?? ""
        nanValue = o["nanValue"] ?? "NaN"
        positiveInf = o["positiveInf"] ?? "Inf"
        negativeInf = o["negativeInf"] ?? "-Inf"
        ignoreLeadingWhiteSpace = try o.bool("ignoreLeadingWhiteSpace", default: false)
        ignoreTrailingWhiteSpace = try o.bool("ignoreTrailingWhiteSpace", default: false)
        mode = ParseMode(option: o["mode"])
        columnNameOfCorruptRecord = o["columnNameOfCorruptRecord"] ?? "_corrupt_record"
        multiLine = try o.bool("multiLine", default: false)
        dateFormat = o["dateFormat"]
        timestampFormat = o["timestampFormat"]
        quoteAll = try o.bool("quoteAll", default: false)
        escapeQuotes = try o.bool("escapeQuotes", default: true)
        if let enc = (o["encoding"] ?? o["charset"])?.uppercased().replacingDashes(), enc != "UTF8" {
            throw RivuletError(.unsupportedOperation, "CSV encoding '\(o["encoding"] ?? o["charset"] ?? "")' is not supported; only UTF-8 is")
        }
    }

    /// `\t` and friends in a separator option.
    static func unescape(_ s: String) -> String {
        switch s {
        case "\\t": return "\t"
        case "\\n": return "\n"
        case "\\r": return "\r"
        case "\\\\": return "\\"
        case "\\u0001": return "\u{1}"
        default: return s
        }
    }
}

extension String {
    fileprivate func replacingDashes() -> String { filter { $0 != "-" && $0 != "_" } }
}
