import Foundation
import RivuletCore
import RivuletStreaming
import Synchronization

/// The streaming queries of a session (`spark.streams`): lookup, waiting, and listeners.
public final class StreamingQueryManager: Sendable {
    private struct State {
        var active: [StreamingQuery] = []
        var listeners: [any StreamingQueryListener] = []
        var terminatedSinceReset: [StreamingQuery] = []
    }
    private let state = Mutex(State())

    init() {}

    /// Queries started in this session and still running.
    public var active: [StreamingQuery] { state.withLock { $0.active.filter(\.isActive) } }

    /// The active query with this id.
    public func get(_ id: String) -> StreamingQuery? { active.first { $0.id == id } }

    public func addListener(_ l: any StreamingQueryListener) { state.withLock { $0.listeners.append(l) } }
    public func removeListener(_ l: any StreamingQueryListener) { state.withLock { $0.listeners.removeAll { $0 === l } } }

    /// Waits until any query terminates (since the last `resetTerminated`); rethrows its failure.
    public func awaitAnyTermination() async throws(RivuletError) {
        while true {
            let done: StreamingQuery? = state.withLock { s in
                if let t = s.terminatedSinceReset.first { return t }
                return s.active.first { !$0.isActive }
            }
            if let done {
                if let e = done.exception { throw e }
                return
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Forgets terminated queries so `awaitAnyTermination` waits for a new one.
    public func resetTerminated() {
        state.withLock { s in
            s.terminatedSinceReset.removeAll()
            s.active.removeAll { !$0.isActive }
        }
    }

    func register(_ q: StreamingQuery) { state.withLock { $0.active.append(q) } }

    func unregister(_ q: StreamingQuery) {
        state.withLock { s in
            s.active.removeAll { $0 === q }
            s.terminatedSinceReset.append(q)
        }
    }

    func post(_ event: StreamingQueryEvent) {
        let listeners = state.withLock { $0.listeners }
        for l in listeners {
            switch event {
            case .started(let e): l.onQueryStarted(e)
            case .progress(let p): l.onQueryProgress(p)
            case .idle(let e): l.onQueryIdle(e)
            case .terminated(let e): l.onQueryTerminated(e)
            }
        }
    }
}
