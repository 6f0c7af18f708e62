import RivuletCore

/// One leaf column of one batch, shredded into Dremel levels: which slots are null, where rows
/// start, and where each present value sits in the leaf vector.
///
/// Flat columns (a top-level atomic field) keep their levels implicit: level `i` is row `i`, and
/// its value, when present, is element `i` of the leaf vector.
struct ShreddedLeaf {
    /// Definition levels of one leaf, one per level entry.
    enum Levels {
        /// The column is required all the way down: no definition levels are written.
        case none
        /// Every entry has this level (a nullable column without nulls).
        case constant(UInt16)
        /// One level per entry.
        case array([UInt16])
    }

    /// Number of level entries (the `num_values` of pages, nulls included).
    var levelCount: Int
    var definition: Levels
    /// Repetition levels, nil when the leaf is not under a list or map.
    var repetition: [UInt16]?
    /// For repeated leaves: the level index at which each row starts, `rows + 1` entries.
    var rowStarts: [Int32]?
    /// Positions in ``vector`` of the present values, in order; nil for flat columns.
    var positions: [Int32]?
    /// The vector holding the leaf's values.
    var vector: ColumnVector
    /// The definition level of a present value.
    var maxDefinition: UInt16

    /// The level index where row `row` starts.
    @inline(__always) func levelStart(ofRow row: Int) -> Int {
        if let rowStarts { return Int(rowStarts[row]) }
        return row
    }
}

/// Turns a top-level column into its leaves' levels (Dremel shredding), in the order the Parquet
/// schema lists the leaves: struct fields in order, a list's element, a map's key then value.
///
/// Nesting follows Spark's Parquet layout: an optional field adds one definition level, a list or
/// map adds one definition and one repetition level for its repeated group (an empty list stops at
/// that level), and a null parent stops the levels of everything below it.
enum ColumnShredder {
    /// Shreds `vector` (the column `field` of a batch); appends one ``ShreddedLeaf`` per leaf.
    static func shred(_ vector: ColumnVector, field: StructField, into out: inout [ShreddedLeaf]) throws(RivuletError) {
        if field.dataType.isAtomic {
            out.append(try flat(vector, field: field))
            return
        }
        let n = vector.count
        var slots = Slots(count: n)
        for i in 0..<n { slots.idx.append(Int32(i)) }
        slots.def = [UInt16](repeating: 0, count: n)
        slots.rep = [UInt16](repeating: 0, count: n)
        try shred(
            vector, type: field.dataType, nullable: field.nullable, path: field.name, slots: slots,
            definition: 0, repetition: 0, into: &out)
    }

    /// The fast path for a top-level atomic column.
    private static func flat(_ vector: ColumnVector, field: StructField) throws(RivuletError) -> ShreddedLeaf {
        let n = vector.count
        let nulls = vector.nullCount
        let definition: ShreddedLeaf.Levels
        if !field.nullable {
            if nulls > 0 { throw notNullViolation(field.name, field.dataType) }
            definition = .none
        } else if nulls == 0 {
            definition = .constant(1)
        } else if nulls == n {
            definition = .constant(0)
        } else {
            var def = [UInt16](repeating: 1, count: n)
            if let validity = vector.validity {
                for i in 0..<n where !validity[i] { def[i] = 0 }
            }
            definition = .array(def)
        }
        return ShreddedLeaf(
            levelCount: n, definition: definition, repetition: nil, rowStarts: nil, positions: nil,
            vector: vector, maxDefinition: field.nullable ? 1 : 0)
    }

    /// Level entries while descending: the vector index of each entry (-1 once a null or empty
    /// ancestor ended it) and its levels so far.
    private struct Slots {
        var idx: [Int32] = []
        var def: [UInt16] = []
        var rep: [UInt16] = []

        init(count: Int) {
            idx.reserveCapacity(count)
        }
    }

