import RivuletCore
import RivuletSQL

/// Kernels for the JSON functions (descriptors in `RivuletSQL/Functions/JSONFunctions.swift`).
enum JSONKernels {
    static let family: [(String, ScalarKernel)] = [
        ("from_json", fromJSON),
        ("to_json", toJSON),
        ("get_json_object", getJSONObject),
        ("schema_of_json", schemaOfJSON),
    ]

    /// The string options of a literal map argument.
    static func options(_ call: ScalarFunctionCall, at i: Int) -> [String: String] {
        guard i < call.arguments.count, case .literal(.map(let entries), _) = call.arguments[i] else { return [:] }
        var out: [String: String] = [:]
        for e in entries { if let k = e.key.stringValue, let v = e.value.stringValue { out[k] = v } }
        return out
    }

    /// `from_json`: malformed input (or a type mismatch) gives a struct of nulls for a struct
    /// schema and null for array/map schemas, as Spark 4's PERMISSIVE default does; FAILFAST mode
    /// raises `MALFORMED_RECORD_IN_PARSING`.
    static let fromJSON: ScalarKernel = { (call, args, rowCount) throws(RivuletError) in
        let opts = options(call, at: 2)
        let failFast = opts.first { $0.key.lowercased() == "mode" }?.value.uppercased() == "FAILFAST"
        let decoder = JSONSchemaDecoder(type: call.dataType, options: JSONOptions(sparkOptions: opts))
        var nullRow: Value = .null
        if case .struct(let s) = call.dataType { nullRow = .struct([Value](repeating: .null, count: s.count)) }
        var out = ColumnBuilder(type: call.dataType, capacity: rowCount)
        let input = args[0]
        guard let strings = input.byteArray else {
            for _ in 0..<rowCount { out.appendNull() }
            return out.finish()
        }
        try strings.data.withUnsafeBufferPointer { (data: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
            for i in 0..<rowCount {
                if input.isNull(i) { out.appendNull(); continue }
                let bytes = UnsafeBufferPointer(rebasing: data[strings.range(at: i)])
                var decoded: Value?
                var failure: RivuletError?
                do throws(RivuletError) { decoded = try decoder.decodeValue(bytes) } catch { failure = error }
                if let v = decoded {
                    out.append(v)
                } else {
                    if failFast {
                        let text = String(decoding: bytes, as: UTF8.self)
                        throw RivuletError(.execution,
                            "Malformed records are detected in record parsing: \(text). Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."
                                + (failure.map { " Cause: \($0.message)" } ?? ""),
                            errorClass: "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION")
                    }
                    out.append(nullRow)
                }
            }
        }
        return out.finish()
    }

    /// `to_json(struct|array|map)` rendered like Spark's JSON writer.
    static let toJSON: ScalarKernel = { (call, args, rowCount) throws(RivuletError) in
        let writer = JSONWriter(sparkOptions: options(call, at: 1))
        let input = args[0]
        var b = ByteArrayBuilder(capacity: rowCount)
        var valid = Bitmap(count: rowCount, value: true)
        var scratch: [UInt8] = []
        for i in 0..<rowCount {
            if input.isNull(i) { b.appendEmpty(); valid.clear(i); continue }
            scratch.removeAll(keepingCapacity: true)
            writer.append(input.value(at: i), type: input.dataType, to: &scratch)
            b.append(bytes: scratch)
        }
        return ColumnVector(dataType: .string, count: rowCount, validity: valid, storage: .bytes(b.finish()))
    }

    /// `get_json_object(json, path)`; a constant path is parsed once per batch.
    static let getJSONObject: ScalarKernel = { (call, args, rowCount) throws(RivuletError) in
        let input = args[0], paths = args[1]
        var constantPath: JSONPath??
        if call.arguments.count > 1, case .literal(let v, _) = call.arguments[1] {
            constantPath = .some(v.stringValue.flatMap { JSONPath($0) })
        }
        var b = ByteArrayBuilder(capacity: rowCount)
        var valid = Bitmap(count: rowCount, value: true)
        guard let strings = input.byteArray else {
            return ColumnVector.nulls(.string, count: rowCount)
        }
        strings.data.withUnsafeBufferPointer { data in
            for i in 0..<rowCount {
                let path: JSONPath?
                if let c = constantPath { path = c } else { path = paths.string(at: i).flatMap { JSONPath($0) } }
                guard !input.isNull(i), let path, let r = path.evaluate(onJSON: UnsafeBufferPointer(rebasing: data[strings.range(at: i)])) else {
                    b.appendEmpty(); valid.clear(i); continue
                }
                b.append(r)
            }
        }
        return ColumnVector(dataType: .string, count: rowCount, validity: valid, storage: .bytes(b.finish()))
    }

    /// `schema_of_json(literal)`: Spark's inferred type in SQL form (`STRUCT<a: BIGINT>`).
    static let schemaOfJSON: ScalarKernel = { (call, args, rowCount) throws(RivuletError) in
        guard let text = args[0].string(at: 0) ?? (call.arguments.first.flatMap { if case .literal(let v, _) = $0 { return v.stringValue } else { return nil } }) else {
            return ColumnVector.nulls(.string, count: rowCount)
        }
        let value = try JSONValue.parse(text)
        let inference = JSONSchemaInference()
        let t = JSONSchemaInference.canonicalizeForDisplay(inference.infer(value))
        return ColumnVector.repeating(.string(t.sql), type: .string, count: rowCount)
    }
}
