import RivuletCore

/// How Spark spells a function call in auto-generated column names (`toPrettySQL`).
///
/// Spark's math expressions carry upper-case internal names (`FLOOR`, `POWER`, `SQRT`) unless
/// they were called through an alias that sets `FUNC_ALIAS` (`ceiling`, `pow`, `sign`), some
/// expressions drop non-child arguments (`first(x, true)` is `first(x)`, `from_json(v, schema)`
/// is `from_json(v)`), and a few have their own SQL form (`(IF(c, a, b))`, `TRIM(BOTH x FROM s)`,
/// `TRY_CAST(x AS INT)`).
public enum FunctionNaming {
    /// Called name → the name Spark prints when called by that (canonical) name.
    static let displayNames: [String: String] = [
        "acos": "ACOS", "asin": "ASIN", "atan": "ATAN", "cbrt": "CBRT", "ceil": "CEIL", "cos": "COS",
        "cosh": "COSH", "exp": "EXP", "expm1": "EXPM1", "floor": "FLOOR", "log10": "LOG10", "log1p": "LOG1P",
        "log2": "LOG2", "signum": "SIGNUM", "sin": "SIN", "sinh": "SINH", "sqrt": "SQRT", "tan": "TAN",
        "tanh": "TANH", "cot": "COT", "degrees": "DEGREES", "radians": "RADIANS", "acosh": "ACOSH",
        "asinh": "ASINH", "atanh": "ATANH", "sec": "SEC", "csc": "CSC", "power": "POWER", "atan2": "ATAN2",
        "hypot": "HYPOT", "pi": "PI", "e": "E", "log": "LOG", "regexp_like": "REGEXP_LIKE", "rlike": "RLIKE",
        "regexp": "REGEXP",
    ]

    /// Aggregates whose `ignoreNulls` flag is not an expression child in Spark (not printed).
    static let ignoreNullsAggregates: Set<String> = ["first", "last", "first_value", "last_value", "any_value"]

    /// The naming twin of a resolved function call: `called` is the lower-case name as written,
    /// `args` the naming twins of the arguments, `resolved` the resolved expression.
    static func naming(called: String, args: [Expression], resolved: Expression) -> Expression {
        let name = displayNames[called] ?? called
        switch resolved {
        case .scalarFunction(let f):
            var a = args
            if f.arguments.count > a.count { a += f.arguments[a.count...] }
            switch called {
            case "from_json", "try_cast": a = Array(a.prefix(1))
            case "log" where args.count == 1: a = [.scalarFunction(ScalarFunctionCall(name: "E", arguments: [], dataType: .double))] + a
            default: break
            }
            return .scalarFunction(ScalarFunctionCall(name: name, arguments: a, dataType: f.dataType))
        case .aggregateFunction(let f):
            let a = ignoreNullsAggregates.contains(called) ? Array(args.prefix(1)) : args
            return .aggregateFunction(AggregateCall(name: name, arguments: a, isDistinct: f.isDistinct, dataType: f.dataType))
        case .generator(let g):
            return .generator(GeneratorCall(name: name, arguments: args, outer: g.outer, elementSchema: g.elementSchema))
        case .isNull where args.count == 1:
            return .isNull(args[0])   // isnull(x) is named (x IS NULL), as Spark's IsNull prints
        case .isNotNull where args.count == 1:
            return .isNotNull(args[0])
        default:
            return .scalarFunction(ScalarFunctionCall(name: name, arguments: args, dataType: resolved.dataType))
        }
    }

    /// `ts + INTERVAL '1' DAY` (no parentheses, as Spark's `TimeAdd`/`DateAddInterval` print), and
    /// `date_add(d, extractansiintervaldays(...))` for a date plus a whole-day interval.
    static func datetimeIntervalNaming(_ op: BinaryOperator, _ resolved: [Expression], _ ns: [Expression], _ type: DataType) -> Expression? {
        guard op == .add || op == .subtract else { return nil }
        let lt = resolved[0].dataType, rt = resolved[1].dataType
        guard lt == .date || lt == .timestamp, rt.isInterval else { return nil }
        if op == .add, lt == .date, case .dayTimeInterval(let start, let end) = rt, start == .day, end == .day {
            let days = Expression.scalarFunction(ScalarFunctionCall(name: "extractansiintervaldays", arguments: [ns[1]], dataType: .integer))
            return .scalarFunction(ScalarFunctionCall(name: "date_add", arguments: [ns[0], days], dataType: .date))
        }
        return .scalarFunction(ScalarFunctionCall(name: op == .add ? " + " : " - ", arguments: ns, dataType: type))
    }

    /// Spark's own SQL form of a few calls, or nil for the generic `name(args)`.
    static func specialSQL(_ name: String, _ args: [Expression], _ type: DataType) -> String? {
        switch name {
        case "if" where args.count == 3:
            return "(IF(\(args[0].sql), \(args[1].sql), \(args[2].sql)))"
        case "trim" where args.count == 2, "ltrim" where args.count == 2, "rtrim" where args.count == 2:
            let side = name == "trim" ? "BOTH" : name == "ltrim" ? "LEADING" : "TRAILING"
            return "TRIM(\(side) \(args[0].sql) FROM \(args[1].sql))"
        case " + " where args.count == 2, " - " where args.count == 2:
            return args[0].sql + name + args[1].sql
        case "try_cast" where args.count == 1:
            return "TRY_CAST(\(args[0].sql) AS \(type.sql))"
        default:
            return nil
        }
    }
}
