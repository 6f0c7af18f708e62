import RivuletCore
import RivuletSQL

/// Spark's ANSI-mode runtime errors (`spark.sql.ansi.enabled=true`, the Spark 4 default).
enum AnsiErrors {
    static let bypass = "If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."

    /// `[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add' ...`
    static func overflow(_ typeName: String, suggestion: String?) -> RivuletError {
        var m = "\(typeName) overflow."
        if let suggestion { m += " Use '\(suggestion)' to tolerate overflow and return NULL instead." }
        return .execution(m + " " + bypass, errorClass: "ARITHMETIC_OVERFLOW")
    }

    /// `[REMAINDER_BY_ZERO]` for `a % 0` (Spark's `Remainder` and `pmod`).
    static func remainderByZero() -> RivuletError {
        .execution(
            "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. " + bypass,
            errorClass: "REMAINDER_BY_ZERO")
    }

    static func divideByZero() -> RivuletError {
        .execution(
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. " + bypass,
            errorClass: "DIVIDE_BY_ZERO")
    }

    static func decimalOutOfRange(_ value: String, precision: Int, scale: Int) -> RivuletError {
        .execution(
            "\(value) cannot be represented as Decimal(\(precision), \(scale)). " + bypass,
            errorClass: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION")
    }

    static func invalidArrayIndex(_ index: Int64, size: Int) -> RivuletError {
        .execution(
            "The index \(index) is out of bounds. The array has \(size) elements. Use the SQL function `get()` to "
                + "tolerate accessing element at invalid index and return NULL instead. " + bypass,
            errorClass: "INVALID_ARRAY_INDEX")
    }

    /// Spark's overflow type names: `integer`, `long`, `tinyint`, `smallint`.
    static func typeName(_ t: DataType) -> String {
        switch t {
        case .byte: return "tinyint"
        case .short: return "smallint"
        case .integer: return "integer"
        case .long: return "long"
        default: return t.simpleString
        }
    }

    /// The `try_*` function Spark suggests for an operator.
    static func trySuggestion(_ op: BinaryOperator) -> String? {
        switch op {
        case .add: return "try_add"
        case .subtract: return "try_subtract"
        case .multiply: return "try_multiply"
        case .divide, .integralDivide: return "try_divide"
        case .remainder: return "try_mod"
        default: return nil
        }
    }
}
