/// The definition and repetition levels of the data page being filled, and its counts.
///
/// Kept in a struct (not class properties) so the per-level loops run without dynamic
/// exclusivity checks.
struct PageLevels {
    var definition: RLEHybridEncoder
    var repetition: RLEHybridEncoder
    /// Level entries in the page (`num_values`, nulls included).
    private(set) var levels = 0
    /// Rows that start in the page.
    private(set) var rows = 0
    /// Entries without a value (a null or empty list at some level).
    private(set) var nulls = 0

    init(maxDefinition: UInt16, maxRepetition: UInt16) {
        definition = RLEHybridEncoder(bitWidth: BitPacking.bitWidth(forMax: UInt64(maxDefinition)))
        repetition = RLEHybridEncoder(bitWidth: BitPacking.bitWidth(forMax: UInt64(maxRepetition)))
    }

    /// Estimated encoded size of both level streams.
    var estimatedSize: Int { definition.estimatedSize + repetition.estimatedSize }

    /// Encodes the levels `range` of `leaf`; returns how many of them carry a value.
    mutating func append(_ leaf: ShreddedLeaf, range: Range<Int>) -> Int {
        let n = range.count
        let maxDef = leaf.maxDefinition
        var present = n
        switch leaf.definition {
        case .none:
            break
        case .constant(let d):
            definition.put(UInt32(d), repeating: n)
            if d < maxDef { present = 0 }
        case .array(let defs):
            present = 0
            defs.withUnsafeBufferPointer { p in
                for k in range {
                    let d = p[k]
                    definition.put(UInt32(d))
                    if d == maxDef { present += 1 }
                }
            }
        }
        if let rep = leaf.repetition {
            var starts = 0
            rep.withUnsafeBufferPointer { p in
                for k in range {
                    let r = p[k]
                    repetition.put(UInt32(r))
                    if r == 0 { starts += 1 }
                }
            }
            rows += starts
        } else {
            rows += n
        }
        levels += n
        nulls += n - present
        return present
    }

    /// The encoded level streams (empty when a column has no such levels); resets the counts.
    mutating func take(hasDefinition: Bool, hasRepetition: Bool) -> (definition: [UInt8], repetition: [UInt8]) {
        let d = hasDefinition ? definition.finish() : []
        let r = hasRepetition ? repetition.finish() : []
        levels = 0
        rows = 0
        nulls = 0
        return (d, r)
    }
}
