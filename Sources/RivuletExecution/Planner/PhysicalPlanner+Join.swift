import RivuletCore
import RivuletSQL

extension PhysicalPlanner {
    /// Equi-joins become shuffled hash joins (both sides exchanged on their keys); joins with no
    /// usable equality become nested-loop joins against the broadcast right side.
    func planJoin(_ j: JoinNode, output: [AttributeReference]) throws(RivuletError) -> any PhysicalOperator {
        let l = try plan(j.left), r = try plan(j.right)
        let leftIds = Set(j.left.output.map(\.exprId)), rightIds = Set(j.right.output.map(\.exprId))
        var leftKeys: [Expression] = [], rightKeys: [Expression] = [], residual: [Expression] = []
        for c in Self.conjuncts(j.condition) {
            if case .binary(.equal, let a, let b) = c, a.dataType.sameType(b.dataType) {
                let ra = Set(a.references.map(\.exprId)), rb = Set(b.references.map(\.exprId))
                if !ra.isEmpty && !rb.isEmpty {
                    if ra.isSubset(of: leftIds) && rb.isSubset(of: rightIds) {
                        leftKeys.append(a); rightKeys.append(b); continue
                    }
                    if ra.isSubset(of: rightIds) && rb.isSubset(of: leftIds) {
                        leftKeys.append(b); rightKeys.append(a); continue
                    }
                }
            }
            residual.append(c)
        }
        let rest = residual.isEmpty ? nil : residual.dropFirst().reduce(residual[0]) { .binary(.and, $0, $1) }
        let joinType = j.joinType == .cross ? JoinType.inner : j.joinType
        if !leftKeys.isEmpty {
            let n = config.shufflePartitions
            return try HashJoinExec(
                leftKeys: leftKeys, rightKeys: rightKeys, joinType: joinType, condition: rest,
                left: try ShuffleExchangeExec(.hash(leftKeys, n), child: l),
                right: try ShuffleExchangeExec(.hash(rightKeys, n), child: r), output: output)
        }
        let build = try ShuffleExchangeExec(.single, child: r, broadcast: true)
        let stream = (joinType == .rightOuter || joinType == .fullOuter) ? try single(l) : l
        return try NestedLoopJoinExec(joinType: joinType, condition: rest, left: stream, right: build, output: output)
    }

    /// `a AND b AND c` → `[a, b, c]`.
    static func conjuncts(_ e: Expression?) -> [Expression] {
        guard let e else { return [] }
        if case .binary(.and, let a, let b) = e { return conjuncts(a) + conjuncts(b) }
        return [e]
    }
}
