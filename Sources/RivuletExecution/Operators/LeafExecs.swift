import RivuletCore
import RivuletSQL
import Synchronization

/// Rows held in memory (`LocalRelation`), split into contiguous row ranges so that partitions
/// run in parallel and concatenating partitions in order gives back the input order.
public final class LocalTableScanExec: PhysicalOperator {
    public let output: [AttributeReference]
    let parts: [[RecordBatch]]
    let nodeName: String

    /// Splits `batches` into up to `partitions` contiguous parts.
    init(output: [AttributeReference], batches: [RecordBatch], partitions: Int, nodeName: String = "LocalTableScan") {
        self.output = output
        self.nodeName = nodeName
        let schema = StructType(output.map(\.field))
        let all = batches.filter { $0.numRows > 0 || $0.numColumns == 0 }.map { $0.withSchema(schema) }
        let total = all.reduce(0) { $0 + $1.numRows }
        let k = max(1, min(partitions, total / 1024 + 1))
        if k == 1 || all.isEmpty {
            parts = [all]
        } else {
            let whole = RecordBatch.concat(all, schema: schema)
            parts = (0..<k).map { p in
                let lo = p * total / k, hi = (p + 1) * total / k
                return [whole.slice(lo..<hi)]
            }
        }
    }

    public var children: [any PhysicalOperator] { [] }
    public var explainString: String {
        nodeName == "LocalTableScan" ? "LocalTableScan " + ExplainFormat.attrs(output) : nodeName
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) {}
    public func partitionCount() -> Int { parts.count }
    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        for b in parts[partition] { try emit(b) }
    }
}

/// `spark.range(start, end, step, numPartitions)`: elements split evenly over the partitions.
public final class RangeExec: PhysicalOperator {
    let range: RangeRelation
    let partitions: Int
    let total: Int64

    init(_ range: RangeRelation, defaultPartitions: Int) throws(RivuletError) {
        guard range.step != 0 else { throw .execution("The step of range must not be 0", errorClass: "FAILED_FUNCTION_CALL") }
        self.range = range
        self.partitions = max(1, range.numPartitions ?? defaultPartitions)
        let span = Int128(range.end) - Int128(range.start)
        let step = Int128(range.step)
        var n: Int128 = 0
        if (step > 0 && span > 0) || (step < 0 && span < 0) { n = (span + step - (step > 0 ? 1 : -1)) / step }
        total = Int64(clamping: n)
    }

    public var output: [AttributeReference] { [range.output] }
    public var children: [any PhysicalOperator] { [] }
    public var supportsCodegen: Bool { true }
    public var explainString: String {
        "Range (\(range.start), \(range.end), step=\(range.step), splits=\(partitions))"
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) {}
    public func partitionCount() -> Int { partitions }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let lo = Int64(Int128(total) * Int128(partition) / Int128(partitions))
        let hi = Int64(Int128(total) * Int128(partition + 1) / Int128(partitions))
        let schema = self.schema
        var i = lo
        while i < hi {
            let n = Int(min(Int64(ctx.config.batchSize), hi - i))
            var values = [Int64](repeating: 0, count: n)
            for k in 0..<n { values[k] = range.start &+ (i &+ Int64(k)) &* range.step }
            try emit(RecordBatch(unchecked: schema, columns: [ColumnVector(int64: values)], numRows: n))
            i += Int64(n)
        }
    }
}

/// Reads a connector's ``ScanSource``, one task per source partition; batches stream straight
/// into the operators above without the partition being materialised.
public final class ScanExec: PhysicalOperator {
    let relation: ScanRelation
    private let partitions = Mutex<[any ScanPartition]>([])

    init(_ relation: ScanRelation) { self.relation = relation }

    public var output: [AttributeReference] { relation.output }
    public var children: [any PhysicalOperator] { [] }
    public var explainString: String {
        var s = "FileScan \(relation.source.formatName) " + ExplainFormat.attrs(output)
        let detail = relation.source.explainDetail
        if !detail.isEmpty { s += " " + detail }
        return s + ", ReadSchema: " + schema.simpleString
    }

    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) {
        let ps = try relation.source.partitions(requiredColumns: relation.requiredColumns)
        partitions.withLock { $0 = ps }
    }

    public func partitionCount() -> Int { partitions.withLock { $0.count } }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        guard let part = partitions.withLock({ partition < $0.count ? $0[partition] : nil }) else { return }
        let schema = self.schema
        let width = output.count
        try part.read { b throws(RivuletError) in
            guard b.numColumns == width else {
                throw .internal("scan of \(relation.source.formatName) produced \(b.numColumns) columns, expected \(width)")
            }
            try emit(b.withSchema(schema))
        }
    }
}
