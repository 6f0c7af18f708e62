import RivuletCore
import RivuletSQL

extension PhysicalPlanner {
    /// Partial aggregation → exchange on the keys → final aggregation; with DISTINCT aggregates,
    /// exchange on the keys → one complete aggregation.
    func planAggregate(_ groupings: [Expression], _ aggregates: [Expression], _ child: any PhysicalOperator) throws(RivuletError) -> any PhysicalOperator {
        var keyAttrs: [AttributeReference] = []
        for g in groupings {
            switch g {
            case .attribute(let a): keyAttrs.append(a)
            case .alias(let e, let name, let id):
                keyAttrs.append(AttributeReference(name: name, dataType: e.dataType, nullable: e.nullable, exprId: id))
            default:
                keyAttrs.append(AttributeReference(name: ExplainFormat.expr(g), dataType: g.dataType, nullable: g.nullable))
            }
        }
        var calls: [AggregateCall] = []
        for e in aggregates {
            for c in e.collect({ x -> AggregateCall? in if case .aggregateFunction(let f) = x { return f } else { return nil } })
            where !calls.contains(c) {
                calls.append(c)
            }
        }
        let aggAttrs = calls.map {
            AttributeReference(name: ExplainFormat.aggregate($0, prefix: ""), dataType: $0.dataType, nullable: $0.nullable)
        }
        let canonicalGroupings = groupings.map { Self.canonical($0.unaliased) }
        var results: [Expression] = []
        for e in aggregates {
            results.append(try e.transformDown { x throws(RivuletError) -> Expression in
                if case .aggregateFunction(let f) = x, let i = calls.firstIndex(of: f) { return .attribute(aggAttrs[i]) }
                if case .literal = x { return x }
                if case .alias = x { return x }
                if let i = canonicalGroupings.firstIndex(of: Self.canonical(x)) { return .attribute(keyAttrs[i]) }
                return x
            })
        }
        let n = config.shufflePartitions
        if calls.allSatisfy(Accumulators.isMergeable) {
            var stateAttrs: [AttributeReference] = []
            for c in calls {
                for (k, t) in try Accumulators.make(c).stateTypes.enumerated() {
                    stateAttrs.append(AttributeReference(name: "\(c.name)_buf\(k)", dataType: t, nullable: true))
                }
            }
            let partial = try HashAggregateExec(
                mode: .partial, groupingExpressions: groupings, keyAttributes: keyAttrs, aggregates: calls,
                aggregateAttributes: aggAttrs, stateAttributes: stateAttrs, resultExpressions: [], child: child)
            let keyRefs = keyAttrs.map { Expression.attribute($0) }
            let exchange = try ShuffleExchangeExec(keyAttrs.isEmpty ? .single : .hash(keyRefs, n), child: partial)
            return try HashAggregateExec(
                mode: .final, groupingExpressions: keyRefs, keyAttributes: keyAttrs, aggregates: calls,
                aggregateAttributes: aggAttrs, stateAttributes: stateAttrs, resultExpressions: results, child: exchange)
        }
        let exchange = try ShuffleExchangeExec(groupings.isEmpty ? .single : .hash(groupings, n), child: child)
        return try HashAggregateExec(
            mode: .complete, groupingExpressions: groupings, keyAttributes: keyAttrs, aggregates: calls,
            aggregateAttributes: aggAttrs, stateAttributes: [], resultExpressions: results, child: exchange)
    }

    /// The expression with attributes reduced to their ids (qualifiers and names ignored), for
    /// matching select-list expressions against grouping expressions.
    static func canonical(_ e: Expression) -> Expression {
        (try? e.transformUp { x throws(RivuletError) -> Expression in
            if case .attribute(let a) = x {
                return .attribute(AttributeReference(name: "", dataType: a.dataType, nullable: true, exprId: a.exprId))
            }
            return x
        }) ?? e
    }
}
