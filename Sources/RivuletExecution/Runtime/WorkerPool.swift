import Dispatch
import RivuletCore
import Synchronization

/// Runs independent tasks (one per partition) on at most `parallelism` threads.
///
/// Workers pull task indices from a shared counter, so a slow partition never stalls the others.
/// The threads come from the process-wide Dispatch pool (sized to the cores); `parallelism` caps
/// how many of them one stage uses. The first error stops further tasks and is rethrown.
public struct WorkerPool: Sendable {
    /// Maximum number of tasks running at once.
    public let parallelism: Int

    /// A pool running at most `parallelism` tasks at a time.
    public init(parallelism: Int) { self.parallelism = max(1, parallelism) }

    /// Runs `body(0..<count)` and returns the results in task order.
    public func map<T: Sendable>(
        _ count: Int, _ body: @Sendable (Int) throws(RivuletError) -> T
    ) throws(RivuletError) -> [T] {
        if count == 0 { return [] }
        let workers = min(parallelism, count)
        if workers == 1 {
            var out: [T] = []
            out.reserveCapacity(count)
            for i in 0..<count { out.append(try body(i)) }
            return out
        }
        let next = Atomic<Int>(0)
        let results = Mutex<[T?]>([T?](repeating: nil, count: count))
        let failure = Mutex<RivuletError?>(nil)
        withoutActuallyEscaping(body) { body in
            let task = UnsafeSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    if failure.withLock({ $0 != nil }) { return }
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= count { return }
                    do throws(RivuletError) {
                        let r = try task.value(i)
                        results.withLock { $0[i] = r }
                    } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                        return
                    }
                }
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
        return results.withLock { r in r.compactMap { $0 } }
    }

    /// Runs `body` for every index in `0..<count`, discarding results.
    public func forEach(_ count: Int, _ body: @Sendable (Int) throws(RivuletError) -> Void) throws(RivuletError) {
        _ = try map(count, body)
    }
}

/// Carries a non-escaping `@Sendable` closure into `concurrentPerform`, which outlives no caller frame.
private struct UnsafeSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
