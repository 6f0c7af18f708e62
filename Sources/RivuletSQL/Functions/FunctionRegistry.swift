import RivuletCore

/// What kind of function a name denotes.
public enum FunctionKind: Sendable {
    case scalar, aggregate, generator
}

/// How the analyzer turns a call with resolved arguments into a resolved expression.
///
/// `resolve` receives the already-resolved argument expressions and returns the resolved call:
/// usually a ``ScalarFunctionCall`` / ``AggregateCall`` / ``GeneratorCall`` with implicit casts
/// inserted, but it may also rewrite (e.g. `nvl(a, b)` → `coalesce(a, b)`, `if` → `CASE WHEN`).
/// It throws an analysis error naming the function and the offending argument on a type mismatch.
public struct FunctionDescriptor: Sendable {
    public let name: String
    public let kind: FunctionKind
    /// Accepted argument counts, for the "requires N parameters" error.
    public let arity: ClosedRange<Int>
    public let resolve: @Sendable (_ arguments: [Expression], _ isDistinct: Bool) throws(RivuletError) -> Expression

    public init(
        name: String, kind: FunctionKind, arity: ClosedRange<Int>,
        resolve: @escaping @Sendable (_ arguments: [Expression], _ isDistinct: Bool) throws(RivuletError) -> Expression
    ) {
        self.name = name; self.kind = kind; self.arity = arity; self.resolve = resolve
    }
}

/// The built-in functions by lower-case name.
///
/// ```swift
/// let f = FunctionRegistry.builtin.lookup("upper")!
/// let e = try f.resolve([.literal(.string("a"), .string)], false)
/// ```
public struct FunctionRegistry: Sendable {
    public private(set) var functions: [String: FunctionDescriptor]

    public init(_ descriptors: [FunctionDescriptor]) {
        var map: [String: FunctionDescriptor] = [:]
        for d in descriptors { map[d.name] = d }
        functions = map
    }

    public func lookup(_ name: String) -> FunctionDescriptor? { functions[name.lowercased()] }

    public var names: [String] { functions.keys.sorted() }

    public mutating func register(_ d: FunctionDescriptor) { functions[d.name] = d }

    /// Every built-in function (scalar, aggregate and generator).
    public static let builtin = FunctionRegistry(BuiltinFunctions.all)
}

/// The list of built-in function descriptors, assembled from one file per function family
/// (`StringFunctions.swift`, `MathFunctions.swift`, `DateTimeFunctions.swift`, ...).
public enum BuiltinFunctions {
    public static var all: [FunctionDescriptor] {
        var out: [FunctionDescriptor] = []
        for family in families { out.append(contentsOf: family) }
        return out
    }

    /// Function families; each family file adds its list here.
    static var families: [[FunctionDescriptor]] {
        [string, math, conditional, dateTime, collection, aggregate, generator, misc, json]
    }
}
