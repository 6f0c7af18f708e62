/// Parser features, named after the Spark JSON options that switch them.
public struct JSONOptions: Sendable, Hashable {
    /// `allowComments` (Spark default false): `/* */` and `//` comments count as white space.
    public var allowComments = false
    /// `allowSingleQuotes` (Spark default true): strings and names may be `'quoted'`.
    public var allowSingleQuotes = true
    /// `allowUnquotedFieldNames` (Spark default false): `{a:1}`.
    public var allowUnquotedFieldNames = false
    /// `allowNonNumericNumbers` (Spark default true): `NaN`, `Infinity`, `+Infinity`, `-Infinity`.
    public var allowNonNumericNumbers = true
    /// `allowNumericLeadingZeros` (Spark default false): `007`.
    public var allowNumericLeadingZeros = false
    /// `allowBackslashEscapingAnyCharacter` (Spark default false): `\q` means `q`.
    public var allowBackslashEscapingAnyCharacter = false
    /// `allowUnquotedControlChars` (Spark default false): raw control characters inside strings.
    public var allowUnquotedControlChars = false
    /// Maximum nesting of arrays and objects (Jackson's default limit is 1000).
    public var maxDepth = 1000

    public init() {}

    /// Reads the parser switches from Spark's (case-insensitive) option map.
    public init(sparkOptions: [String: String]) {
        func flag(_ name: String, _ dflt: Bool) -> Bool {
            let lower = name.lowercased()
            guard let v = sparkOptions.first(where: { $0.key.lowercased() == lower })?.value else { return dflt }
            return v.lowercased() == "true"
        }
        allowComments = flag("allowComments", false)
        allowSingleQuotes = flag("allowSingleQuotes", true)
        allowUnquotedFieldNames = flag("allowUnquotedFieldNames", false)
        allowNonNumericNumbers = flag("allowNonNumericNumbers", true)
        allowNumericLeadingZeros = flag("allowNumericLeadingZeros", false)
        allowBackslashEscapingAnyCharacter = flag("allowBackslashEscapingAnyCharacter", false)
        allowUnquotedControlChars = flag("allowUnquotedControlChars", false)
    }
}
