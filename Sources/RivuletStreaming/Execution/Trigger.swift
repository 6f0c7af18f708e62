/// When a streaming query runs its next micro-batch (Spark's `Trigger`).
///
/// ```swift
/// .trigger(.processingTime(.seconds(1)))
/// .trigger(try .processingTime("1 minute"))
/// .trigger(.availableNow)
/// ```
public enum Trigger: Sendable, Equatable, CustomStringConvertible {
    /// Micro-batches back to back, or every `interval` (`.zero` = as soon as the last one ends).
    case processingTime(Duration)
    /// One micro-batch with everything available, then stop (deprecated in Spark in favour of
    /// ``availableNow``, kept for compatibility).
    case once
    /// Everything available at start, in as many micro-batches as the sources' rate limits need,
    /// then stop.
    case availableNow

    /// Spark's default trigger: the next batch as soon as the previous one ends.
    public static let `default` = Trigger.processingTime(.zero)

    /// A processing-time trigger from Spark's interval strings: `"1 minute"`, `"10 seconds"`,
    /// `"500 milliseconds"`, `"2 hours"`, `"1s"`.
    public static func processingTime(_ text: String) throws(TriggerParseError) -> Trigger {
        .processingTime(try Self.parseInterval(text))
    }

    /// Parses `"<number> <unit>"` with Spark's unit names.
    public static func parseInterval(_ raw: String) throws(TriggerParseError) -> Duration {
        var text = raw.lowercased().trimmingCharacters(in: " ")
        if text.hasPrefix("interval ") { text = String(text.dropFirst(9)).trimmingCharacters(in: " ") }
        var number = ""
        var rest = Substring(text)
        while let c = rest.first, c.isNumber || c == "." { number.append(c); rest = rest.dropFirst() }
        let unit = String(rest).trimmingCharacters(in: " ")
        guard let value = Double(number), value >= 0 else { throw TriggerParseError(text: raw) }
        let seconds: Double
        switch unit {
        case "ms", "millisecond", "milliseconds", "msec", "msecs": seconds = value / 1000
        case "s", "sec", "secs", "second", "seconds", "": seconds = value
        case "m", "min", "mins", "minute", "minutes": seconds = value * 60
        case "h", "hour", "hours": seconds = value * 3600
        case "d", "day", "days": seconds = value * 86400
        default: throw TriggerParseError(text: raw)
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    public var description: String {
        switch self {
        case .processingTime(let d): return d == .zero ? "ProcessingTime(0)" : "ProcessingTime(\(d))"
        case .once: return "Once"
        case .availableNow: return "AvailableNow"
        }
    }
}

/// A trigger interval string that could not be read.
public struct TriggerParseError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "Invalid trigger interval '\(text)': expected a number and a unit such as '10 seconds' or '1 minute'"
    }
}

extension String {
    fileprivate func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
