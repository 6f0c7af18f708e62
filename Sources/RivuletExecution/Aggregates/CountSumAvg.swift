import RivuletCore
import RivuletSQL

/// `count(*)`, `count(x, ...)` (rows where every argument is non-null) and `count_if(p)`.
final class CountAccumulator: Accumulator {
    let countAll: Bool
    let predicate: Bool
    private var counts: [Int64] = []

    init(countAll: Bool, predicate: Bool) { self.countAll = countAll; self.predicate = predicate }

    var stateTypes: [DataType] { [.long] }
    func resize(_ groups: Int) { if counts.count < groups { counts.append(contentsOf: repeatElement(0, count: groups - counts.count)) } }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        let n = ids.count
        if predicate, let p = args.first {
            guard case .bool(let b) = p.storage else { return }
            for i in 0..<n where b[i] && p.isValid(i) { counts[Int(ids[i])] += 1 }
            return
        }
        let nullable = args.filter { $0.validity != nil || VectorOps.isAllNullStorage($0) }
        counts.withUnsafeMutableBufferPointer { c in
            ids.withUnsafeBufferPointer { g in
                if countAll || nullable.isEmpty {
                    for i in 0..<n { c[Int(g[i])] &+= 1 }
                } else {
                    for i in 0..<n where !nullable.contains(where: { $0.isNull(i) }) { c[Int(g[i])] &+= 1 }
                }
            }
        }
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) {
        guard let s = state.first?.int64Values else { return }
        for i in 0..<ids.count where state[0].isValid(i) { counts[Int(ids[i])] &+= s[i] }
    }

    func state(_ groups: Int) -> [ColumnVector] { [ColumnVector(int64: Array(counts.prefix(groups)))] }
    func result(_ groups: Int) throws(RivuletError) -> ColumnVector { ColumnVector(int64: Array(counts.prefix(groups))) }
}

/// `sum(x)`: bigint for integral input (ANSI overflow error), double for floating point,
/// decimal(p+10, s) for decimals; null when a group saw no non-null value.
final class SumAccumulator: Accumulator {
    enum Kind { case integral, floating, decimal(scale: Int, precision: Int) }
    let kind: Kind
    let resultType: DataType
    private var longs: [Int64] = []
    private var doubles: [Double] = []
    private var decimals: [Int128] = []
    private var seen: [Bool] = []
    /// try_sum: an overflowing group yields null instead of raising.
    let tryMode: Bool
    private var failed: [Bool] = []

    init(inputType: DataType, resultType: DataType, tryMode: Bool = false) throws(RivuletError) {
        self.resultType = resultType
        self.tryMode = tryMode
        switch inputType {
        case .byte, .short, .integer, .long, .dayTimeInterval, .yearMonthInterval: kind = .integral
        case .float, .double: kind = .floating
        case .decimal:
            kind = .decimal(scale: Decimals.scale(of: resultType), precision: Decimals.precision(of: resultType))
        case .null: kind = .floating
        default: throw .analysis("sum does not support \(inputType.simpleString)")
        }
    }

    var stateTypes: [DataType] { [resultType] }

