/// A packed bit set; in a ``ColumnVector`` a set bit means "value present" (not null).
public struct Bitmap: Sendable, Hashable {
    public var words: [UInt64]
    public let count: Int

    /// `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let n = (count + 63) >> 6
        words = [UInt64](repeating: value ? ~0 : 0, count: n)
        if value, count & 63 != 0, n > 0 { words[n - 1] = (1 << UInt64(count & 63)) - 1 }
    }

    public init(_ bits: [Bool]) {
        self.init(count: bits.count, value: false)
        for (i, b) in bits.enumerated() where b { set(i) }
    }

    @inlinable public subscript(i: Int) -> Bool {
        (words[i >> 6] >> UInt64(i & 63)) & 1 == 1
    }

    @inlinable public mutating func set(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    @inlinable public mutating func clear(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }

    /// Number of set bits.
    public var popCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Bitwise AND of two bitmaps of the same length.
    public func and(_ o: Bitmap) -> Bitmap {
        var r = self
        for i in 0..<words.count { r.words[i] &= o.words[i] }
        return r
    }
}
