extension Array {
    /// Makes room for `extra` more elements, growing geometrically.
    ///
    /// `reserveCapacity(count + extra)` reallocates to exactly that size on every call, so calling
    /// it once per page makes decoding a column chunk quadratic in its page count.
    @inlinable mutating func reserve(adding extra: Int) {
        let needed = count + extra
        if needed > capacity { reserveCapacity(Swift.max(needed, capacity * 2)) }
    }
}