    func resize(_ groups: Int) {
        let k = groups - seen.count
        guard k > 0 else { return }
        seen.append(contentsOf: repeatElement(false, count: k))
        failed.append(contentsOf: repeatElement(false, count: k))
        switch kind {
        case .integral: longs.append(contentsOf: repeatElement(0, count: k))
        case .floating: doubles.append(contentsOf: repeatElement(0, count: k))
        case .decimal: decimals.append(contentsOf: repeatElement(0, count: k))
        }
    }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        guard let v = args.first else { return }
        try add(ids, v)
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) {
        guard let v = state.first else { return }
        try add(ids, v)
    }

    private func add(_ ids: [Int32], _ v: ColumnVector) throws(RivuletError) {
        let n = ids.count
        if VectorOps.isAllNullStorage(v) { return }
        switch kind {
        case .integral:
            guard let a = Arithmetic.int64s(v) else { return }
            var overflow = false
            for i in 0..<n where v.isValid(i) {
                let g = Int(ids[i])
                let (s, o) = longs[g].addingReportingOverflow(a[i])
                longs[g] = s
                seen[g] = true
                if o && tryMode { failed[g] = true }
                overflow = overflow || o
            }
            if overflow && !tryMode { throw AnsiErrors.overflow("long", suggestion: "try_sum") }
        case .floating:
            guard let a = Arithmetic.doubles(v) else { return }
            if v.validity == nil {
                for i in 0..<n { let g = Int(ids[i]); doubles[g] += a[i]; seen[g] = true }
            } else {
                for i in 0..<n where v.isValid(i) { let g = Int(ids[i]); doubles[g] += a[i]; seen[g] = true }
            }
        case .decimal(let scale, let precision):
            guard case .decimal(let a) = v.storage else { return }
            let from = Decimals.scale(of: v.dataType)
            let limit = DecimalValue.pow10(precision)
            for i in 0..<n where v.isValid(i) {
                let g = Int(ids[i])
                guard let x = Decimals.rescale(a[i], from: from, to: scale) else {
                    if tryMode { failed[g] = true; continue }
                    throw AnsiErrors.decimalOutOfRange(DecimalValue(unscaled: a[i], scale: from).description, precision: precision, scale: scale)
                }
                let (s, o) = decimals[g].addingReportingOverflow(x)
                if o || s >= limit || s <= 0 - limit {
                    if tryMode { failed[g] = true; continue }
                    throw AnsiErrors.decimalOutOfRange(DecimalValue(unscaled: s, scale: scale).description, precision: precision, scale: scale)
                }
                decimals[g] = s
                seen[g] = true
            }
        }
    }

    func state(_ groups: Int) -> [ColumnVector] { [output(groups)] }
    func result(_ groups: Int) throws(RivuletError) -> ColumnVector { output(groups) }

    private func output(_ groups: Int) -> ColumnVector {
        let valid = Accumulators.bitmap(tryMode ? zip(seen, failed).map { $0 && !$1 } : seen, groups)
        switch kind {
        case .integral: return Accumulators.integral(Array(longs.prefix(groups)), valid, resultType)
        case .floating:
            return ColumnVector(dataType: resultType, count: groups, validity: valid, storage: .float64(Array(doubles.prefix(groups))))
        case .decimal:
            return ColumnVector(dataType: resultType, count: groups, validity: valid, storage: .decimal(Array(decimals.prefix(groups))))
        }
    }
}

/// `avg(x)`: sum and count; double for numeric input, decimal(p+4, s+4) for decimals.
final class AvgAccumulator: Accumulator {
    let sum: SumAccumulator
    let count = CountAccumulator(countAll: false, predicate: false)
    let resultType: DataType
    let sumType: DataType

    init(inputType: DataType, resultType: DataType) throws(RivuletError) {
        self.resultType = resultType
        if case .decimal(let p, let s) = inputType {
            sumType = .decimal(precision: min(38, p + 10), scale: s)
        } else {
            sumType = .double
        }
        sum = try SumAccumulator(inputType: sumType == .double ? .double : inputType, resultType: sumType)
    }

    var stateTypes: [DataType] { [sumType, .long] }
    func resize(_ groups: Int) { sum.resize(groups); count.resize(groups) }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        guard let v = args.first else { return }
        let x: ColumnVector
        if sumType == .double, !(v.dataType == .double) {
            x = ColumnVector(dataType: .double, count: v.count, validity: v.validity, storage: .float64(Arithmetic.doubles(v) ?? []))
            if VectorOps.isAllNullStorage(v) { return }
        } else {
            x = v
        }
        try sum.update(ids, [x])
        try count.update(ids, [v])
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) {
        guard state.count == 2 else { return }
        try sum.merge(ids, [state[0]])
        try count.merge(ids, [state[1]])
    }

    func state(_ groups: Int) -> [ColumnVector] { sum.state(groups) + count.state(groups) }

    func result(_ groups: Int) throws(RivuletError) -> ColumnVector {
        let s = try sum.result(groups)
        let c = try count.result(groups).int64Values ?? []
        var valid = Bitmap(count: groups, value: true)
        switch s.storage {
        case .float64(let a):
            var out = [Double](repeating: 0, count: groups)
            for g in 0..<groups { if c[g] == 0 { valid.clear(g) } else { out[g] = a[g] / Double(c[g]) } }
            return ColumnVector(dataType: .double, count: groups, validity: valid, storage: .float64(out))
        case .decimal(let a):
            let from = Decimals.scale(of: sumType), to = Decimals.scale(of: resultType)
            var out = [Int128](repeating: 0, count: groups)
            for g in 0..<groups {
                if c[g] == 0 { valid.clear(g); continue }
                guard let x = Decimals.rescale(a[g], from: from, to: to) else {
                    throw AnsiErrors.decimalOutOfRange(DecimalValue(unscaled: a[g], scale: from).description,
                                                       precision: Decimals.precision(of: resultType), scale: to)
                }
                out[g] = Decimals.divRound(x, Int128(c[g]))
            }
            return ColumnVector(dataType: resultType, count: groups, validity: valid, storage: .decimal(out))
        default:
            return VectorOps.nulls(resultType, count: groups)
        }
    }
}
