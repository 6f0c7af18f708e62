/// Lifecycle events of streaming queries, delivered to ``StreamingQueryListener``s.
public enum StreamingQueryEvent: Sendable {
    case started(QueryStartedEvent)
    case progress(StreamingQueryProgress)
    case idle(QueryIdleEvent)
    case terminated(QueryTerminatedEvent)
}

public struct QueryStartedEvent: Sendable {
    public var id: String
    public var runId: String
    public var name: String?
    public var timestamp: String
}

public struct QueryIdleEvent: Sendable {
    public var id: String
    public var runId: String
    public var timestamp: String
}

public struct QueryTerminatedEvent: Sendable {
    public var id: String
    public var runId: String
    /// The error that stopped the query, or nil when it was stopped normally.
    public var exception: String?
}

/// Receives streaming query events (Spark's `StreamingQueryListener`), registered with
/// `spark.streams.addListener`. Callbacks run on the query's thread; keep them short.
///
/// ```swift
/// final class Printer: StreamingQueryListener {
///     func onQueryProgress(_ p: StreamingQueryProgress) { print(p.numInputRows) }
/// }
/// spark.streams.addListener(Printer())
/// ```
public protocol StreamingQueryListener: AnyObject, Sendable {
    func onQueryStarted(_ event: QueryStartedEvent)
    func onQueryProgress(_ event: StreamingQueryProgress)
    func onQueryIdle(_ event: QueryIdleEvent)
    func onQueryTerminated(_ event: QueryTerminatedEvent)
}

extension StreamingQueryListener {
    public func onQueryStarted(_ event: QueryStartedEvent) {}
    public func onQueryProgress(_ event: StreamingQueryProgress) {}
    public func onQueryIdle(_ event: QueryIdleEvent) {}
    public func onQueryTerminated(_ event: QueryTerminatedEvent) {}
}
