import RivuletCore
import RivuletSQL

/// Vectorized arithmetic with Spark's ANSI semantics: integer overflow and division by zero raise
/// errors (only for non-null rows), `/` yields double or decimal, `div` yields bigint and `%` is
/// Java's truncating remainder.
enum Arithmetic {
    static func unary(_ op: UnaryOperator, _ v: ColumnVector, type: DataType) throws(RivuletError) -> ColumnVector {
        switch op {
        case .positive: return v
        case .not:
            guard case .bool(let a) = v.storage else { return VectorOps.nulls(.boolean, count: v.count) }
            return ColumnVector(bool: a.map { !$0 }, validity: v.validity)
        case .negate:
            func neg<T: FixedWidthInteger & SignedInteger>(_ a: [T]) throws(RivuletError) -> [T] {
                var bad = false
                let r = a.map { x -> T in
                    let (y, o) = T.zero.subtractingReportingOverflow(x)
                    bad = bad || o
                    return y
                }
                if bad {
                    for i in 0..<a.count where a[i] == T.min && v.isValid(i) {
                        throw AnsiErrors.overflow(AnsiErrors.typeName(v.dataType), suggestion: nil)
                    }
                }
                return r
            }
            let s: ColumnVector.Storage
            switch v.storage {
            case .int8(let a): s = .int8(try neg(a))
            case .int16(let a): s = .int16(try neg(a))
            case .int32(let a): s = .int32(try neg(a))
            case .int64(let a): s = .int64(try neg(a))
            case .float32(let a): s = .float32(a.map { -$0 })
            case .float64(let a): s = .float64(a.map { -$0 })
            case .decimal(let a): s = .decimal(a.map { 0 - $0 })
            case .none: return v
            default: throw .internal("cannot negate \(v.dataType.simpleString)")
            }
            return ColumnVector(dataType: v.dataType, count: v.count, validity: v.validity, storage: s)
        case .bitwiseNot:
            let s: ColumnVector.Storage
            switch v.storage {
            case .int8(let a): s = .int8(a.map { ~$0 })
            case .int16(let a): s = .int16(a.map { ~$0 })
            case .int32(let a): s = .int32(a.map { ~$0 })
            case .int64(let a): s = .int64(a.map { ~$0 })
            case .none: return v
            default: throw .internal("'~' expects an integral operand, got \(v.dataType.simpleString)")
            }
            return ColumnVector(dataType: v.dataType, count: v.count, validity: v.validity, storage: s)
        }
    }

    static func binary(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector, type: DataType) throws(RivuletError) -> ColumnVector {
        let n = l.count
        if VectorOps.isAllNullStorage(l) || VectorOps.isAllNullStorage(r) { return VectorOps.nulls(type, count: n) }
        let valid = VectorOps.and(l.validity, r.validity)
        func make(_ s: ColumnVector.Storage, _ t: DataType = type) -> ColumnVector {
            ColumnVector(dataType: t, count: n, validity: valid, storage: s)
        }
        // Datetime +/- day-time interval.
        switch (l.dataType, r.dataType) {
        case (.timestamp, .dayTimeInterval), (.dayTimeInterval, .timestamp):
            guard op == .add || op == .subtract, case .int64(let a) = l.storage, case .int64(let b) = r.storage else { break }
            if op == .subtract && r.dataType == .timestamp { break }
            return make(.int64(try integral(op, a, b, valid, type: .long)), .timestamp)
        case (.date, .dayTimeInterval):
            guard op == .add || op == .subtract, case .int32(let a) = l.storage, case .int64(let b) = r.storage else { break }
            let day = DateTimeUtils.microsPerDay
            var out = [Int32](repeating: 0, count: n)
            for i in 0..<n {
                let days = b[i] >= 0 ? b[i] / day : -((-b[i] + day - 1) / day)
                out[i] = Int32(truncatingIfNeeded: op == .add ? Int64(a[i]) + days : Int64(a[i]) - days)
            }
            return make(.int32(out), .date)
        default: break
        }
        if op == .divide {
            if case .decimal = type { return try Decimals.binary(op, l, r, type: type, validity: valid) }
            guard let a = doubles(l), let b = doubles(r) else {
                throw .internal("'/' expects numeric operands, got \(l.dataType.simpleString) and \(r.dataType.simpleString)")
            }
            return make(.float64(try floating(op, a, b, valid)), .double)
        }
        if op == .integralDivide {
            if case .decimal = l.dataType { return try Decimals.binary(op, l, r, type: .long, validity: valid) }
            guard let a = int64s(l), let b = int64s(r) else {
                throw .internal("'div' expects integral operands, got \(l.dataType.simpleString) and \(r.dataType.simpleString)")
            }
            return make(.int64(try integral(op, a, b, valid, type: .long)), .long)
        }
        switch (l.storage, r.storage) {
        case (.int32(let a), .int32(let b)): return make(.int32(try integral(op, a, b, valid, type: l.dataType)), l.dataType)
        case (.int64(let a), .int64(let b)): return make(.int64(try integral(op, a, b, valid, type: l.dataType)), l.dataType)
        case (.int16(let a), .int16(let b)): return make(.int16(try integral(op, a, b, valid, type: l.dataType)), l.dataType)
        case (.int8(let a), .int8(let b)): return make(.int8(try integral(op, a, b, valid, type: l.dataType)), l.dataType)
        case (.float64(let a), .float64(let b)): return make(.float64(try floating(op, a, b, valid)), .double)
        case (.float32(let a), .float32(let b)): return make(.float32(try floating(op, a, b, valid)), .float)
        case (.decimal, .decimal): return try Decimals.binary(op, l, r, type: type, validity: valid)
        default:
            throw .internal("operator '\(op.rawValue)' is not supported for \(l.dataType.simpleString) and \(r.dataType.simpleString)")
        }
    }

