import Foundation

/// Exponential backoff with jitter: `retry.backoff.ms` doubling up to `retry.backoff.max.ms`,
/// within a deadline (the retry budget).
struct Backoff: Sendable {
    let initialMs: Int
    let maxMs: Int
    let maxAttempts: Int
    let deadline: ContinuousClock.Instant
    private(set) var attempt = 0

    init(configuration: KafkaConfiguration, budgetMs: Int) {
        initialMs = configuration.retryBackoffMs
        maxMs = max(configuration.retryBackoffMaxMs, configuration.retryBackoffMs)
        maxAttempts = configuration.retries
        deadline = .now + .milliseconds(budgetMs)
    }

    /// The next delay, or nil when the attempts or the time budget are used up.
    mutating func next() -> Duration? {
        attempt += 1
        guard attempt <= maxAttempts else { return nil }
        let exponent = min(attempt - 1, 20)
        let base = min(Double(initialMs) * pow(2, Double(exponent)), Double(maxMs))
        let jittered = base * Double.random(in: 0.8...1.2)
        let delay = Duration.milliseconds(Int64(jittered))
        guard ContinuousClock.now + delay < deadline else { return nil }
        return delay
    }

    /// Sleeps for the next delay; false when the budget is exhausted.
    mutating func wait() async -> Bool {
        guard let delay = next() else { return false }
        try? await Task.sleep(for: delay)
        return true
    }
}
