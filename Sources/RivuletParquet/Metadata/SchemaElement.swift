import RivuletCore

/// One node of the flattened Parquet schema (depth-first; groups have ``numChildren``).
public struct SchemaElement: Sendable, Hashable {
    /// Physical type; nil for groups.
    public var type: PhysicalType?
    /// Byte width of FIXED_LEN_BYTE_ARRAY values.
    public var typeLength: Int32?
    /// nil only for the root.
    public var repetitionType: FieldRepetitionType?
    /// parquet.thrift `name`.
    public var name: String
    /// Number of children of a group; nil for leaves.
    public var numChildren: Int32?
    /// parquet.thrift `converted_type`.
    public var convertedType: ConvertedType?
    /// parquet.thrift `scale`.
    public var scale: Int32?
    /// parquet.thrift `precision`.
    public var precision: Int32?
    /// parquet.thrift `field_id`.
    public var fieldId: Int32?
    /// parquet.thrift `logical_type`.
    public var logicalType: LogicalType?

    /// A schema node with the given fields.
    public init(
        name: String, type: PhysicalType? = nil, typeLength: Int32? = nil, repetitionType: FieldRepetitionType? = nil,
        numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil, precision: Int32? = nil,
        fieldId: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.name = name
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
        self.logicalType = logicalType
    }
}

extension SchemaElement: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> SchemaElement {
        var e = SchemaElement(name: "")
        var name: String?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: e.type = PhysicalType(rawValue: try r.i32(type, "SchemaElement.type"))
            case 2: e.typeLength = try r.i32(type, "SchemaElement.type_length")
            case 3: e.repetitionType = FieldRepetitionType(rawValue: try r.i32(type, "SchemaElement.repetition_type"))
            case 4: name = try r.string(type, "SchemaElement.name")
            case 5: e.numChildren = try r.i32(type, "SchemaElement.num_children")
            case 6: e.convertedType = ConvertedType(rawValue: try r.i32(type, "SchemaElement.converted_type"))
            case 7: e.scale = try r.i32(type, "SchemaElement.scale")
            case 8: e.precision = try r.i32(type, "SchemaElement.precision")
            case 9: e.fieldId = try r.i32(type, "SchemaElement.field_id")
            case 10: e.logicalType = try r.structValue(type, "SchemaElement.logicalType", as: LogicalType.self)
            default: return false
            }
            return true
        }
        e.name = try r.required(name, "name", in: "SchemaElement")
        return e
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let type { w.writeI32Field(1, type.rawValue) }
        if let typeLength { w.writeI32Field(2, typeLength) }
        if let repetitionType { w.writeI32Field(3, repetitionType.rawValue) }
        w.writeStringField(4, name)
        if let numChildren { w.writeI32Field(5, numChildren) }
        if let convertedType { w.writeI32Field(6, convertedType.rawValue) }
        if let scale { w.writeI32Field(7, scale) }
        if let precision { w.writeI32Field(8, precision) }
        if let fieldId { w.writeI32Field(9, fieldId) }
        if let logicalType { w.writeStructField(10, logicalType) }
        w.endStruct()
    }
}
