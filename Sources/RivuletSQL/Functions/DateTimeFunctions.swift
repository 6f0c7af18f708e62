import RivuletCore

/// Date and time functions (session time zone UTC; dates are days, timestamps microseconds).
extension BuiltinFunctions {
    static let dateTime: [FunctionDescriptor] = {
        typealias F = FunctionSupport
        var out: [FunctionDescriptor] = []
        for n in ["current_timestamp", "now", "localtimestamp"] {
            out.append(F.scalar(n, 0...0) { _ in F.call("current_timestamp", [], .timestamp, nullable: false, deterministic: false) })
        }
        for n in ["current_date", "curdate"] {
            out.append(F.scalar(n, 0...0) { _ in F.call("current_date", [], .date, nullable: false, deterministic: false) })
        }
        out.append(F.scalar("current_timezone", 0...0) { _ in .literal(.string("UTC"), .string) })
        // Field extraction from a date (strings and timestamps convert to DATE).
        for n in ["year", "month", "dayofmonth", "day", "dayofweek", "weekday", "dayofyear", "weekofyear", "quarter"] {
            let canonical = n == "day" ? "dayofmonth" : n
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                F.call(canonical, [try F.coerce(n, args, 0, .date)], .integer)
            })
        }
        for n in ["hour", "minute", "second"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                F.call(n, [try F.coerce(n, args, 0, .timestamp)], .integer)
            })
        }
        for n in ["to_timestamp", "try_to_timestamp"] {
            out.append(F.scalar(n, 1...2) { (args) throws(RivuletError) in
                if args.count == 1 {
                    if n == "to_timestamp" {
                        switch args[0].dataType {
                        case .timestamp: return args[0]
                        case .date: return .cast(args[0], .timestamp)
                        default: break
                        }
                    }
                    return F.call(n, [try F.coerce(n, args, 0, .string)], .timestamp, nullable: true)
                }
                return F.call(n, try F.coerceAll(n, args, [.string, .string]), .timestamp, nullable: true)
            })
        }
        for n in ["to_date", "try_to_date"] {
            out.append(F.scalar(n, 1...2) { (args) throws(RivuletError) in
                if args.count == 1 {
                    switch args[0].dataType {
                    case .date: return args[0]
                    case .timestamp: return .cast(args[0], .date)
                    default: return F.call(n, [try F.coerce(n, args, 0, .string)], .date, nullable: true)
                    }
                }
                return F.call(n, try F.coerceAll(n, args, [.string, .string]), .date, nullable: true)
            })
        }
        out.append(F.scalar("date_format", 2...2) { (args) throws(RivuletError) in
            F.call("date_format", try F.coerceAll("date_format", args, [.timestamp, .string]), .string)
        })
        for n in ["unix_timestamp", "to_unix_timestamp"] {
            out.append(F.scalar(n, 0...2) { (args) throws(RivuletError) in
                if args.isEmpty { return F.call("unix_timestamp", [], .long, nullable: false, deterministic: false) }
                var a: [Expression]
                switch args[0].dataType {
                case .timestamp, .date: a = [TypeCoercion.cast(args[0], to: .timestamp)]
                default: a = [try F.coerce(n, args, 0, .string)]
                }
                a.append(args.count == 2 ? try F.coerce(n, args, 1, .string) : .literal(.string("yyyy-MM-dd HH:mm:ss"), .string))
                return F.call("unix_timestamp", a, .long, nullable: true)
            })
        }
        out.append(F.scalar("from_unixtime", 1...2) { (args) throws(RivuletError) in
            var a = try F.coerceAll("from_unixtime", args, [.long, .string])
            if a.count == 1 { a.append(.literal(.string("yyyy-MM-dd HH:mm:ss"), .string)) }
            return F.call("from_unixtime", a, .string)
        })
        out.append(F.scalar("timestamp_seconds", 1...1) { (args) throws(RivuletError) in
            let x = try F.coerce("timestamp_seconds", args, 0, .numeric)
            return F.call("timestamp_seconds", [x], .timestamp)
        })
        for n in ["timestamp_millis", "timestamp_micros"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                F.call(n, [try F.coerce(n, args, 0, .long)], .timestamp)
            })
        }
        for n in ["unix_seconds", "unix_millis", "unix_micros"] {
            out.append(F.scalar(n, 1...1) { (args) throws(RivuletError) in
                F.call(n, [try F.coerce(n, args, 0, .timestamp)], .long)
            })
        }
        out.append(F.scalar("unix_date", 1...1) { (args) throws(RivuletError) in
            F.call("unix_date", [try F.coerce("unix_date", args, 0, .date)], .integer)
        })
        out.append(F.scalar("date_from_unix_date", 1...1) { (args) throws(RivuletError) in
            F.call("date_from_unix_date", [try F.coerce("date_from_unix_date", args, 0, .integer)], .date)
        })
        for n in ["date_add", "date_sub", "dateadd"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                let a = try F.coerceAll(n, args, [.date, .intFamily])
                return F.call(n == "dateadd" ? "date_add" : n, a, .date)
            })
        }
        for n in ["datediff", "date_diff"] {
            out.append(F.scalar(n, 2...2) { (args) throws(RivuletError) in
                F.call("datediff", try F.coerceAll(n, args, [.date, .date]), .integer)
            })
        }
        out.append(F.scalar("add_months", 2...2) { (args) throws(RivuletError) in
            F.call("add_months", try F.coerceAll("add_months", args, [.date, .intFamily]), .date)
        })
        out.append(F.scalar("months_between", 2...3) { (args) throws(RivuletError) in
            var a = try F.coerceAll("months_between", args, [.timestamp, .timestamp, .boolean])
            if a.count == 2 { a.append(.literal(.boolean(true), .boolean)) }
            return F.call("months_between", a, .double)
        })
        out.append(F.scalar("last_day", 1...1) { (args) throws(RivuletError) in
            F.call("last_day", [try F.coerce("last_day", args, 0, .date)], .date)
        })
        out.append(F.scalar("next_day", 2...2) { (args) throws(RivuletError) in
            F.call("next_day", try F.coerceAll("next_day", args, [.date, .string]), .date, nullable: true)
        })
        out.append(F.scalar("trunc", 2...2) { (args) throws(RivuletError) in
            F.call("trunc", try F.coerceAll("trunc", args, [.date, .string]), .date, nullable: true)
        })
        out.append(F.scalar("date_trunc", 2...2) { (args) throws(RivuletError) in
            F.call("date_trunc", try F.coerceAll("date_trunc", args, [.string, .timestamp]), .timestamp, nullable: true)
        })
        out.append(F.scalar("make_date", 3...3) { (args) throws(RivuletError) in
            F.call("make_date", try F.coerceAll("make_date", args, [.integer, .integer, .integer]), .date)
        })
        out.append(F.scalar("make_timestamp", 6...6) { (args) throws(RivuletError) in
            let a = try F.coerceAll("make_timestamp", args,
                                    [.integer, .integer, .integer, .integer, .integer, .exact(.decimal(precision: 16, scale: 6))])
            return F.call("make_timestamp", a, .timestamp)
        })
        return out
    }()
}
