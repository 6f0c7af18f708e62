import RivuletCore

/// Joins: conflicting attribute ids on the right side (self-joins), `USING` columns, conditions.
extension Analyzer {
    func resolveJoin(_ node: JoinNode) throws(RivuletError) -> LogicalPlan {
        var j = node
        j.right = Self.deduplicateRight(left: j.left, right: j.right)
        if j.natural {
            let rightNames = j.right.output.map(\.name)
            j.usingColumns = j.left.output.map(\.name).filter { l in rightNames.contains { same($0, l) } }
            j.natural = false
        }
        if let using = j.usingColumns { return try resolveUsingJoin(j, using) }
        if let c = j.condition {
            let r = try resolveExpr(c, scopes: [j.left.output + j.right.output]).expr
            if r.containsAggregate || r.containsGenerator {
                throw .analysis("The join condition \"\(c.sql)\" cannot contain aggregate functions or generators",
                                errorClass: "UNSUPPORTED_EXPR_FOR_OPERATOR", position: c.firstPosition)
            }
            let t = r.dataType
            guard t == .boolean || t == .null else {
                throw .analysis("The join condition \"\(c.sql)\" has the invalid type \"\(t.sql)\", expected \"BOOLEAN\".",
                                errorClass: "JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE", position: c.firstPosition)
            }
            j.condition = r
        }
        return .join(j)
    }

    /// `JOIN ... USING (k)` / `df.join(other, ["k"])`: an equi-join plus Spark's output order
    /// (keys once, then the other left columns, then the other right columns; full outer joins
    /// output `coalesce(l.k, r.k)`).
    func resolveUsingJoin(_ node: JoinNode, _ using: [String]) throws(RivuletError) -> LogicalPlan {
        let lo = node.left.output, ro = node.right.output
        var lkeys: [AttributeReference] = [], rkeys: [AttributeReference] = [], types: [DataType] = []
        var conds: [Expression] = []
        for name in using {
            guard let l = lo.first(where: { same($0.name, name) }) else {
                throw .analysis("USING column '\(name)' cannot be resolved on the left side of the join. The left-side columns: \(lo.map { "'\($0.name)'" }.joined(separator: ", "))",
                                errorClass: "UNRESOLVED_USING_COLUMN_FOR_JOIN")
            }
            guard let r = ro.first(where: { same($0.name, name) }) else {
                throw .analysis("USING column '\(name)' cannot be resolved on the right side of the join. The right-side columns: \(ro.map { "'\($0.name)'" }.joined(separator: ", "))",
                                errorClass: "UNRESOLVED_USING_COLUMN_FOR_JOIN")
            }
            guard let t = l.dataType.sameType(r.dataType) ? l.dataType : AnsiCoercion.commonType(l.dataType, r.dataType) else {
                throw .analysis("Cannot resolve \"(\(name) = \(name))\" due to data type mismatch: the left and right operands of the binary operator have incompatible types (\"\(l.dataType.sql)\" and \"\(r.dataType.sql)\").",
                                errorClass: "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES")
            }
            lkeys.append(l); rkeys.append(r); types.append(t)
            conds.append(.binary(.equal, TypeCoercion.cast(.attribute(l), to: t), TypeCoercion.cast(.attribute(r), to: t)))
        }
        var j = node
        j.usingColumns = nil
        j.condition = conds.dropFirst().reduce(conds.first) { acc, c in acc.map { .binary(.and, $0, c) } }
        let joined = LogicalPlan.join(j)
        let out = joined.output
        func attr(_ a: AttributeReference) -> Expression { .attribute(out.first { $0.exprId == a.exprId } ?? a) }
        let lkeyIds = Set(lkeys.map(\.exprId)), rkeyIds = Set(rkeys.map(\.exprId))
        let lrest = lo.filter { !lkeyIds.contains($0.exprId) }, rrest = ro.filter { !rkeyIds.contains($0.exprId) }
        var keys: [Expression]
        switch j.joinType {
        case .rightOuter: keys = rkeys.map(attr)
        case .fullOuter:
            keys = []
            for i in lkeys.indices {
                let a = TypeCoercion.cast(attr(lkeys[i]), to: types[i]), b = TypeCoercion.cast(attr(rkeys[i]), to: types[i])
                keys.append(.alias(coalesce([a, b]), name: lkeys[i].name, exprId: .next()))
            }
        default: keys = lkeys.map(attr)
        }
        var list = keys + lrest.map(attr)
        if j.joinType != .leftSemi && j.joinType != .leftAnti { list += rrest.map(attr) }
        return .project(list, joined)
    }

