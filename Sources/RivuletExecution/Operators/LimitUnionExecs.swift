import RivuletCore
import RivuletSQL

/// `LIMIT` / `OFFSET`. A local limit caps every partition and stops its producer early; the
/// global form runs on a single partition (after an exchange) and also applies `offset`.
public final class LimitExec: PhysicalOperator {
    let limit: Int?
    let offset: Int
    let global: Bool
    let child: any PhysicalOperator

    init(limit: Int?, offset: Int = 0, global: Bool, child: any PhysicalOperator) {
        self.limit = limit.map { max(0, $0) }
        self.offset = max(0, offset)
        self.global = global
        self.child = child
    }

    public var output: [AttributeReference] { child.output }
    public var children: [any PhysicalOperator] { [child] }
    public var isSinglePartition: Bool { child.isSinglePartition }
    public var explainString: String {
        switch (limit, offset, global) {
        case (let l?, 0, true): return "GlobalLimit \(l), 0"
        case (let l?, _, false): return "LocalLimit \(l)"
        case (let l?, let o, true): return "GlobalLimitAndOffset \(l), \(o)"
        case (nil, let o, _): return "Offset \(o)"
        }
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { child.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        var toSkip = offset
        var remaining = limit ?? Int.max
        if remaining == 0 { return }
        do throws(RivuletError) {
            try child.execute(partition: partition, ctx) { b throws(RivuletError) in
                var batch = b
                if toSkip > 0 {
                    if batch.numRows <= toSkip { toSkip -= batch.numRows; return }
                    batch = batch.slice(toSkip..<batch.numRows)
                    toSkip = 0
                }
                if batch.numRows > remaining { batch = batch.slice(0..<remaining) }
                remaining -= batch.numRows
                if batch.numRows > 0 { try emit(batch) }
                if remaining == 0 { throw RivuletError(.internal, "limit reached", errorClass: stopMarkerClass) }
            }
        } catch {
            if error.errorClass != stopMarkerClass { throw error }
        }
    }
}

/// `UNION ALL`: the children's partitions one after another, under the union's column names.
public final class UnionExec: PhysicalOperator {
    public let output: [AttributeReference]
    public let children: [any PhysicalOperator]

    init(output: [AttributeReference], children: [any PhysicalOperator]) {
        self.output = output
        self.children = children
    }

    public var explainString: String { "Union" }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { children.reduce(0) { $0 + $1.partitionCount() } }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        var p = partition
        let schema = self.schema
        for c in children {
            let n = c.partitionCount()
            if p < n {
                try c.execute(partition: p, ctx) { b throws(RivuletError) in
                    guard b.numColumns == schema.count else {
                        throw .analysis("Union can only be performed on inputs with the same number of columns, but one has \(b.numColumns) and another \(schema.count)",
                                        errorClass: "NUM_COLUMNS_MISMATCH")
                    }
                    try emit(b.withSchema(schema))
                }
                return
            }
            p -= n
        }
    }
}
