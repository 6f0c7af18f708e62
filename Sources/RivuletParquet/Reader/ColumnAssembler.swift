import RivuletCore

/// Rebuilds Spark columns (flat, struct, array, map) from decoded leaf columns and their
/// definition/repetition levels.
///
/// A node is assembled in a context `(r, existDef)`: its slots are the level entries whose
/// repetition level is at most `r` and whose definition level is at least `existDef` (at the top
/// level every entry with repetition 0 is a row). A slot is non-null when the definition level
/// reaches the node's `nullDef`. A list's elements are the entries with repetition at most its
/// `repLevel` and definition at least its `elemDef`; they form the context of its element.
/// Every node reads the levels of one leaf below it, so siblings may use different leaves.
struct ColumnAssembler {
    /// Decoded leaves by column index.
    let leaves: [Int: LeafData]
    let file: String

    func assemble(_ plan: ReadPlan, r: Int, existDef: Int) throws(RivuletError) -> ColumnVector {
        switch plan {
        case .leaf(let leaf, let nullDef):
            return try assembleLeaf(leaf, nullDef: nullDef, existDef: existDef)
        case .structure(let fields, let type, let nullDef, let levelLeaf):
            let d = try data(levelLeaf)
            let (count, validity) = slots(d, r: r, existDef: existDef, nullDef: nullDef)
            var children: [ColumnVector] = []
            for f in fields {
                let c = try assemble(f, r: r, existDef: existDef)
                guard c.count == count else { throw mismatch("struct field", c.count, count) }
                children.append(c)
            }
            return ColumnVector(dataType: type, count: count, validity: validity, storage: .structure(children))
        case .list(let element, let type, let nullDef, let repLevel, let elemDef, let levelLeaf):
            let d = try data(levelLeaf)
            let (offsets, validity) = try listSlots(d, r: r, existDef: existDef, nullDef: nullDef, repLevel: repLevel, elemDef: elemDef)
            let values = try assemble(element, r: repLevel, existDef: elemDef)
            guard values.count == Int(offsets.last ?? 0) else { throw mismatch("list element", values.count, Int(offsets.last ?? 0)) }
            return ColumnVector(dataType: type, count: offsets.count - 1, validity: validity, storage: .list(offsets: offsets, values: values))
        case .map(let key, let value, let type, let nullDef, let repLevel, let elemDef, let levelLeaf):
            let d = try data(levelLeaf)
            let (offsets, validity) = try listSlots(d, r: r, existDef: existDef, nullDef: nullDef, repLevel: repLevel, elemDef: elemDef)
            let keys = try assemble(key, r: repLevel, existDef: elemDef)
            let values = try assemble(value, r: repLevel, existDef: elemDef)
            let n = Int(offsets.last ?? 0)
            guard keys.count == n else { throw mismatch("map key", keys.count, n) }
            guard values.count == n else { throw mismatch("map value", values.count, n) }
            guard keys.nullCount == 0 else {
                throw RivuletError(.execution, "Parquet file '\(file)': a map has a null key", errorClass: "NULL_MAP_KEY")
            }
            return ColumnVector(dataType: type, count: offsets.count - 1, validity: validity, storage: .map(offsets: offsets, keys: keys, values: values))
        }
    }

    private func data(_ column: Int) throws(RivuletError) -> LeafData {
        guard let d = leaves[column] else { throw .internal("Parquet reader: leaf column \(column) was not decoded") }
        return d
    }

    private func mismatch(_ what: String, _ got: Int, _ expected: Int) -> RivuletError {
        .io("Corrupt Parquet file '\(file)': the levels give \(expected) \(what) slots but \(got) were decoded")
    }

    // MARK: slots

    /// Slot count and validity of a non-list node.
    private func slots(_ d: LeafData, r: Int, existDef: Int, nullDef: Int) -> (Int, Bitmap?) {
        if d.rep.isEmpty && existDef == 0 {
            if d.def.isEmpty || nullDef == 0 { return (d.entries, nil) }
            return (d.entries, definedBitmap(d.def, atLeast: nullDef))
        }
        var valid: [Bool] = []
        valid.reserveCapacity(d.entries)
        let rr = UInt8(r), ed = UInt8(existDef), nd = UInt8(nullDef)
        for e in 0..<d.entries {
            let rp = d.rep.isEmpty ? 0 : d.rep[e]
            let df = d.def.isEmpty ? 0 : d.def[e]
            if rp <= rr && df >= ed { valid.append(df >= nd) }
        }
        return (valid.count, Bitmap(valid))
    }