    private static func shred(
        _ vector: ColumnVector, type: DataType, nullable: Bool, path: String, slots: Slots,
        definition: UInt16, repetition: UInt16, into out: inout [ShreddedLeaf]
    ) throws(RivuletError) {
        var s = slots
        var d = definition
        let allNull: Bool
        if case .none = vector.storage { allNull = true } else { allNull = false }
        if nullable {
            d += 1
            for k in s.idx.indices where s.idx[k] >= 0 {
                if allNull || vector.isNull(Int(s.idx[k])) { s.idx[k] = -1 } else { s.def[k] = d }
            }
        } else if allNull || vector.validity != nil {
            for k in s.idx.indices where s.idx[k] >= 0 && vector.isNull(Int(s.idx[k])) {
                throw notNullViolation(path, type)
            }
        }

        switch type {
        case .struct(let st):
            let children: [ColumnVector]
            if case .structure(let cs) = vector.storage, cs.count == st.count {
                children = cs
            } else {
                // An all-null struct without child vectors: every slot already stopped above.
                children = st.fields.map { ColumnVector.nulls($0.dataType, count: vector.count) }
            }
            for (i, f) in st.fields.enumerated() {
                try shred(
                    children[i], type: f.dataType, nullable: f.nullable, path: path + "." + f.name, slots: s,
                    definition: d, repetition: repetition, into: &out)
            }
        case .array(let elementType, let containsNull):
            let (offsets, values) = try listParts(vector, elementType, path)
            let expanded = expand(s, offsets: offsets, definition: d, repetition: repetition)
            try shred(
                values, type: elementType, nullable: containsNull, path: path + ".element", slots: expanded,
                definition: d + 1, repetition: repetition + 1, into: &out)
        case .map(let keyType, let valueType, let valueContainsNull):
            let (offsets, keys, values) = try mapParts(vector, keyType, valueType, path)
            let expanded = expand(s, offsets: offsets, definition: d, repetition: repetition)
            try shred(
                keys, type: keyType, nullable: false, path: path + ".key", slots: expanded,
                definition: d + 1, repetition: repetition + 1, into: &out)
            try shred(
                values, type: valueType, nullable: valueContainsNull, path: path + ".value", slots: expanded,
                definition: d + 1, repetition: repetition + 1, into: &out)
        default:
            out.append(leaf(s, vector: vector, maxDefinition: d, repeated: repetition > 0))
        }
    }

    /// Replaces each present slot by one slot per element of its list (or one empty slot).
    private static func expand(_ s: Slots, offsets: [Int32], definition d: UInt16, repetition r: UInt16) -> Slots {
        var out = Slots(count: s.idx.count)
        out.def.reserveCapacity(s.idx.count)
        out.rep.reserveCapacity(s.idx.count)
        let nested = r + 1
        for k in s.idx.indices {
            let i = Int(s.idx[k])
            if i < 0 {
                out.idx.append(-1)
                out.def.append(s.def[k])
                out.rep.append(s.rep[k])
                continue
            }
            let lo = offsets[i], hi = offsets[i + 1]
            if hi <= lo {
                out.idx.append(-1)
                out.def.append(d)
                out.rep.append(s.rep[k])
                continue
            }
            for j in lo..<hi {
                out.idx.append(j)
                out.def.append(d + 1)
                out.rep.append(j == lo ? s.rep[k] : nested)
            }
        }
        return out
    }

    private static func leaf(_ s: Slots, vector: ColumnVector, maxDefinition: UInt16, repeated: Bool) -> ShreddedLeaf {
        var positions: [Int32] = []
        positions.reserveCapacity(s.idx.count)
        for i in s.idx where i >= 0 { positions.append(i) }
        var rowStarts: [Int32]? = nil
        if repeated {
            var starts: [Int32] = []
            for (k, r) in s.rep.enumerated() where r == 0 { starts.append(Int32(k)) }
            starts.append(Int32(s.rep.count))
            rowStarts = starts
        }
        return ShreddedLeaf(
            levelCount: s.idx.count, definition: maxDefinition == 0 ? .none : .array(s.def),
            repetition: repeated ? s.rep : nil, rowStarts: rowStarts, positions: positions,
            vector: vector, maxDefinition: maxDefinition)
    }

    private static func listParts(_ v: ColumnVector, _ elementType: DataType, _ path: String) throws(RivuletError) -> ([Int32], ColumnVector) {
        switch v.storage {
        case .list(let offsets, let values):
            guard offsets.count == v.count + 1 else { throw malformed(path, "list offsets") }
            return (offsets, values)
        case .none:
            return ([Int32](repeating: 0, count: v.count + 1), ColumnVector.nulls(elementType, count: 0))
        default:
            throw malformed(path, "storage for an array")
        }
    }

    private static func mapParts(
        _ v: ColumnVector, _ keyType: DataType, _ valueType: DataType, _ path: String
    ) throws(RivuletError) -> ([Int32], ColumnVector, ColumnVector) {
        switch v.storage {
        case .map(let offsets, let keys, let values):
            guard offsets.count == v.count + 1 else { throw malformed(path, "map offsets") }
            return (offsets, keys, values)
        case .none:
            return ([Int32](repeating: 0, count: v.count + 1), ColumnVector.nulls(keyType, count: 0), ColumnVector.nulls(valueType, count: 0))
        default:
            throw malformed(path, "storage for a map")
        }
    }

    static func notNullViolation(_ path: String, _ type: DataType) -> RivuletError {
        .execution(
            "Cannot write a null value into the non-nullable column `\(path)` of type \(type.sql) to Parquet",
            errorClass: "NOT_NULL_ASSERT_VIOLATION")
    }

    private static func malformed(_ path: String, _ what: String) -> RivuletError {
        .internal("Parquet writer: column `\(path)` has malformed \(what)")
    }
}
