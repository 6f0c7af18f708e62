import Dispatch
import RivuletCore
import Synchronization

/// Runs the async Kafka client from the engine's synchronous source and sink calls.
///
/// The query loop and the scan workers are ordinary threads; ``run(_:timeout:_:mapError:)`` starts
/// the async work in a detached task and blocks the calling thread on a semaphore until it ends or
/// the timeout passes (the task is then cancelled). The task prefers ``KafkaTaskExecutor``, a
/// serial dispatch queue of its own, so it never needs a thread of Swift's cooperative pool: a
/// caller that is itself a cooperative thread (a test, an `async` main) cannot starve it.
enum KafkaBlocking {
    /// Runs `body` and returns its result; a thrown error goes through `mapError`, a timeout is a
    /// connector error saying what was being done (`what`) and for how long.
    static func run<T: Sendable, E: Error>(
        _ what: @autoclosure () -> String, timeout: Duration,
        _ body: @escaping @Sendable () async throws(E) -> T,
        mapError: (E) -> RivuletError
    ) throws(RivuletError) -> T {
        let box = Mutex<Result<T, E>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = Task.detached(executorPreference: KafkaTaskExecutor.shared) {
            let r: Result<T, E>
            do throws(E) { r = .success(try await body()) } catch { r = .failure(error) }
            box.withLock { $0 = r }
            done.signal()
        }
        let c = timeout.components
        let nanos = c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000
        if done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanos))) == .timedOut {
            task.cancel()
            throw RivuletError(.connector, "Timed out after \(Self.describe(timeout)) while \(what())", errorClass: "KAFKA_TIMEOUT")
        }
        switch box.withLock({ $0 }) {
        case .success(let v)?: return v
        case .failure(let e)?: throw mapError(e)
        case nil: throw RivuletError(.internal, "Kafka call finished without a result while \(what())")
        }
    }

    /// `30 s`, `1.5 s`, `250 ms`.
    static func describe(_ d: Duration) -> String {
        let c = d.components
        let ms = c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000
        if ms % 1000 == 0 { return "\(ms / 1000) s" }
        return ms >= 1000 ? "\(Double(ms) / 1000) s" : "\(ms) ms"
    }
}

/// The task executor of the Kafka connector: jobs run one at a time on a serial dispatch queue.
///
/// Serial queues always get a thread from libdispatch (they are "overcommit"), so Kafka work
/// proceeds even when the cooperative pool and the global queues are busy or blocked. The
/// connector's async code is glue around network I/O that runs on SwiftNIO's event loops, so one
/// serial queue is enough.
final class KafkaTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the only stored property is a DispatchQueue, which is thread-safe.
    static let shared = KafkaTaskExecutor()
    private let queue = DispatchQueue(label: "rivulet.kafka.connector")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