    /// Offsets and validity of a list or map node.
    private func listSlots(
        _ d: LeafData, r: Int, existDef: Int, nullDef: Int, repLevel: Int, elemDef: Int
    ) throws(RivuletError) -> ([Int32], Bitmap) {
        var offsets: [Int32] = [0]
        var valid: [Bool] = []
        offsets.reserveCapacity(d.entries + 1)
        valid.reserveCapacity(d.entries)
        let rr = UInt8(r), ed = UInt8(existDef), nd = UInt8(nullDef), rl = UInt8(repLevel), eld = UInt8(elemDef)
        var elements = 0
        var open = false
        for e in 0..<d.entries {
            let rp = d.rep.isEmpty ? 0 : d.rep[e]
            let df = d.def.isEmpty ? 0 : d.def[e]
            if rp <= rr {
                if open { offsets.append(Int32(truncatingIfNeeded: elements)) }
                open = df >= ed
                if open {
                    valid.append(df >= nd)
                    if df >= eld { elements += 1 }
                }
            } else if open && rp <= rl && df >= eld {
                elements += 1
            }
        }
        if open { offsets.append(Int32(truncatingIfNeeded: elements)) }
        guard elements <= Int(Int32.max) else {
            throw RivuletError.unsupported("Parquet file '\(file)': more than 2^31 list elements in one row group")
        }
        return (offsets, Bitmap(valid))
    }

    /// Bits set where `def[i] >= level`.
    private func definedBitmap(_ def: [UInt8], atLeast level: Int) -> Bitmap {
        var bm = Bitmap(count: def.count, value: false)
        let l = UInt8(level)
        def.withUnsafeBufferPointer { d in
            bm.words.withUnsafeMutableBufferPointer { w in
                var i = 0
                for wi in 0..<w.count {
                    var word: UInt64 = 0
                    let end = min(i + 64, d.count)
                    var bit: UInt64 = 1
                    while i < end {
                        if d[i] >= l { word |= bit }
                        bit <<= 1
                        i += 1
                    }
                    w[wi] = word
                }
            }
        }
        return bm
    }

    // MARK: leaves

    private func assembleLeaf(_ leaf: LeafPlan, nullDef: Int, existDef: Int) throws(RivuletError) -> ColumnVector {
        let d = try data(leaf.column)
        let dense = try leaf.conversion.apply(d.values)
        let present = d.values.count
        if d.def.isEmpty {
            guard present == d.entries else { throw mismatch("value", present, d.entries) }
            return ColumnVector(dataType: leaf.sparkType, count: d.entries, validity: nil, storage: dense)
        }
        let validity: Bitmap
        if existDef == 0 {
            validity = definedBitmap(d.def, atLeast: nullDef)
        } else {
            var valid: [Bool] = []
            valid.reserveCapacity(d.entries)
            let ed = UInt8(existDef), nd = UInt8(nullDef)
            for df in d.def where df >= ed { valid.append(df >= nd) }
            validity = Bitmap(valid)
        }
        let count = validity.count
        guard validity.popCount == present else { throw mismatch("non-null value", present, validity.popCount) }
        if present == count {
            return ColumnVector(dataType: leaf.sparkType, count: count, validity: nil, storage: dense)
        }
        return ColumnVector(dataType: leaf.sparkType, count: count, validity: validity, storage: scatter(dense, validity))
    }
}

/// Spreads dense non-null values over `validity.count` slots (null slots get zero / empty).
func scatter(_ dense: ColumnVector.Storage, _ validity: Bitmap) -> ColumnVector.Storage {
    switch dense {
    case .bool(let a): return .bool(scatter(a, false, validity))
    case .int8(let a): return .int8(scatter(a, 0, validity))
    case .int16(let a): return .int16(scatter(a, 0, validity))
    case .int32(let a): return .int32(scatter(a, 0, validity))
    case .int64(let a): return .int64(scatter(a, 0, validity))
    case .float32(let a): return .float32(scatter(a, 0, validity))
    case .float64(let a): return .float64(scatter(a, 0, validity))
    case .decimal(let a): return .decimal(scatter(a, 0, validity))
    case .bytes(let b):
        // Null slots become empty ranges; the bytes are shared, not copied.
        var offsets = [Int32](repeating: 0, count: validity.count + 1)
        offsets.withUnsafeMutableBufferPointer { o in
            b.offsets.withUnsafeBufferPointer { src in
                var j = 0
                for i in 0..<validity.count {
                    if validity[i] { j += 1 }
                    o[i + 1] = src[j]
                }
            }
        }
        return .bytes(ByteArray(offsets: offsets, data: b.data))
    default: return dense
    }
}

private func scatter<T>(_ dense: [T], _ zero: T, _ validity: Bitmap) -> [T] {
    var out = [T](repeating: zero, count: validity.count)
    out.withUnsafeMutableBufferPointer { o in
        dense.withUnsafeBufferPointer { src in
            var j = 0
            for i in 0..<o.count where validity[i] {
                o[i] = src[j]
                j += 1
            }
        }
    }
    return out
}
