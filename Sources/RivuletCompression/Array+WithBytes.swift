extension Array where Element == UInt8 {
    /// Runs a typed-throwing codec function over the array's bytes: the `[UInt8]` overloads of the
    /// codecs all forward to their `UnsafeRawBufferPointer` versions through this.
    @inlinable func withBytes(
        _ body: (UnsafeRawBufferPointer) throws(CompressionError) -> [UInt8]
    ) throws(CompressionError) -> [UInt8] {
        let result = withUnsafeBytes { buffer in Result { () throws(CompressionError) in try body(buffer) } }
        return try result.get()
    }
}
