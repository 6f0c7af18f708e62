import RivuletCore
import RivuletSQL

/// A physical operator: runs independently per partition, pushing its output batches to a sink.
///
/// Narrow operators (project, filter, generate, partial aggregation) transform their child's
/// batches as they arrive, so a scan pipelines through them without materialising a partition.
/// Exchanges materialise their input (in parallel) during ``prepare(_:)``, which runs bottom-up
/// before any partition executes.
public protocol PhysicalOperator: AnyObject, Sendable {
    /// The columns every output batch has, in order.
    var output: [AttributeReference] { get }
    /// Input operators, in explain order (left before right).
    var children: [any PhysicalOperator] { get }
    /// The explain line: `HashAggregate(keys=[word#3], functions=[count(1)])`.
    var explainString: String { get }
    /// Whether Spark would fuse this operator into a whole-stage-codegen stage (`*(n)` in explain).
    var supportsCodegen: Bool { get }
    /// True when the operator is known to produce exactly one partition.
    var isSinglePartition: Bool { get }
    /// Prepares this subtree (children first): lists scan partitions, materialises exchanges.
    func prepare(_ ctx: ExecutionContext) throws(RivuletError)
    /// Number of output partitions (valid after ``prepare(_:)``).
    func partitionCount() -> Int
    /// Produces partition `partition`, handing each batch to `emit`.
    func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError)
}

extension PhysicalOperator {
    public var supportsCodegen: Bool { false }
    public var isSinglePartition: Bool { false }
    /// The output as a schema.
    public var schema: StructType { StructType(output.map(\.field)) }

    func prepareChildren(_ ctx: ExecutionContext) throws(RivuletError) {
        for c in children { try c.prepare(ctx) }
    }

    /// Runs one partition and returns its batches.
    func collect(partition: Int, _ ctx: ExecutionContext) throws(RivuletError) -> [RecordBatch] {
        var out: [RecordBatch] = []
        try execute(partition: partition, ctx) { b throws(RivuletError) in if b.numRows > 0 || b.numColumns == 0 { out.append(b) } }
        return out
    }

    /// The subtree in Spark's explain layout (`+- ` / `:- ` branches, `*(n)` codegen stages).
    public func treeString() -> String {
        var stages: [ObjectIdentifier: Int] = [:]
        var nextStage = 1
        func assign(_ op: any PhysicalOperator, parentCodegen: Bool) {
            for c in op.children { assign(c, parentCodegen: op.supportsCodegen) }
            if op.supportsCodegen {
                // A codegen operator whose parent is also codegen belongs to the parent's stage.
                stages[ObjectIdentifier(op)] = 0
                if !parentCodegen {
                    let id = nextStage
                    nextStage += 1
                    func mark(_ x: any PhysicalOperator) {
                        guard x.supportsCodegen else { return }
                        stages[ObjectIdentifier(x)] = id
                        for c in x.children { mark(c) }
                    }
                    mark(op)
                }
            }
        }
        assign(self, parentCodegen: false)
        var lines: [String] = []
        func walk(_ op: any PhysicalOperator, prefix: String, childPrefix: String) {
            var line = op.explainString
            if let s = stages[ObjectIdentifier(op)], s > 0 { line = "*(\(s)) " + line }
            lines.append(prefix + line)
            let cs = op.children
            for (i, c) in cs.enumerated() {
                let last = i == cs.count - 1
                walk(c, prefix: childPrefix + (last ? "+- " : ":- "), childPrefix: childPrefix + (last ? "   " : ":  "))
            }
        }
        walk(self, prefix: "", childPrefix: "")
        return lines.joined(separator: "\n")
    }
}

/// Error class used internally to stop a producer early (LIMIT reached); never escapes.
let stopMarkerClass = "_RIVULET_STOP_PRODUCER"
