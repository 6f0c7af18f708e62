import RivuletCore

// Spark's mapping of Parquet types (ParquetToSparkSchemaConverter): logical type annotations
// first, converted types for older writers, and the LIST / MAP backward-compatibility rules.
extension SchemaNode {
    /// This top-level field as a Spark field plus the plan that reads it.
    func sparkField(file: String) throws(RivuletError) -> (StructField, ReadPlan) {
        let plan = try readPlan(asElement: false, file: file)
        return (StructField(name, plan.dataType, nullable: repetition == .optional), plan)
    }

    /// The read plan of this node. `asElement` marks a repeated node standing for a list element
    /// (its repetition then only makes it present, not a list of its own).
    func readPlan(asElement: Bool, file: String) throws(RivuletError) -> ReadPlan {
        if isRepeated && !asElement {
            // A repeated field outside LIST/MAP: a list of required elements.
            let element = try readPlan(asElement: true, file: file)
            let type = DataType.array(element.dataType, containsNull: false)
            return .list(element: element, type: type, nullDef: maxDef - 1, repLevel: maxRep, elemDef: maxDef, levelLeaf: leaves.lowerBound)
        }
        if !isGroup { return .leaf(try leafPlan(file: file), nullDef: maxDef) }
        if isListAnnotated, !asElement { return try listPlan(file: file) }
        if isMapAnnotated, !asElement { return try mapPlan(file: file) }
        guard !children.isEmpty else {
            throw RivuletError.unsupported(
                "Parquet file '\(file)': group '\(dottedPath)' has no fields (an empty struct is not supported)",
                errorClass: "PARQUET_TYPE_NOT_SUPPORTED")
        }
        var fields: [StructField] = []
        var plans: [ReadPlan] = []
        for c in children {
            let p = try c.readPlan(asElement: false, file: file)
            fields.append(StructField(c.name, p.dataType, nullable: c.repetition == .optional))
            plans.append(p)
        }
        return .structure(fields: plans, type: .struct(StructType(fields)), nullDef: maxDef, levelLeaf: leaves.lowerBound)
    }

    var isListAnnotated: Bool { element.logicalType == .list || element.convertedType == .list }
    var isMapAnnotated: Bool {
        element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
    }

    private func listPlan(file: String) throws(RivuletError) -> ReadPlan {
        guard children.count == 1, let repeated = children.first, repeated.isRepeated else {
            throw invalid(file, "a LIST group must hold exactly one repeated field")
        }
        // Backward-compatibility rules of the Parquet spec for which node is the element.
        let elementNode: SchemaNode
        let elementIsRepeated: Bool
        if !repeated.isGroup || repeated.children.count != 1 || repeated.name == "array" || repeated.name == "\(name)_tuple" {
            elementNode = repeated
            elementIsRepeated = true
        } else {
            elementNode = repeated.children[0]
            elementIsRepeated = false
        }
        let element = try elementNode.readPlan(asElement: elementIsRepeated, file: file)
        let containsNull = !elementIsRepeated && elementNode.repetition == .optional
        let type = DataType.array(element.dataType, containsNull: containsNull)
        return .list(element: element, type: type, nullDef: maxDef, repLevel: repeated.maxRep, elemDef: repeated.maxDef, levelLeaf: leaves.lowerBound)
    }

    private func mapPlan(file: String) throws(RivuletError) -> ReadPlan {
        guard children.count == 1, let kv = children.first, kv.isRepeated, kv.isGroup, !kv.children.isEmpty else {
            throw invalid(file, "a MAP group must hold one repeated group of key and value")
        }
        guard kv.children.count == 2 else {
            throw RivuletError.unsupported(
                "Parquet file '\(file)': map '\(dottedPath)' has \(kv.children.count) fields in its key_value group; only key and value are supported",
                errorClass: "PARQUET_TYPE_NOT_SUPPORTED")
        }
        let keyNode = kv.children[0], valueNode = kv.children[1]
        let key = try keyNode.readPlan(asElement: false, file: file)
        let value = try valueNode.readPlan(asElement: false, file: file)
        let type = DataType.map(key.dataType, value.dataType, valueContainsNull: valueNode.repetition == .optional)
        return .map(key: key, value: value, type: type, nullDef: maxDef, repLevel: kv.maxRep, elemDef: kv.maxDef, levelLeaf: leaves.lowerBound)
    }

    private func invalid(_ file: String, _ what: String) -> RivuletError {
        RivuletError(.io, "Parquet file '\(file)': invalid schema at '\(dottedPath)': \(what)")
    }

    /// The Parquet type of a leaf as Spark's errors print it: `INT64 (TIMESTAMP(NANOS,true))`.
    var parquetTypeDescription: String {
        var s = (element.type ?? .int32).description
        if let l = element.logicalType {
            s += " (\(l))"
        } else if let c = element.convertedType {
            s += " (\(c))"
        }
        return s
    }

    private func illegal(_ file: String) -> RivuletError {
        RivuletError(
            .unsupportedOperation, "Illegal Parquet type: \(parquetTypeDescription) for column '\(dottedPath)' in file '\(file)'",
            errorClass: "PARQUET_TYPE_ILLEGAL")
    }

