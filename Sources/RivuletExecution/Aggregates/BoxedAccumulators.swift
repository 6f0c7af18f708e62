import RivuletCore
import RivuletSQL

/// `first(x [, ignoreNulls])` / `last(...)`: the first/last value each group sees, in input order.
/// State is (value, valueSet) as in Spark.
final class FirstLastAccumulator: Accumulator {
    let isLast: Bool
    let ignoreNulls: Bool
    let type: DataType
    private var values: [Value] = []
    private var set: [Bool] = []

    init(isLast: Bool, ignoreNulls: Bool, type: DataType) {
        self.isLast = isLast; self.ignoreNulls = ignoreNulls; self.type = type
    }

    var stateTypes: [DataType] { [type, .boolean] }

    func resize(_ groups: Int) {
        let k = groups - set.count
        guard k > 0 else { return }
        set.append(contentsOf: repeatElement(false, count: k))
        values.append(contentsOf: repeatElement(.null, count: k))
    }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        guard let v = args.first else { return }
        take(ids, v, isSet: nil)
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) {
        guard state.count == 2 else { return }
        take(ids, state[0], isSet: state[1])
    }

    /// Picks, per group, the first (or last) qualifying row of this batch, boxing once per group.
    private func take(_ ids: [Int32], _ v: ColumnVector, isSet: ColumnVector?) {
        var pick: [Int: Int] = [:]
        let flags = isSet?.boolValues
        for i in 0..<ids.count {
            if let flags, !flags[i] || isSet?.isNull(i) == true { continue }
            if ignoreNulls && v.isNull(i) { continue }
            let g = Int(ids[i])
            if !isLast && (set[g] || pick[g] != nil) { continue }
            pick[g] = i
        }
        for (g, i) in pick {
            values[g] = v.value(at: i)
            set[g] = true
        }
    }

    func state(_ groups: Int) -> [ColumnVector] {
        [ColumnVector(values: Array(values.prefix(groups)), type: type), ColumnVector(bool: Array(set.prefix(groups)))]
    }

    func result(_ groups: Int) throws(RivuletError) -> ColumnVector {
        ColumnVector(values: Array(values.prefix(groups)), type: type)
    }
}

/// `collect_list`, `collect_set` and `approx_count_distinct` (computed exactly): per-group
/// lists of non-null values; state is the array of collected values.
final class CollectAccumulator: Accumulator {
    let elementType: DataType
    let distinct: Bool
    let countOnly: Bool
    private var lists: [[Value]] = []
    private var sets: [Set<Value>] = []

    init(elementType: DataType, distinct: Bool, countOnly: Bool) {
        self.elementType = elementType; self.distinct = distinct; self.countOnly = countOnly
    }

    var stateTypes: [DataType] { [.array(elementType, containsNull: false)] }

    func resize(_ groups: Int) {
        let k = groups - lists.count
        guard k > 0 else { return }
        lists.append(contentsOf: repeatElement([], count: k))
        if distinct { sets.append(contentsOf: repeatElement([], count: k)) }
    }

    @inline(__always) private func add(_ g: Int, _ x: Value) {
        if distinct {
            let key = normalized(x)
            if sets[g].insert(key).inserted { lists[g].append(x) }
        } else {
            lists[g].append(x)
        }
    }

    /// Spark treats -0.0 and 0.0 (and all NaNs) as one value in sets.
    private func normalized(_ x: Value) -> Value {
        switch x {
        case .double(let d): return .double(Double(bitPattern: Hashing.normalizedBits(d)))
        case .float(let f): return .double(Double(bitPattern: Hashing.normalizedBits(Double(f))))
        default: return x
        }
    }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        guard let v = args.first else { return }
        for i in 0..<ids.count where v.isValid(i) { add(Int(ids[i]), v.value(at: i)) }
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) {
        guard let v = state.first else { return }
        for i in 0..<ids.count where v.isValid(i) {
            if case .array(let items) = v.value(at: i) {
                for x in items where !x.isNull { add(Int(ids[i]), x) }
            }
        }
    }

    func state(_ groups: Int) -> [ColumnVector] {
        [ColumnVector(values: lists.prefix(groups).map { Value.array($0) }, type: stateTypes[0])]
    }

    func result(_ groups: Int) throws(RivuletError) -> ColumnVector {
        if countOnly { return ColumnVector(int64: lists.prefix(groups).map { Int64($0.count) }) }
        return ColumnVector(values: lists.prefix(groups).map { Value.array($0) }, type: stateTypes[0])
    }
}
