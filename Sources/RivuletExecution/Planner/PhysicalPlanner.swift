import RivuletCore
import RivuletSQL

/// Turns a resolved, optimized ``LogicalPlan`` into a tree of physical operators: exchanges are
/// inserted where rows must meet (aggregation, join, distinct, global sort/limit), aggregations
/// split into partial and final stages, joins into hash or nested-loop joins.
struct PhysicalPlanner {
    let config: ExecutionConfig

    func plan(_ p: LogicalPlan) throws(RivuletError) -> any PhysicalOperator {
        switch p {
        case .localRelation(let r):
            return LocalTableScanExec(output: r.output, batches: r.batches, partitions: config.parallelism)
        case .range(let r):
            return try RangeExec(r, defaultPartitions: config.parallelism)
        case .scan(let s):
            return ScanExec(s)
        case .oneRow:
            return LocalTableScanExec(
                output: [], batches: [RecordBatch(unchecked: StructType(), columns: [], numRows: 1)],
                partitions: 1, nodeName: "Scan OneRowRelation")
        case .project(let list, let child):
            return try ProjectExec(list, child: try plan(child))
        case .filter(let cond, let child):
            return try FilterExec(cond, child: try plan(child))
        case .aggregate(let groupings, let aggregates, let child):
            return try planAggregate(groupings, aggregates, try plan(child))
        case .generate(let g):
            return try GenerateExec(g, child: try plan(g.child))
        case .sort(let order, let global, let child):
            let c = try plan(child)
            return try SortExec(order: order, global: global, child: global ? try single(c) : c)
        case .limit(let n, .sort(let order, true, let child)):
            let local = try SortExec(order: order, global: false, limit: n, child: try plan(child))
            return try SortExec(order: order, global: true, limit: n, child: try single(local))
        case .limit(let n, let child):
            let c = try plan(child)
            if c.isSinglePartition { return LimitExec(limit: n, global: true, child: c) }
            return LimitExec(limit: n, global: true, child: try single(LimitExec(limit: n, global: false, child: c)))
        case .offset(let n, let child):
            return LimitExec(limit: nil, offset: n, global: true, child: try single(try plan(child)))
        case .distinct(let child):
            let attrs = child.output.map { Expression.attribute($0) }
            return try planAggregate(attrs, attrs, try plan(child))
        case .deduplicate(let keys, let child):
            let c = try plan(child)
            let ks = keys.isEmpty ? child.output.map { Expression.attribute($0) } : keys
            let partial = try DeduplicateExec(keys: ks, child: c)
            return try DeduplicateExec(keys: ks, child: try ShuffleExchangeExec(.hash(ks, config.shufflePartitions), child: partial))
        case .subqueryAlias(_, let child), .renameColumns(_, let child), .with(_, let child):
            return try plan(child)
        case .join(let j):
            return try planJoin(j, output: p.output)
        case .union(let children, _, _):
            var ops: [any PhysicalOperator] = []
            for c in children { ops.append(try plan(c)) }
            return UnionExec(output: p.output, children: ops)
        case .intersect(let a, let b, let all), .except(let a, let b, let all):
            var isIntersect = false
            if case .intersect = p { isIntersect = true }
            let n = config.shufflePartitions
            let l = try ShuffleExchangeExec(.hash(a.output.map { .attribute($0) }, n), child: try plan(a))
            let r = try ShuffleExchangeExec(.hash(b.output.map { .attribute($0) }, n), child: try plan(b))
            return SetOperationExec(isIntersect: isIntersect, all: all, left: l, right: r)
        case .unresolvedRelation(let name):
            throw .internal("cannot execute an unresolved relation \(name); analyze the plan first")
        case .unresolvedInlineTable, .unresolvedHaving:
            throw .internal("cannot execute an unresolved plan; analyze it first")
        }
    }

    /// `op` itself when it already produces one partition, else a single-partition exchange.
    func single(_ op: any PhysicalOperator) throws(RivuletError) -> any PhysicalOperator {
        op.isSinglePartition ? op : try ShuffleExchangeExec(.single, child: op)
    }
}
