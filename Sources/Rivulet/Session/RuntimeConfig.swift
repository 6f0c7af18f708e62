import Synchronization

/// Session configuration (`spark.conf`): string keys and values, like Spark's `RuntimeConfig`.
///
/// ```swift
/// spark.conf.set("spark.sql.shuffle.partitions", "8")
/// spark.conf.get("spark.sql.shuffle.partitions")   // "8"
/// ```
public final class RuntimeConfig: Sendable {
    private let values: Mutex<[String: String]>

    init(_ initial: [String: String]) { values = Mutex(initial) }

    public func set(_ key: String, _ value: String) { values.withLock { $0[key] = value } }
    public func set(_ key: String, _ value: Int) { set(key, String(value)) }
    public func set(_ key: String, _ value: Bool) { set(key, value ? "true" : "false") }

    /// The value for `key`, or `defaultValue`.
    public func get(_ key: String, _ defaultValue: String? = nil) -> String? {
        values.withLock { $0[key] } ?? defaultValue
    }

    public func unset(_ key: String) { _ = values.withLock { $0.removeValue(forKey: key) } }

    /// All settings.
    public var all: [String: String] { values.withLock { $0 } }

    func int(_ key: String) -> Int? { get(key).flatMap { Int($0) } }
    func bool(_ key: String) -> Bool? { get(key).map { $0.lowercased() == "true" } }
}
