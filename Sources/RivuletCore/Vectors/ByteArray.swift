/// Variable-length byte strings in one buffer: value `i` is `data[offsets[i] ..< offsets[i+1]]`.
/// Used for both `string` (UTF-8) and `binary` columns.
public struct ByteArray: Sendable {
    public var offsets: [Int32]
    public var data: [UInt8]

    public init(offsets: [Int32], data: [UInt8]) {
        self.offsets = offsets
        self.data = data
    }

    public var count: Int { offsets.count - 1 }

    @inlinable public func range(at i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }

    public func string(at i: Int) -> String {
        let r = range(at: i)
        return data.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    public func bytes(at i: Int) -> [UInt8] { Array(data[range(at: i)]) }

    /// Compares value `i` with `other` byte-wise.
    public func equals(_ i: Int, _ other: ByteArray, _ j: Int) -> Bool {
        let a = range(at: i), b = other.range(at: j)
        guard a.count == b.count else { return false }
        return data.withUnsafeBufferPointer { p in
            other.data.withUnsafeBufferPointer { q in
                memcmpEqual(p.baseAddress.map { $0 + a.lowerBound }, q.baseAddress.map { $0 + b.lowerBound }, a.count)
            }
        }
    }
}

@inlinable func memcmpEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
    guard n > 0, let a, let b else { return true }
    for k in 0..<n where a[k] != b[k] { return false }
    return true
}

/// Appends byte strings into a ``ByteArray``.
public struct ByteArrayBuilder: Sendable {
    public var offsets: [Int32]
    public var data: [UInt8]

    public init(capacity: Int = 0, byteCapacity: Int = 0) {
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
        data = []
        data.reserveCapacity(byteCapacity)
    }

    public var count: Int { offsets.count - 1 }

    @inlinable public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { data.append(contentsOf: $0) }
        offsets.append(Int32(truncatingIfNeeded: data.count))
    }

    @inlinable public mutating func append<C: Collection>(bytes: C) where C.Element == UInt8 {
        data.append(contentsOf: bytes)
        offsets.append(Int32(truncatingIfNeeded: data.count))
    }

    @inlinable public mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
        data.append(contentsOf: p)
        offsets.append(Int32(truncatingIfNeeded: data.count))
    }

    @inlinable public mutating func appendEmpty() { offsets.append(Int32(truncatingIfNeeded: data.count)) }

    public func finish() -> ByteArray { ByteArray(offsets: offsets, data: data) }
}
