import RivuletCore
import RivuletSQL

/// Spark's `UnsupportedOperationChecker` for micro-batch queries: which operators and output
/// modes a streaming plan allows. Runs at `start()`, so an unsupported query fails before any data
/// is read, with Spark's messages.
///
/// Deliberate differences from Spark 4 (documented limits of this engine, not silent changes):
/// stream-stream joins, streaming deduplication (`distinct`/`dropDuplicates` on a stream) and
/// `limit` outside complete mode are refused rather than run with state.
public enum StreamingPlanChecker {
    public static func check(_ plan: LogicalPlan, outputMode: OutputMode) throws(RivuletError) {
        let aggregates = streamingAggregates(plan)
        if aggregates.count > 1 {
            throw unsupported("Multiple streaming aggregations are not supported with streaming DataFrames/Datasets")
        }
        switch outputMode {
        case .complete where aggregates.isEmpty:
            throw unsupported("Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets")
        case .append where !aggregates.isEmpty:
            throw unsupported("Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark")
        default:
            break
        }
        try walk(plan, outputMode: outputMode)
    }

    /// The aggregate nodes whose input is streaming.
    public static func streamingAggregates(_ plan: LogicalPlan) -> [LogicalPlan] {
        var found: [LogicalPlan] = []
        func visit(_ p: LogicalPlan) {
            if case .aggregate(_, _, let child) = p, child.isStreaming { found.append(p) }
            for c in p.children { visit(c) }
        }
        visit(plan)
        return found
    }

    private static func walk(_ plan: LogicalPlan, outputMode: OutputMode) throws(RivuletError) {
        guard plan.isStreaming else { return }
        switch plan {
        case .aggregate(_, let aggs, _):
            for e in aggs where e.contains(where: { if case .aggregateFunction(let c) = $0 { return c.isDistinct } else { return false } }) {
                throw unsupported("Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.")
            }
        case .sort:
            if streamingAggregates(plan).isEmpty || outputMode != .complete {
                throw unsupported("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode")
            }
        case .limit, .offset:
            if streamingAggregates(plan).isEmpty || outputMode != .complete {
                throw unsupported("Limits are not supported on streaming DataFrames/Datasets in \(outputMode) output mode")
            }
        case .distinct, .deduplicate:
            throw unsupported("Deduplication (distinct / dropDuplicates) on streaming DataFrames/Datasets is not supported yet")
        case .intersect, .except:
            throw unsupported("Intersect and except on streaming DataFrames/Datasets are not supported")
        case .join(let j):
            let l = j.left.isStreaming, r = j.right.isStreaming
            if l && r {
                throw unsupported("Stream-stream joins are not supported yet; join a stream with a static DataFrame")
            }
            switch j.joinType {
            case .inner, .cross, .leftSemi:
                if j.joinType == .leftSemi && r {
                    throw unsupported("LeftSemi join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported")
                }
            case .leftOuter where r:
                throw unsupported("Left outer join with a streaming DataFrame/Dataset on the right and a static DataFrame/DataSet on the left is not supported")
            case .rightOuter where l:
                throw unsupported("Right outer join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported")
            case .fullOuter:
                throw unsupported("Full outer joins with streaming DataFrames/Datasets are not supported")
            case .leftAnti where r:
                throw unsupported("Left anti joins with a streaming DataFrame/Dataset on the right are not supported")
            default:
                break
            }
        default:
            break
        }
        for c in plan.children { try walk(c, outputMode: outputMode) }
    }

    private static func unsupported(_ message: String) -> RivuletError {
        RivuletError(.unsupportedOperation, message, errorClass: "UNSUPPORTED_STREAMING_OPERATION")
    }
}
