import RivuletCore
import RivuletSQL

/// `json_array_length`, `json_object_keys` and the row builder behind `json_tuple`.
enum JSONFieldKernels {
    static let kernels: [(String, ScalarKernel)] = [
        ("json_array_length", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0], case .array(let items)? = try? JSONValue.parse(s) else { return .null }
                return .int(Int32(clamping: items.count))
            }
        }),
        ("json_object_keys", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0], case .object(let members)? = try? JSONValue.parse(s) else { return .null }
                return .array(members.map { .string($0.key) })
            }
        }),
        // One struct of strings per row (all null for null or malformed JSON); json_tuple inlines it.
        ("json_tuple_row", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n, nullIntolerant: false) { v in
                let fields = v.count - 1
                guard case .string(let s) = v[0], case .object(let members)? = try? JSONValue.parse(s) else {
                    return .struct([Value](repeating: .null, count: fields))
                }
                return .struct(v.dropFirst().map { name -> Value in
                    guard case .string(let key) = name, let value = members.first(where: { $0.key == key })?.value else { return .null }
                    return text(value)
                })
            }
        }),
    ]

    /// A JSON value as json_tuple returns it: strings unquoted, other values as compact JSON text.
    static func text(_ v: JSONValue) -> Value {
        switch v {
        case .null: return .null
        case .string(let s): return .string(s)
        default:
            var out: [UInt8] = []
            v.appendCompact(to: &out)
            return .string(String(decoding: out, as: UTF8.self))
        }
    }
}
