import RivuletCore
import RivuletSQL

/// Recognises a partial aggregation that groups the pieces of `explode(split(str, sep))` by
/// themselves and only counts them — the word count — so it can group the pieces straight from
/// the input strings (``GroupKeyTable/assignSplitPieces(_:separator:)``) instead of building the
/// split arrays and the exploded column first. Same results as the unfused plan; only applies when
/// `sep` is a literal (no regex metacharacters) and split has no limit.
struct SplitCountFusion {
    /// The operator below the Generate (its batches hold the strings).
    let source: any PhysicalOperator
    /// Evaluates split's string argument over `source`'s output.
    let strings: ExpressionEvaluator
    let separator: [UInt8]

    static func match(child: any PhysicalOperator, groupings: [Expression], aggregates: [AggregateCall]) -> SplitCountFusion? {
        guard let gen = child as? GenerateExec, gen.kind == .explode, !gen.generator.outer,
              gen.generatorOutput.count == 1, groupings.count == 1,
              case .attribute(let key) = groupings[0], key.exprId == gen.generatorOutput[0].exprId,
              case .scalarFunction(let call)? = gen.generator.arguments.first, call.name == "split", call.arguments.count == 3,
              case .literal(.string(let pattern), _) = call.arguments[1],
              case .literal(let limit, _) = call.arguments[2], let l = limit.int64Value, l <= 0,
              let sep = SplitKernel.literalSeparator(pattern),
              !aggregates.isEmpty, aggregates.allSatisfy({ countsEveryPiece($0, key) }),
              let strings = try? ExpressionEvaluator(call.arguments[0], input: gen.child.output)
        else { return nil }
        return SplitCountFusion(source: gen.child, strings: strings, separator: sep)
    }

    /// `count(*)`, `count(1)` or `count(piece)` (pieces are never null).
    private static func countsEveryPiece(_ a: AggregateCall, _ key: AttributeReference) -> Bool {
        guard a.name.lowercased() == "count", !a.isDistinct else { return false }
        return a.arguments.allSatisfy { arg in
            switch arg {
            case .star: return true
            case .literal(let v, _): return !v.isNull
            case .attribute(let x): return x.exprId == key.exprId
            default: return false
            }
        }
    }
}

extension AggregationTable {
    /// Fused update for ``SplitCountFusion``: every aggregate is a count of pieces.
    func updateSplitPieces(_ strings: ColumnVector, separator: [UInt8]) throws(RivuletError) {
        if case .none = strings.storage { return }
        guard let ids = keys.assignSplitPieces(strings, separator: separator) else {
            throw .internal("split fusion applied to a table without a single string key")
        }
        if ids.isEmpty { return }
        let groups = groupCount
        for acc in accumulators {
            acc.resize(groups)
            try acc.update(ids, [])
        }
    }
}
