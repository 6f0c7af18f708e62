import RivuletCore

/// UNION / INTERSECT / EXCEPT: by-name alignment, column counts, positional type widening.
extension Analyzer {
    func resolveUnion(_ cs: [LogicalPlan], byName: Bool, allowMissingColumns: Bool) throws(RivuletError) -> LogicalPlan {
        guard !cs.isEmpty else { return .union(cs, byName: false, allowMissingColumns: false) }
        var children = cs
        if byName { children = try alignByName(children, allowMissing: allowMissingColumns) }
        return .union(try widenPositionally(children, operation: "UNION"), byName: false, allowMissingColumns: false)
    }

    func resolveSetOperation(_ a: LogicalPlan, _ b: LogicalPlan, name: String) throws(RivuletError) -> (LogicalPlan, LogicalPlan) {
        let right = Self.deduplicateRight(left: a, right: b)
        let w = try widenPositionally([a, right], operation: name)
        return (w[0], w[1])
    }

    /// Checks column counts and casts every child's columns to the common type per position.
    func widenPositionally(_ children: [LogicalPlan], operation: String) throws(RivuletError) -> [LogicalPlan] {
        let outs = children.map(\.output)
        let n = outs[0].count
        for (i, o) in outs.enumerated().dropFirst() where o.count != n {
            throw .analysis("\(operation) can only be performed on inputs with the same number of columns, but the first input has \(n) columns and the \(Self.ordinal(i + 1)) input has \(o.count) columns.",
                            errorClass: "NUM_COLUMNS_MISMATCH")
        }
        var types: [DataType] = []
        for c in 0..<n {
            var t = outs[0][c].dataType
            for (i, o) in outs.enumerated().dropFirst() {
                let x = o[c].dataType
                guard let w = t.sameType(x) ? t : AnsiCoercion.commonType(t, x) else {
                    throw .analysis("\(operation) can only be performed on inputs with compatible column types. The \(Self.ordinal(c + 1)) column of the \(Self.ordinal(i + 1)) table is \"\(x.sql)\" type which is not compatible with \"\(t.sql)\" at the same column of the first table.",
                                    errorClass: "INCOMPATIBLE_COLUMN_TYPE")
                }
                t = w
            }
            types.append(t)
        }
        return children.map { child in
            let out = child.output
            if zip(out, types).allSatisfy({ $0.dataType.sameType($1) }) { return child }
            return .project(zip(out, types).map { a, t in
                a.dataType.sameType(t) ? .attribute(a) : .alias(.cast(.attribute(a), t), name: a.name, exprId: .next())
            }, child)
        }
    }

    /// `unionByName`: reorders every child to the first child's column names (adding null
    /// columns, and columns only later children have, when `allowMissing`).
    private func alignByName(_ children: [LogicalPlan], allowMissing: Bool) throws(RivuletError) -> [LogicalPlan] {
        var names = children[0].output.map(\.name)
        var typeOf: [String: DataType] = [:]
        for c in children { for a in c.output where typeOf[a.name.lowercased()] == nil { typeOf[a.name.lowercased()] = a.dataType } }
        if allowMissing {
            for c in children.dropFirst() {
                for a in c.output where !names.contains(where: { same($0, a.name) }) { names.append(a.name) }
            }
        }
        var result: [LogicalPlan] = []
        for c in children {
            let out = c.output
            if !allowMissing && out.count != names.count {
                throw .analysis("UNION can only be performed on inputs with the same number of columns, but the first input has \(names.count) columns and another input has \(out.count) columns.",
                                errorClass: "NUM_COLUMNS_MISMATCH")
            }
            var items: [Expression] = []
            for name in names {
                if let a = out.first(where: { same($0.name, name) }) {
                    items.append(.attribute(a))
                } else if allowMissing {
                    items.append(.alias(.literal(.null, typeOf[name.lowercased()] ?? .null), name: name, exprId: .next()))
                } else {
                    throw unresolvedColumnError(UnresolvedName([name]), candidates: out)
                }
            }
            let unchanged = items.count == out.count && zip(items, out).allSatisfy { if case .attribute(let a) = $0 { return a.exprId == $1.exprId } else { return false } }
            result.append(unchanged ? c : .project(items, c))
        }
        return result
    }

    static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "first"
        case 2: return "second"
        case 3: return "third"
        default: return "\(n)th"
        }
    }
}
