/// Golden cases that exercise Spark features Rivulet does not have yet, each with the reason.
///
/// A listed case is still run: it must still fail (so the list can never hide a regression of a
/// working feature, and a case that starts passing is reported so its entry gets removed). None of
/// these features is among the core engine's required ones; each is tracked as follow-up work.
enum GoldenKnownGaps {
    static let cases: [String: String] = [
        "aggregates.test:100": "aggregate FILTER (WHERE ...) clauses",
        "collections.test:148": "higher-order functions with lambdas (transform, filter, exists, aggregate)",
    ]
}