    /// The values widened to Int64 (integral storage only).
    static func int64s(_ v: ColumnVector) -> [Int64]? {
        switch v.storage {
        case .int8(let a): return a.map { Int64($0) }
        case .int16(let a): return a.map { Int64($0) }
        case .int32(let a): return a.map { Int64($0) }
        case .int64(let a): return a
        default: return nil
        }
    }

    /// The values as Double (numeric storage only).
    static func doubles(_ v: ColumnVector) -> [Double]? {
        switch v.storage {
        case .float64(let a): return a
        case .float32(let a): return a.map { Double($0) }
        case .decimal(let a):
            guard case .decimal(_, let s) = v.dataType else { return nil }
            let d = Double(DecimalValue.pow10(s))
            return a.map { Double($0) / d }
        default: return int64s(v).map { $0.map { Double($0) } }
        }
    }

    static func integral<T: FixedWidthInteger & SignedInteger>(
        _ op: BinaryOperator, _ a: [T], _ b: [T], _ valid: Bitmap?, type: DataType
    ) throws(RivuletError) -> [T] {
        let n = a.count
        var out = [T](repeating: 0, count: n)
        var flagged = false
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    switch op {
                    case .add:
                        for i in 0..<n { let (r, o) = pa[i].addingReportingOverflow(pb[i]); po[i] = r; flagged = flagged || o }
                    case .subtract:
                        for i in 0..<n { let (r, o) = pa[i].subtractingReportingOverflow(pb[i]); po[i] = r; flagged = flagged || o }
                    case .multiply:
                        for i in 0..<n { let (r, o) = pa[i].multipliedReportingOverflow(by: pb[i]); po[i] = r; flagged = flagged || o }
                    case .integralDivide:
                        for i in 0..<n {
                            if pb[i] == 0 { flagged = true; continue }
                            let (r, o) = pa[i].dividedReportingOverflow(by: pb[i]); po[i] = r; flagged = flagged || o
                        }
                    case .remainder:
                        // Java semantics: sign of the dividend; MIN % -1 == 0.
                        for i in 0..<n {
                            if pb[i] == 0 { flagged = true; continue }
                            po[i] = pa[i].remainderReportingOverflow(dividingBy: pb[i]).partialValue
                        }
                    case .bitwiseAnd: for i in 0..<n { po[i] = pa[i] & pb[i] }
                    case .bitwiseOr: for i in 0..<n { po[i] = pa[i] | pb[i] }
                    case .bitwiseXor: for i in 0..<n { po[i] = pa[i] ^ pb[i] }
                    default: flagged = true
                    }
                }
            }
        }
        if flagged {
            switch op {
            case .add, .subtract, .multiply, .integralDivide, .remainder: break
            default: throw .internal("operator '\(op.rawValue)' is not supported for \(type.simpleString)")
            }
            // Re-check only the non-null rows to find the real failure.
            for i in 0..<n where valid?[i] ?? true {
                if op == .remainder && b[i] == 0 { throw AnsiErrors.remainderByZero() }
                if op == .integralDivide && b[i] == 0 { throw AnsiErrors.divideByZero() }
                let o: Bool
                switch op {
                case .add: o = a[i].addingReportingOverflow(b[i]).overflow
                case .subtract: o = a[i].subtractingReportingOverflow(b[i]).overflow
                case .multiply: o = a[i].multipliedReportingOverflow(by: b[i]).overflow
                case .integralDivide: o = a[i].dividedReportingOverflow(by: b[i]).overflow
                default: o = false
                }
                if o { throw AnsiErrors.overflow(AnsiErrors.typeName(type), suggestion: AnsiErrors.trySuggestion(op)) }
            }
        }
        return out
    }

    static func floating<T: BinaryFloatingPoint>(_ op: BinaryOperator, _ a: [T], _ b: [T], _ valid: Bitmap?) throws(RivuletError) -> [T] {
        let n = a.count
        var out = [T](repeating: 0, count: n)
        var zero = false
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    switch op {
                    case .add: for i in 0..<n { po[i] = pa[i] + pb[i] }
                    case .subtract: for i in 0..<n { po[i] = pa[i] - pb[i] }
                    case .multiply: for i in 0..<n { po[i] = pa[i] * pb[i] }
                    case .divide:
                        for i in 0..<n { if pb[i] == 0 { zero = true } else { po[i] = pa[i] / pb[i] } }
                    case .remainder:
                        for i in 0..<n { if pb[i] == 0 { zero = true } else { po[i] = pa[i].truncatingRemainder(dividingBy: pb[i]) } }
                    default: zero = true
                    }
                }
            }
        }
        if zero {
            guard op == .divide || op == .remainder else {
                throw .internal("operator '\(op.rawValue)' is not supported for floating-point operands")
            }
            for i in 0..<n where b[i] == 0 && (valid?[i] ?? true) {
                throw op == .remainder ? AnsiErrors.remainderByZero() : AnsiErrors.divideByZero()
            }
        }
        return out
    }
}
