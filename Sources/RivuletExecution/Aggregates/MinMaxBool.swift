import RivuletCore
import RivuletSQL

/// `min(x)` / `max(x)` with Spark's ordering (NaN largest); typed for integers and floating point,
/// boxed values for everything else.
final class MinMaxAccumulator: Accumulator {
    enum Kind { case integral, floating, boxed }
    let isMax: Bool
    let type: DataType
    let kind: Kind
    private var ints: [Int64] = []
    private var doubles: [Double] = []
    private var boxed: [Value] = []
    private var seen: [Bool] = []

    init(isMax: Bool, type: DataType) {
        self.isMax = isMax
        self.type = type
        switch type {
        case .byte, .short, .integer, .long, .date, .timestamp, .dayTimeInterval, .yearMonthInterval: kind = .integral
        case .float, .double: kind = .floating
        default: kind = .boxed
        }
    }

    var stateTypes: [DataType] { [type] }

    func resize(_ groups: Int) {
        let k = groups - seen.count
        guard k > 0 else { return }
        seen.append(contentsOf: repeatElement(false, count: k))
        switch kind {
        case .integral: ints.append(contentsOf: repeatElement(0, count: k))
        case .floating: doubles.append(contentsOf: repeatElement(0, count: k))
        case .boxed: boxed.append(contentsOf: repeatElement(.null, count: k))
        }
    }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        guard let v = args.first, !VectorOps.isAllNullStorage(v) else { return }
        let n = ids.count
        switch kind {
        case .integral:
            guard let a = Arithmetic.int64s(v) else { return }
            for i in 0..<n where v.isValid(i) {
                let g = Int(ids[i]), x = a[i]
                if !seen[g] || (isMax ? x > ints[g] : x < ints[g]) { ints[g] = x; seen[g] = true }
            }
        case .floating:
            guard let a = Arithmetic.doubles(v) else { return }
            for i in 0..<n where v.isValid(i) {
                let g = Int(ids[i]), x = a[i]
                if !seen[g] { doubles[g] = x; seen[g] = true; continue }
                let c = ValueOrdering.compareDoubles(x, doubles[g])
                if isMax ? c > 0 : c < 0 { doubles[g] = x }
            }
        case .boxed:
            for i in 0..<n where v.isValid(i) {
                let g = Int(ids[i])
                let x = v.value(at: i)
                if !seen[g] { boxed[g] = x; seen[g] = true; continue }
                let c = ValueOrdering.compare(x, boxed[g])
                if isMax ? c > 0 : c < 0 { boxed[g] = x }
            }
        }
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) { try update(ids, state) }

    func state(_ groups: Int) -> [ColumnVector] { [output(groups)] }
    func result(_ groups: Int) throws(RivuletError) -> ColumnVector { output(groups) }

    private func output(_ groups: Int) -> ColumnVector {
        let valid = Accumulators.bitmap(seen, groups)
        switch kind {
        case .integral: return Accumulators.integral(Array(ints.prefix(groups)), valid, type)
        case .floating:
            if type == .float {
                return ColumnVector(dataType: .float, count: groups, validity: valid, storage: .float32(doubles.prefix(groups).map { Float($0) }))
            }
            return ColumnVector(dataType: type, count: groups, validity: valid, storage: .float64(Array(doubles.prefix(groups))))
        case .boxed: return ColumnVector(values: Array(boxed.prefix(groups)), type: type)
        }
    }
}

/// `bool_and` / `every` and `bool_or` / `any` / `some` (nulls ignored; null for no values).
final class BoolAccumulator: Accumulator {
    let isAnd: Bool
    private var values: [Bool] = []
    private var seen: [Bool] = []

    init(isAnd: Bool) { self.isAnd = isAnd }

    var stateTypes: [DataType] { [.boolean] }

    func resize(_ groups: Int) {
        let k = groups - seen.count
        guard k > 0 else { return }
        seen.append(contentsOf: repeatElement(false, count: k))
        values.append(contentsOf: repeatElement(isAnd, count: k))
    }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        guard let v = args.first, case .bool(let a) = v.storage else { return }
        for i in 0..<ids.count where v.isValid(i) {
            let g = Int(ids[i])
            seen[g] = true
            values[g] = isAnd ? (values[g] && a[i]) : (values[g] || a[i])
        }
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) { try update(ids, state) }
    func state(_ groups: Int) -> [ColumnVector] { [output(groups)] }
    func result(_ groups: Int) throws(RivuletError) -> ColumnVector { output(groups) }

    private func output(_ groups: Int) -> ColumnVector {
        ColumnVector(bool: Array(values.prefix(groups)), validity: Accumulators.bitmap(seen, groups))
    }
}

/// Variance and standard deviation (sample and population) with Welford's update and Chan's
/// merge; state is (n, mean, m2). Sample statistics of one row are null, as in Spark 4.
final class MomentAccumulator: Accumulator {
    enum Kind { case varSamp, varPop, stddevSamp, stddevPop }
    let kind: Kind
    private var n: [Double] = []
    private var mean: [Double] = []
    private var m2: [Double] = []

    init(kind: Kind) { self.kind = kind }

    var stateTypes: [DataType] { [.double, .double, .double] }

    func resize(_ groups: Int) {
        let k = groups - n.count
        guard k > 0 else { return }
        n.append(contentsOf: repeatElement(0, count: k))
        mean.append(contentsOf: repeatElement(0, count: k))
        m2.append(contentsOf: repeatElement(0, count: k))
    }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        guard let v = args.first, let a = Arithmetic.doubles(v) else { return }
        for i in 0..<ids.count where v.isValid(i) {
            let g = Int(ids[i])
            n[g] += 1
            let d = a[i] - mean[g]
            mean[g] += d / n[g]
            m2[g] += d * (a[i] - mean[g])
        }
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) {
        guard state.count == 3, let sn = state[0].doubleValues, let sm = state[1].doubleValues, let s2 = state[2].doubleValues else { return }
        for i in 0..<ids.count where sn[i] > 0 {
            let g = Int(ids[i])
            let total = n[g] + sn[i]
            let d = sm[i] - mean[g]
            mean[g] += d * sn[i] / total
            m2[g] += s2[i] + d * d * n[g] * sn[i] / total
            n[g] = total
        }
    }

    func state(_ groups: Int) -> [ColumnVector] {
        [ColumnVector(double: Array(n.prefix(groups))), ColumnVector(double: Array(mean.prefix(groups))), ColumnVector(double: Array(m2.prefix(groups)))]
    }

    func result(_ groups: Int) throws(RivuletError) -> ColumnVector {
        var out = [Double](repeating: 0, count: groups)
        var valid = Bitmap(count: groups, value: true)
        for g in 0..<groups {
            let sample = kind == .varSamp || kind == .stddevSamp
            let denom = sample ? n[g] - 1 : n[g]
            if n[g] == 0 || denom <= 0 { valid.clear(g); continue }
            let v = m2[g] / denom
            out[g] = (kind == .stddevSamp || kind == .stddevPop) ? v.squareRoot() : v
        }
        return ColumnVector(double: out, validity: valid)
    }
}