    private func decimal(_ file: String, maxPrecision: Int) throws(RivuletError) -> DataType {
        var p = element.precision.map(Int.init), s = element.scale.map(Int.init) ?? 0
        if case .decimal(let ls, let lp) = element.logicalType {
            p = Int(lp)
            s = Int(ls)
        }
        guard let precision = p, precision >= 1, precision <= min(maxPrecision, DataType.maxDecimalPrecision), s >= 0, s <= precision else {
            throw RivuletError(
                .unsupportedOperation,
                "Parquet column '\(dottedPath)' in file '\(file)' has decimal precision \(p.map(String.init) ?? "?") and scale \(s), which Spark's DECIMAL cannot hold",
                errorClass: "PARQUET_TYPE_NOT_SUPPORTED")
        }
        return .decimal(precision: precision, scale: s)
    }

    /// The leaf's Spark type and conversion.
    func leafPlan(file: String) throws(RivuletError) -> LeafPlan {
        guard let physical = element.type else { throw illegal(file) }
        let logical = element.logicalType
        let converted = element.convertedType
        let isDecimal: Bool = {
            if case .decimal = logical { return true }
            return logical == nil && converted == .decimal
        }()
        var kind: ValueKind
        let type: DataType
        let conversion: LeafConversion
        switch physical {
        case .boolean:
            kind = .bool
            (type, conversion) = (.boolean, .boolean)
        case .int32:
            kind = .int32
            if isDecimal {
                (type, conversion) = (try decimal(file, maxPrecision: 38), .decimalInt32)
            } else {
                switch (logical, converted) {
                case (.integer(8, true)?, _), (nil, .int8?): (type, conversion) = (.byte, .int8)
                case (.integer(16, true)?, _), (nil, .int16?): (type, conversion) = (.short, .int16)
                case (.integer(32, true)?, _), (nil, .int32?), (nil, nil): (type, conversion) = (.integer, .int32)
                case (.integer(8, false)?, _), (nil, .uint8?): (type, conversion) = (.short, .uint8)
                case (.integer(16, false)?, _), (nil, .uint16?): (type, conversion) = (.integer, .uint16)
                case (.integer(32, false)?, _), (nil, .uint32?): (type, conversion) = (.long, .uint32)
                case (.date?, _), (nil, .date?): (type, conversion) = (.date, .date)
                case (.unknown?, _): (type, conversion) = (.integer, .int32)
                default: throw illegal(file)
                }
            }
        case .int64:
            kind = .int64
            if isDecimal {
                (type, conversion) = (try decimal(file, maxPrecision: 38), .decimalInt64)
            } else {
                switch (logical, converted) {
                case (.integer(64, true)?, _), (nil, .int64?), (nil, nil), (.unknown?, _): (type, conversion) = (.long, .int64)
                case (.integer(64, false)?, _), (nil, .uint64?): (type, conversion) = (.decimal(precision: 20, scale: 0), .uint64)
                case (.timestamp(_, .millis)?, _), (nil, .timestampMillis?): (type, conversion) = (.timestamp, .timestampMillis)
                case (.timestamp(_, .micros)?, _), (nil, .timestampMicros?): (type, conversion) = (.timestamp, .timestampMicros)
                case (.timestamp(_, .nanos)?, _): (type, conversion) = (.timestamp, .timestampNanos)
                default: throw illegal(file)
                }
            }
        case .int96:
            kind = .int96
            (type, conversion) = (.timestamp, .int96)
        case .float:
            kind = .float
            (type, conversion) = (.float, .float)
        case .double:
            kind = .double
            (type, conversion) = (.double, .double)
        case .byteArray:
            kind = .byteArray
            if isDecimal {
                (type, conversion) = (try decimal(file, maxPrecision: 38), .decimalBytes)
            } else {
                switch (logical, converted) {
                case (.string?, _), (.enum?, _), (.json?, _), (nil, .utf8?), (nil, .enum?), (nil, .json?): (type, conversion) = (.string, .string)
                case (nil, nil), (.bson?, _), (nil, .bson?), (.unknown?, _): (type, conversion) = (.binary, .binary)
                default: throw illegal(file)
                }
            }
        case .fixedLenByteArray:
            guard let width = element.typeLength, width > 0 else {
                throw SchemaNode.corrupt(file, "FIXED_LEN_BYTE_ARRAY column '\(dottedPath)' has no positive type_length")
            }
            kind = .fixed(Int(width))
            if isDecimal {
                guard width <= 16 else { throw illegal(file) }
                (type, conversion) = (try decimal(file, maxPrecision: 38), .decimalBytes)
            } else if logical == .float16 {
                guard width == 2 else { throw illegal(file) }
                (type, conversion) = (.float, .float16)
            } else {
                switch (logical, converted) {
                case (nil, nil), (.uuid?, _), (nil, .interval?), (.unknown?, _): (type, conversion) = (.binary, .binary)
                default: throw illegal(file)
                }
            }
        default:
            throw RivuletError(
                .unsupportedOperation, "Parquet column '\(dottedPath)' in file '\(file)' has unknown physical type \(physical)",
                errorClass: "PARQUET_TYPE_NOT_SUPPORTED")
        }
        return LeafPlan(
            column: leaves.lowerBound, path: dottedPath, physical: physical, kind: kind, maxDef: maxDef, maxRep: maxRep,
            sparkType: type, conversion: conversion)
    }
}
