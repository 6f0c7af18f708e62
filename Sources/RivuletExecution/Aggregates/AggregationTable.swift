import RivuletCore
import RivuletSQL

/// The hash-aggregation core, independent of any operator: a ``GroupKeyTable`` that maps key
/// tuples to dense group ids plus one accumulator per aggregate function, each keeping its
/// per-group state in typed arrays indexed by group id.
///
/// Batch execution drives it from `HashAggregateExec`; a stateful streaming aggregation can keep
/// one per partition across micro-batches, ``merge(keys:states:rowCount:)`` the stored state in,
/// ``update(keys:arguments:rowCount:)`` with new rows and read ``stateColumns()`` back out.
public final class AggregationTable {
    /// Key tuple → group id.
    public private(set) var keys: GroupKeyTable
    let accumulators: [any Accumulator]
    /// When there are no grouping keys: one group even for empty input (SQL global aggregate).
    let isGlobal: Bool

    /// A table for grouping keys of `keyTypes` computing `aggregates`.
    public init(keyTypes: [DataType], aggregates: [AggregateCall]) throws(RivuletError) {
        keys = GroupKeyTable(keyTypes: keyTypes)
        var accs: [any Accumulator] = []
        for a in aggregates { accs.append(try Accumulators.make(a)) }
        accumulators = accs
        isGlobal = keyTypes.isEmpty
    }

    /// Intermediate state column types of every aggregate, concatenated in aggregate order.
    public var stateTypes: [DataType] { accumulators.flatMap(\.stateTypes) }

    /// Number of groups (at least one for a global aggregate).
    public var groupCount: Int { isGlobal ? max(1, keys.count) : keys.count }

    /// Adds raw rows: `keys` are the evaluated grouping columns, `arguments[i]` the evaluated
    /// argument columns of aggregate `i`.
    public func update(keys keyColumns: [ColumnVector], arguments: [[ColumnVector]], rowCount n: Int) throws(RivuletError) {
        if n == 0 { return }
        let ids = keys.assign(keyColumns, rowCount: n)
        let groups = groupCount
        for (i, acc) in accumulators.enumerated() {
            acc.resize(groups)
            try acc.update(ids, arguments[i])
        }
    }

    /// Merges partial states: `states` holds the state columns of every aggregate, concatenated
    /// in aggregate order (as produced by ``stateColumns()``).
    public func merge(keys keyColumns: [ColumnVector], states: [ColumnVector], rowCount n: Int) throws(RivuletError) {
        if n == 0 { return }
        let ids = keys.assign(keyColumns, rowCount: n)
        let groups = groupCount
        var offset = 0
        for acc in accumulators {
            let k = acc.stateTypes.count
            guard offset + k <= states.count else { throw .internal("aggregate state has \(states.count) columns, expected more") }
            acc.resize(groups)
            try acc.merge(ids, Array(states[offset..<offset + k]))
            offset += k
        }
    }

    /// Key columns followed by every aggregate's state columns, one row per group.
    public func stateColumns() -> [ColumnVector] {
        let groups = groupCount
        for acc in accumulators { acc.resize(groups) }
        return keys.keyColumns() + accumulators.flatMap { $0.state(groups) }
    }

    /// Key columns followed by one result column per aggregate, one row per group.
    public func resultColumns() throws(RivuletError) -> [ColumnVector] {
        let groups = groupCount
        var out = keys.keyColumns()
        for acc in accumulators {
            acc.resize(groups)
            out.append(try acc.result(groups))
        }
        return out
    }
}
