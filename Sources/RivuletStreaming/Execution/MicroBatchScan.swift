import RivuletCore
import RivuletSQL
import Synchronization

/// A micro-batch's bounded scan of one source, counting the rows it hands out (the batch's
/// `numInputRows`) and marking the plan leaves that came from a stream.
final class MicroBatchScan: ScanSource, @unchecked Sendable {
    // @unchecked: `inner` is an immutable Sendable existential; `rows` is atomic.
    let inner: any ScanSource
    let rows = Atomic<Int>(0)

    init(_ inner: any ScanSource) { self.inner = inner }

    var formatName: String { inner.formatName }
    var explainDetail: String { inner.explainDetail }
    var schema: StructType { inner.schema }

    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        try inner.partitions(requiredColumns: requiredColumns).map { CountingPartition(inner: $0, owner: self) }
    }

    struct CountingPartition: ScanPartition {
        let inner: any ScanPartition
        let owner: MicroBatchScan
        func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
            try inner.read { b throws(RivuletError) in
                owner.rows.add(b.numRows, ordering: .relaxed)
                try emit(b)
            }
        }
    }
}

/// A source's empty batch (no new data from it in this trigger).
struct EmptyScan: ScanSource {
    let schema: StructType
    var formatName: String { "empty" }
    var explainDetail: String { "" }
    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] { [] }
}

extension LogicalPlan {
    /// Whether a leaf of the plan is a micro-batch scan (the plan reads streaming data).
    var readsMicroBatch: Bool {
        if case .scan(let s) = self, s.source is MicroBatchScan { return true }
        return children.contains { $0.readsMicroBatch }
    }
}
