import RivuletCore
import RivuletSQL

/// Row ordering by sort keys with Spark's rules: ASC/DESC per key, NULLS FIRST/LAST, NaN larger
/// than any other number, `-0.0 == 0.0`, strings by UTF-8 bytes; ties keep input order (stable).
struct RowComparator {
    private let keys: [(Int, Int) -> Int]

    init(columns: [ColumnVector], directions: [SortDirection], nulls: [NullOrdering]) {
        var ks: [(Int, Int) -> Int] = []
        for (k, c) in columns.enumerated() {
            let asc = directions[k] == .ascending
            let nullsFirst = nulls[k] == .nullsFirst
            let values = RowComparator.valueComparator(c)
            let hasNulls = c.nullCount > 0
            ks.append { a, b in
                if hasNulls {
                    let na = c.isNull(a), nb = c.isNull(b)
                    if na || nb {
                        if na && nb { return 0 }
                        return na == nullsFirst ? -1 : 1
                    }
                }
                let r = values(a, b)
                return asc ? r : -r
            }
        }
        keys = ks
    }

    /// Ascending comparison of two non-null rows.
    static func valueComparator(_ c: ColumnVector) -> (Int, Int) -> Int {
        switch c.storage {
        case .int64(let v): return { a, b in v[a] < v[b] ? -1 : (v[a] == v[b] ? 0 : 1) }
        case .int32(let v): return { a, b in v[a] < v[b] ? -1 : (v[a] == v[b] ? 0 : 1) }
        case .int16(let v): return { a, b in v[a] < v[b] ? -1 : (v[a] == v[b] ? 0 : 1) }
        case .int8(let v): return { a, b in v[a] < v[b] ? -1 : (v[a] == v[b] ? 0 : 1) }
        case .bool(let v): return { a, b in v[a] == v[b] ? 0 : (!v[a] ? -1 : 1) }
        case .float64(let v): return { a, b in ValueOrdering.compareDoubles(v[a], v[b]) }
        case .float32(let v): return { a, b in ValueOrdering.compareDoubles(Double(v[a]), Double(v[b])) }
        case .decimal(let v): return { a, b in v[a] < v[b] ? -1 : (v[a] == v[b] ? 0 : 1) }
        case .bytes(let s):
            return { a, b in
                s.data.withUnsafeBufferPointer { d in
                    let x = Int(s.offsets[a]), xn = Int(s.offsets[a + 1]) - x
                    let y = Int(s.offsets[b]), yn = Int(s.offsets[b + 1]) - y
                    return ValueOrdering.compareBytes(d.baseAddress.map { $0 + x }, xn, d.baseAddress.map { $0 + y }, yn)
                }
            }
        default:
            let boxed = c.values
            return { a, b in ValueOrdering.compare(boxed[a], boxed[b]) }
        }
    }

    func compare(_ a: Int, _ b: Int) -> Int {
        for k in keys {
            let r = k(a, b)
            if r != 0 { return r }
        }
        return 0
    }

    /// The stable sorted order of rows `0..<n`.
    func sortedIndices(_ n: Int) -> [Int32] {
        var idx = (0..<n).map { Int32($0) }
        idx.sort { a, b in
            let r = compare(Int(a), Int(b))
            return r != 0 ? r < 0 : a < b
        }
        return idx
    }
}

/// Sorts each partition (after a single-partition exchange for a global ORDER BY). With a
/// `limit` it is Spark's `TakeOrderedAndProject`: only the first `limit` rows are kept.
public final class SortExec: PhysicalOperator {
    let order: [Expression]
    let global: Bool
    let limit: Int?
    let child: any PhysicalOperator
    let evaluators: [ExpressionEvaluator]
    let directions: [SortDirection]
    let nullOrderings: [NullOrdering]

    init(order: [Expression], global: Bool, limit: Int? = nil, child: any PhysicalOperator) throws(RivuletError) {
        self.order = order
        self.global = global
        self.limit = limit
        self.child = child
        var evs: [ExpressionEvaluator] = []
        var dirs: [SortDirection] = []
        var nulls: [NullOrdering] = []
        for o in order {
            if case .sortOrder(let e, let d, let n) = o {
                evs.append(try ExpressionEvaluator(e, input: child.output)); dirs.append(d); nulls.append(n)
            } else {
                evs.append(try ExpressionEvaluator(o, input: child.output)); dirs.append(.ascending); nulls.append(.nullsFirst)
            }
        }
        evaluators = evs
        directions = dirs
        nullOrderings = nulls
    }

    public var output: [AttributeReference] { child.output }
    public var children: [any PhysicalOperator] { [child] }
    public var supportsCodegen: Bool { limit == nil }
    public var isSinglePartition: Bool { child.isSinglePartition }
    public var explainString: String {
        if let limit {
            return "TakeOrderedAndProject(limit=\(limit), orderBy=" + ExplainFormat.list(order) + ", output=" + ExplainFormat.attrs(output) + ")"
        }
        return "Sort " + ExplainFormat.list(order) + ", \(global), 0"
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { child.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let all = RecordBatch.concat(try child.collect(partition: partition, ctx), schema: schema)
        if all.numRows == 0 { return }
        var keys: [ColumnVector] = []
        for e in evaluators { keys.append(try e.evaluate(all)) }
        var idx = RowComparator(columns: keys, directions: directions, nulls: nullOrderings).sortedIndices(all.numRows)
        if let limit, idx.count > limit { idx = Array(idx.prefix(max(0, limit))) }
        if idx.isEmpty { return }
        try emit(all.take(idx))
    }
}
