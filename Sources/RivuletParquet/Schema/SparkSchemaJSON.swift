import RivuletCore

/// Spark's JSON form of a schema (`StructType.json`), which Spark stores in the Parquet footer
/// under `org.apache.spark.sql.parquet.row.metadata` and reads back to restore exact Spark types
/// (byte vs int, nullability of nested fields).
///
/// ```swift
/// SparkSchemaJSON.render(StructType([StructField("id", .long)]))
/// // {"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}
/// ```
public enum SparkSchemaJSON {
    /// The compact JSON text of `schema`, field for field as Spark writes it.
    public static func render(_ schema: StructType) -> String {
        var out = ""
        appendStruct(schema, to: &out)
        return out
    }

    private static func appendStruct(_ s: StructType, to out: inout String) {
        out += "{\"type\":\"struct\",\"fields\":["
        for (i, f) in s.fields.enumerated() {
            if i > 0 { out += "," }
            out += "{\"name\":"
            appendString(f.name, to: &out)
            out += ",\"type\":"
            appendType(f.dataType, to: &out)
            out += ",\"nullable\":\(f.nullable),\"metadata\":{"
            if let c = f.comment {
                out += "\"comment\":"
                appendString(c, to: &out)
            }
            out += "}}"
        }
        out += "]}"
    }

    private static func appendType(_ t: DataType, to out: inout String) {
        switch t {
        case .struct(let s):
            appendStruct(s, to: &out)
        case .array(let e, let containsNull):
            out += "{\"type\":\"array\",\"elementType\":"
            appendType(e, to: &out)
            out += ",\"containsNull\":\(containsNull)}"
        case .map(let k, let v, let valueContainsNull):
            out += "{\"type\":\"map\",\"keyType\":"
            appendType(k, to: &out)
            out += ",\"valueType\":"
            appendType(v, to: &out)
            out += ",\"valueContainsNull\":\(valueContainsNull)}"
        default:
            // Atomic types are their Spark `typeName`: "integer", "long", "decimal(10,2)", "void", ...
            appendString(t.typeName, to: &out)
        }
    }

    private static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
