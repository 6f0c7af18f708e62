import NIOCore

/// Writers for Kafka protocol primitives (non-flexible encodings: int16 string lengths, int32 array counts).
extension ByteBuffer {
    mutating func writeKafkaString(_ value: String) {
        let utf8 = value.utf8
        writeInteger(Int16(truncatingIfNeeded: utf8.count))
        writeBytes(utf8)
    }

    mutating func writeKafkaNullableString(_ value: String?) {
        guard let value else { writeInteger(Int16(-1)); return }
        writeKafkaString(value)
    }

    mutating func writeKafkaBytes(_ value: [UInt8]?) {
        guard let value else { writeInteger(Int32(-1)); return }
        writeInteger(Int32(truncatingIfNeeded: value.count))
        writeBytes(value)
    }

    mutating func writeKafkaBool(_ value: Bool) { writeInteger(Int8(value ? 1 : 0)) }

    mutating func writeKafkaArray<C: Collection>(_ items: C, _ element: (inout ByteBuffer, C.Element) -> Void) {
        writeInteger(Int32(truncatingIfNeeded: items.count))
        for item in items { element(&self, item) }
    }

    mutating func writeKafkaInt32Array(_ items: [Int32]) {
        writeKafkaArray(items) { b, v in b.writeInteger(v) }
    }
}