    private func coalesce(_ args: [Expression]) -> Expression {
        if let f = functions.lookup("coalesce"), let r = try? f.resolve(args, false) { return r }
        return .scalarFunction(ScalarFunctionCall(name: "coalesce", arguments: args, dataType: args[0].dataType,
                                                  nullable: args.allSatisfy(\.nullable)))
    }

    /// Spark's DeduplicateRelations: when the right side defines attribute ids the left side
    /// also defines (the same relation used twice), the right side gets fresh ids.
    static func deduplicateRight(left: LogicalPlan, right: LogicalPlan) -> LogicalPlan {
        let conflicts = right.definedIds.intersection(left.definedIds)
        if conflicts.isEmpty { return right }
        return right.renewingAttributes(conflicts)
    }
}

extension LogicalPlan {
    /// Every attribute id some node of this subtree produces.
    var definedIds: Set<ExprId> {
        var ids = Set(output.map(\.exprId))
        for c in children { ids.formUnion(c.definedIds) }
        return ids
    }

    /// Gives the attributes with ids in `ids` (where they are defined: leaves, aliases, generator
    /// outputs) fresh ids and rewrites every reference above.
    func renewingAttributes(_ ids: Set<ExprId>) -> LogicalPlan {
        var mapping: [ExprId: ExprId] = [:]
        func renew(_ a: AttributeReference) -> AttributeReference {
            guard ids.contains(a.exprId) else { return a }
            if let n = mapping[a.exprId] { var b = a; b.exprId = n; return b }
            let b = a.newInstance()
            mapping[a.exprId] = b.exprId
            return b
        }
        func rewrite(_ a: AttributeReference) -> AttributeReference {
            guard let n = mapping[a.exprId] else { return a }
            var b = a; b.exprId = n; return b
        }
        let result = try? transformUp { node throws(RivuletError) -> LogicalPlan in
            var p = try node.mapExpressions { e throws(RivuletError) in
                try e.transformUp { x throws(RivuletError) -> Expression in
                    if case .attribute(let a) = x { return .attribute(rewrite(a)) }
                    return x
                }
            }
            switch p {
            case .localRelation(var r): r.output = r.output.map(renew); p = .localRelation(r)
            case .range(var r): r.output = renew(r.output); p = .range(r)
            case .scan(var s): s.output = s.output.map(renew); p = .scan(s)
            case .project(let list, let c):
                p = .project(list.map { $0.renewingAlias(renew) }, c)
            case .aggregate(let g, let a, let c):
                p = .aggregate(groupings: g, aggregates: a.map { $0.renewingAlias(renew) }, c)
            case .generate(var g):
                g.requiredChildOutput = g.requiredChildOutput.map(rewrite)
                g.generatorOutput = g.generatorOutput.map(renew)
                p = .generate(g)
            default: break
            }
            return p
        }
        return result ?? self
    }
}

extension Expression {
    /// A top-level alias with its id passed through `renew`.
    fileprivate func renewingAlias(_ renew: (AttributeReference) -> AttributeReference) -> Expression {
        guard case .alias(let c, let name, let id) = self else { return self }
        let a = renew(AttributeReference(name: name, dataType: c.dataType, exprId: id))
        return .alias(c, name: name, exprId: a.exprId)
    }
}
