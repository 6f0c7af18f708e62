import RivuletCore
import RivuletSQL

/// `max_by(x, y)` / `min_by(x, y)`: the `x` of the row with the largest (smallest) non-null `y`;
/// the first such row wins ties. State is `(x, y)`, merged like input rows.
final class ExtremumByAccumulator: Accumulator {
    let isMax: Bool
    let valueType: DataType
    let orderingType: DataType
    private var values: [Value] = []
    private var orderings: [Value] = []

    init(isMax: Bool, valueType: DataType, orderingType: DataType) {
        self.isMax = isMax
        self.valueType = valueType
        self.orderingType = orderingType
    }

    var stateTypes: [DataType] { [valueType, orderingType] }

    func resize(_ groups: Int) {
        let k = groups - values.count
        guard k > 0 else { return }
        values.append(contentsOf: repeatElement(.null, count: k))
        orderings.append(contentsOf: repeatElement(.null, count: k))
    }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) { add(ids, args) }
    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) { add(ids, state) }

    private func add(_ ids: [Int32], _ cols: [ColumnVector]) {
        guard cols.count >= 2 else { return }
        let x = cols[0], y = cols[1]
        for i in 0..<ids.count where !y.isNull(i) {
            let g = Int(ids[i])
            let o = y.value(at: i)
            let current = orderings[g]
            let better = current.isNull || (isMax ? ValueOrder.compare(o, current) > 0 : ValueOrder.compare(o, current) < 0)
            if better {
                orderings[g] = o
                values[g] = x.value(at: i)
            }
        }
    }

    func state(_ groups: Int) -> [ColumnVector] {
        [ColumnVector(values: Array(values.prefix(groups)), type: valueType),
         ColumnVector(values: Array(orderings.prefix(groups)), type: orderingType)]
    }

    func result(_ groups: Int) throws(RivuletError) -> ColumnVector {
        ColumnVector(values: Array(values.prefix(groups)), type: valueType)
    }
}
