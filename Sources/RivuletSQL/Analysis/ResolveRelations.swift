import RivuletCore

/// Leaf and shape-only nodes: catalog/CTE relations, `VALUES`, `toDF`-style renames, dropDuplicates keys.
extension Analyzer {
    /// A CTE in scope or a catalog relation, wrapped in `SubqueryAlias name` (so `name.col` resolves).
    func resolveRelation(_ name: UnresolvedName, ctes: [String: LogicalPlan]) throws(RivuletError) -> LogicalPlan {
        let alias = name.parts.last ?? ""
        if name.parts.count == 1, let cte = ctes[alias.lowercased()] {
            return .subqueryAlias(alias, cte)
        }
        guard let p = catalog.lookupRelation(name.parts) else {
            let shown = name.parts.joined(separator: ".")
            let close = NameSuggestions.close(shown, catalog.relationNames, maxDistance: 2).prefix(5)
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"
            throw .analysis("table or view '\(shown)' does not exist\(hint)", errorClass: "TABLE_OR_VIEW_NOT_FOUND", position: name.position)
        }
        let resolved = p.isResolved ? p : try resolvePlan(p, ctes: [:])
        return .subqueryAlias(alias, resolved)
    }

    /// `VALUES` rows: constant expressions only, one common type per column; rows that fold to
    /// literals become a `LocalRelation`, otherwise a union of one-row projections.
    func resolveInlineTable(rows: [[Expression]], columnNames: [String]) throws(RivuletError) -> LogicalPlan {
        guard let width = rows.first?.count, width > 0 else {
            throw .analysis("Invalid inline table. An inline table must have at least one row and one column.",
                            errorClass: "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH")
        }
        for (i, r) in rows.enumerated() where r.count != width {
            throw .analysis("Invalid inline table. Inline table expected \(width) columns but found \(r.count) columns in row \(i).",
                            errorClass: "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH")
        }
        let names = columnNames.isEmpty ? (1...width).map { "col\($0)" } : columnNames
        guard names.count == width else {
            throw .analysis("Invalid inline table. Inline table expected \(names.count) columns but found \(width) columns in row 0.",
                            errorClass: "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH")
        }
        var resolved: [[Expression]] = []
        for r in rows {
            var out: [Expression] = []
            for e in r {
                let x = try resolveExpr(e, scopes: [[]]).expr
                guard x.isFoldable else {
                    throw .analysis("Invalid inline table. Cannot evaluate the expression \"\(e.sql)\" in inline table definition.",
                                    errorClass: "INVALID_INLINE_TABLE.CANNOT_EVALUATE_EXPRESSION_IN_INLINE_TABLE", position: e.firstPosition)
                }
                out.append(x)
            }
            resolved.append(out)
        }
        var types: [DataType] = []
        for c in 0..<width {
            guard let t = AnsiCoercion.commonType(resolved.map { $0[c].dataType }) else {
                throw .analysis("Invalid inline table. Found incompatible types in the column `\(names[c])` for inline table.",
                                errorClass: "INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE")
            }
            types.append(t)
        }
        let cast = resolved.map { r in r.enumerated().map { TypeCoercion.cast($0.element, to: types[$0.offset]) } }
        var values: [[Value]] = []
        for r in cast {
            var vs: [Value] = []
            for e in r {
                guard let v = ConstantEvaluator.evaluate(e) else { break }
                vs.append(v)
            }
            guard vs.count == width else { values = []; break }
            values.append(vs)
        }
        if values.count == rows.count {
            let output = (0..<width).map { c in
                AttributeReference(name: names[c], dataType: types[c], nullable: values.contains { $0[c].isNull })
            }
            let schema = StructType(output.map(\.field))
            return .localRelation(LocalRelation(output: output, batches: [RecordBatch(schema: schema, rows: values)]))
        }
        // Some cell (e.g. a deterministic function call) cannot be folded here: evaluate at run time.
        var first: [AttributeReference] = []
        var children: [LogicalPlan] = []
        for r in cast {
            let items = r.enumerated().map { Expression.alias($0.element, name: names[$0.offset], exprId: .next()) }
            if first.isEmpty { first = items.compactMap(\.toAttribute) }
            children.append(.project(items, .oneRow))
        }
        return children.count == 1 ? children[0] : .union(children, byName: false, allowMissingColumns: false)
    }

    /// `toDF(names...)` / `AS t(a, b)`: positional renames as a projection of aliases.
    func resolveRenameColumns(_ names: [String], _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        let out = child.output
        guard names.count == out.count else {
            throw .analysis("The number of columns doesn't match. Old column names (\(out.count)): \(out.map(\.name).joined(separator: ", ")); new column names (\(names.count)): \(names.joined(separator: ", ")).",
                            errorClass: "NUM_COLUMNS_MISMATCH")
        }
        if case .localRelation(var r) = child {
            for i in r.output.indices { r.output[i].name = names[i] }
            let schema = StructType(r.output.map(\.field))
            r.batches = r.batches.map { $0.withSchema(schema) }
            return .localRelation(r)
        }
        return .project(zip(out, names).map { a, n in .alias(.attribute(a), name: n, exprId: .next()) }, child)
    }

    /// `dropDuplicates(keys)`: keys are column names of the child.
    func resolveDeduplicate(_ keys: [Expression], _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        var out: [Expression] = []
        for k in keys {
            let r = try resolveExpr(k, scopes: [child.output]).expr
            guard case .attribute = r else {
                throw .analysis("dropDuplicates keys must be columns of the input, got \(k.sql)", errorClass: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION")
            }
            out.append(r)
        }
        return .deduplicate(keys: out, child)
    }
}
