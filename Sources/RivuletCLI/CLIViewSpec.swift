import Rivulet

/// The views named by `--view`, `--schema` and `--option`.
struct CLIViewSpec {
    struct View {
        var name: String
        var format: String
        var path: String
        var schema: String?
        var options: [String: String] = [:]
    }
    var views: [View]

    static func parse(views: [String], schemas: [String], options: [String]) throws -> CLIViewSpec {
        var out: [View] = []
        for v in views {
            guard let eq = v.firstIndex(of: "="), let colon = v[v.index(after: eq)...].firstIndex(of: ":") else {
                throw CLIError("--view expects NAME=FORMAT:PATH, got '\(v)'")
            }
            let name = String(v[..<eq])
            let format = String(v[v.index(after: eq)..<colon]).lowercased()
            let path = String(v[v.index(after: colon)...])
            guard !name.isEmpty, !path.isEmpty else { throw CLIError("--view expects NAME=FORMAT:PATH, got '\(v)'") }
            guard ["text", "csv", "json"].contains(format) else {
                throw CLIError("--view \(name): unknown format '\(format)' (expected text, csv or json)")
            }
            out.append(View(name: name, format: format, path: path))
        }
        func index(_ name: String, _ flag: String) throws -> Int {
            guard let i = out.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw CLIError("\(flag) names the view '\(name)', but no --view \(name)=FORMAT:PATH was given")
            }
            return i
        }
        for s in schemas {
            guard let eq = s.firstIndex(of: "=") else { throw CLIError("--schema expects NAME=DDL, got '\(s)'") }
            out[try index(String(s[..<eq]), "--schema")].schema = String(s[s.index(after: eq)...])
        }
        for o in options {
            guard let dot = o.firstIndex(of: "."), let eq = o.firstIndex(of: "="), dot < eq else {
                throw CLIError("--option expects NAME.KEY=VALUE, got '\(o)'")
            }
            out[try index(String(o[..<dot]), "--option")].options[String(o[o.index(after: dot)..<eq])] = String(o[o.index(after: eq)...])
        }
        return CLIViewSpec(views: out)
    }

    func register(in spark: SparkSession) throws {
        for v in views {
            var reader = spark.read.format(v.format).options(v.options)
            if let s = v.schema { reader = reader.schema(s) }
            try reader.load(v.path).createOrReplaceTempView(v.name)
        }
    }
}
