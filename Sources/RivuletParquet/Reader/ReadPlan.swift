import RivuletCore

/// How a leaf's physical values become a Spark column's storage.
enum LeafConversion: Sendable, Equatable {
    case boolean
    case int32, int8, int16
    /// UINT_8 → short, UINT_16 → int, UINT_32 → long (Spark's widening of unsigned types).
    case uint8, uint16, uint32
    case int64
    /// UINT_64 → decimal(20,0).
    case uint64
    case date
    case timestampMillis, timestampMicros, timestampNanos
    /// INT96: already microseconds after decoding.
    case int96
    case float, double
    /// IEEE half precision in FIXED_LEN_BYTE_ARRAY(2) → float.
    case float16
    case decimalInt32, decimalInt64
    /// Big-endian two's complement in BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY.
    case decimalBytes
    case string, binary
}

/// One leaf column to read and how to convert it.
struct LeafPlan: Sendable {
    /// Column index within the row group.
    let column: Int
    let path: String
    let physical: PhysicalType
    let kind: ValueKind
    let maxDef: Int
    let maxRep: Int
    let sparkType: DataType
    let conversion: LeafConversion
}

/// How one Spark column is reassembled from leaf columns and their levels.
///
/// Every node is present (non-null) where the definition level is at least `nullDef`; lists and
/// maps have elements where it is at least `elemDef`, and a repetition level of `repLevel` or
/// less starts a new element. `levelLeaf` is the leaf whose levels describe this node.
indirect enum ReadPlan: Sendable {
    case leaf(LeafPlan, nullDef: Int)
    case structure(fields: [ReadPlan], type: DataType, nullDef: Int, levelLeaf: Int)
    case list(element: ReadPlan, type: DataType, nullDef: Int, repLevel: Int, elemDef: Int, levelLeaf: Int)
    case map(key: ReadPlan, value: ReadPlan, type: DataType, nullDef: Int, repLevel: Int, elemDef: Int, levelLeaf: Int)

    var dataType: DataType {
        switch self {
        case .leaf(let l, _): return l.sparkType
        case .structure(_, let t, _, _), .list(_, let t, _, _, _, _), .map(_, _, let t, _, _, _, _): return t
        }
    }

    /// Every leaf plan below this node.
    var leafPlans: [LeafPlan] {
        switch self {
        case .leaf(let l, _): return [l]
        case .structure(let fields, _, _, _): return fields.flatMap(\.leafPlans)
        case .list(let e, _, _, _, _, _): return e.leafPlans
        case .map(let k, let v, _, _, _, _, _): return k.leafPlans + v.leafPlans
        }
    }
}
