import RivuletCore
import RivuletSQL

/// Evaluates a list of named expressions per batch.
public final class ProjectExec: PhysicalOperator {
    let projectList: [Expression]
    let child: any PhysicalOperator
    let evaluators: [ExpressionEvaluator]
    public let output: [AttributeReference]

    init(_ projectList: [Expression], child: any PhysicalOperator) throws(RivuletError) {
        self.projectList = projectList
        self.child = child
        var evs: [ExpressionEvaluator] = []
        var out: [AttributeReference] = []
        for e in projectList {
            evs.append(try ExpressionEvaluator(e, input: child.output))
            guard let a = e.toAttribute else { throw .internal("project list entry \(ExplainFormat.expr(e)) has no name") }
            out.append(a)
        }
        evaluators = evs
        output = out
    }

    public var children: [any PhysicalOperator] { [child] }
    public var supportsCodegen: Bool { true }
    public var isSinglePartition: Bool { child.isSinglePartition }
    public var explainString: String { "Project " + ExplainFormat.list(projectList) }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { child.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let schema = self.schema
        try child.execute(partition: partition, ctx) { b throws(RivuletError) in
            var cols: [ColumnVector] = []
            cols.reserveCapacity(evaluators.count)
            for e in evaluators { cols.append(try e.evaluate(b)) }
            try emit(RecordBatch(unchecked: schema, columns: cols, numRows: b.numRows))
        }
    }
}

/// Keeps the rows where the condition is true (null counts as false).
public final class FilterExec: PhysicalOperator {
    let condition: Expression
    let child: any PhysicalOperator
    let evaluator: ExpressionEvaluator

    init(_ condition: Expression, child: any PhysicalOperator) throws(RivuletError) {
        self.condition = condition
        self.child = child
        evaluator = try ExpressionEvaluator(condition, input: child.output)
    }

    public var output: [AttributeReference] { child.output }
    public var children: [any PhysicalOperator] { [child] }
    public var supportsCodegen: Bool { true }
    public var isSinglePartition: Bool { child.isSinglePartition }
    public var explainString: String { "Filter " + ExplainFormat.expr(condition) }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { child.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        try child.execute(partition: partition, ctx) { b throws(RivuletError) in
            let mask = try evaluator.evaluate(b)
            let rows = VectorOps.trueRows(mask)
            if rows.isEmpty { return }
            try emit(rows.count == b.numRows ? b : b.take(rows))
        }
    }
}
