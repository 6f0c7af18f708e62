import RivuletCore

/// Hive-style partition directories (`year=2024/country=DE/part-0.json`) under a file source's
/// base path, with column types inferred from the values as Spark's `PartitioningUtils` does:
/// int, then bigint, then an integral decimal, then double, timestamp (`yyyy-MM-dd HH:mm:ss[.S]`),
/// date (`yyyy-MM-dd`), else string; `__HIVE_DEFAULT_PARTITION__` is null. Values are
/// unescaped (`%3A` → `:`).
struct PartitionSpec: Sendable {
    /// The partition columns, in directory order.
    let schema: StructType

    static let defaultPartitionName = "__HIVE_DEFAULT_PARTITION__"

    /// Infers the partition columns from `files` (absolute paths under `basePath`); fields of
    /// `userSchema` with a partition column's name (case-insensitive) give that column's type.
    static func infer(basePath: String, files: [String], userSchema: StructType?) -> PartitionSpec {
        var names: [String] = []
        var types: [String: DataType] = [:]
        for f in files {
            for (name, raw) in components(of: f, basePath: basePath) {
                let key = name.lowercased()
                let t = inferType(raw)
                if let old = types[key] {
                    types[key] = merge(old, t)
                } else {
                    names.append(name)
                    types[key] = t
                }
            }
        }
        let fields = names.map { name -> StructField in
            if let user = userSchema?.fields.first(where: { $0.name.lowercased() == name.lowercased() }) {
                return StructField(user.name, user.dataType)
            }
            let t = types[name.lowercased()] ?? .string
            return StructField(name, t == .null ? .string : t)
        }
        return PartitionSpec(schema: StructType(fields))
    }

    /// The `name=value` directory components between `basePath` and the file.
    static func components(of file: String, basePath: String) -> [(String, String)] {
        guard file.hasPrefix(basePath + "/") else { return [] }
        let rel = file.dropFirst(basePath.count + 1)
        var out: [(String, String)] = []
        let parts = rel.split(separator: "/")
        for dir in parts.dropLast() {
            guard let eq = dir.firstIndex(of: "="), eq != dir.startIndex else { continue }
            out.append((unescape(dir[..<eq]), unescape(dir[dir.index(after: eq)...])))
        }
        return out
    }

    /// The partition values of one file, typed by ``schema`` (a value that does not convert is null).
    func values(forFile file: String, basePath: String) -> [Value] {
        guard !schema.fields.isEmpty else { return [] }
        let comps = Self.components(of: file, basePath: basePath)
        return schema.fields.map { f in
            guard let raw = comps.last(where: { $0.0.lowercased() == f.name.lowercased() })?.1 else { return .null }
            return Self.convert(raw, to: f.dataType)
        }
    }

    static func unescape<S: StringProtocol>(_ s: S) -> String {
        guard s.contains("%") else { return String(s) }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func inferType(_ raw: String) -> DataType {
        if raw == defaultPartitionName { return .null }
        if Int32(raw) != nil { return .integer }
        if Int64(raw) != nil { return .long }
        if isIntegral(raw) {
            let digits = raw.filter(\.isNumber).drop { $0 == "0" }.count
            if digits <= DataType.maxDecimalPrecision { return .decimal(precision: max(1, digits), scale: 0) }
        }
        if isPlainNumber(raw), Double(raw) != nil { return .double }
        if raw.contains(":"), isTimestampPattern(raw), DateTimeUtils.parseTimestamp(raw) != nil { return .timestamp }
        if isDatePattern(raw), DateTimeUtils.parseDate(raw) != nil { return .date }
        return .string
    }

    static func merge(_ a: DataType, _ b: DataType) -> DataType {
        if a == b { return a }
        if a == .null { return b }
        if b == .null { return a }
        func rank(_ t: DataType) -> Int? {
            switch t {
            case .integer: return 0
            case .long: return 1
            case .decimal: return 2
            case .double: return 3
            default: return nil
            }
        }
        if let ra = rank(a), let rb = rank(b) {
            if case .decimal(let pa, _) = a, case .decimal(let pb, _) = b { return .decimal(precision: max(pa, pb), scale: 0) }
            if ra == 3 || rb == 3 { return .double }
            if case .decimal(let p, _) = (ra == 2 ? a : b) { return .decimal(precision: max(p, ra + rb == 2 ? 10 : 20), scale: 0) }
            return .long
        }
        if (a == .date && b == .timestamp) || (a == .timestamp && b == .date) { return .timestamp }
        return .string
    }

    static func convert(_ raw: String, to type: DataType) -> Value {
        if raw == defaultPartitionName { return .null }
        switch type {
        case .string: return .string(raw)
        case .integer: return Int32(raw).map(Value.int) ?? .null
        case .long: return Int64(raw).map(Value.long) ?? .null
        case .short: return Int16(raw).map(Value.short) ?? .null
        case .byte: return Int8(raw).map(Value.byte) ?? .null
        case .double: return isPlainNumber(raw) ? (Double(raw).map(Value.double) ?? .null) : .null
        case .float: return isPlainNumber(raw) ? (Float(raw).map(Value.float) ?? .null) : .null
        case .boolean:
            switch raw.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return .null
            }
        case .decimal(let p, let s):
            guard let d = DecimalValue(parsing: raw), let r = d.rescaled(to: s, precision: p) else { return .null }
            return .decimal(r)
        case .date: return DateTimeUtils.parseDate(raw).map(Value.date) ?? .null
        case .timestamp: return DateTimeUtils.parseTimestamp(raw).map(Value.timestamp) ?? .null
        default: return .string(raw)
        }
    }

    private static func isIntegral(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "-" || u.first == "+" { u = u.dropFirst() }
        return !u.isEmpty && u.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Digits with an optional sign, fraction and exponent (no `NaN`/`inf` spellings).
    private static func isPlainNumber(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) } && s.contains(where: \.isNumber)
    }

    private static func isDatePattern(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 0x30 && c <= 0x39) }
    }

    private static func isTimestampPattern(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 19, isDatePattern(String(decoding: u[0..<10], as: UTF8.self)), u[10] == UInt8(ascii: " ") else { return false }
        return u[13] == UInt8(ascii: ":") && u[16] == UInt8(ascii: ":")
    }
}
