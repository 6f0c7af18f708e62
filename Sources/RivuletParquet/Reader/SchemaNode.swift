import RivuletCore

/// The flat Parquet schema (``FileMetaData/schema``) rebuilt as a tree, with each node's
/// maximum definition and repetition levels and the leaf columns below it.
struct SchemaNode: Sendable {
    let element: SchemaElement
    let children: [SchemaNode]
    /// Names from the root's child down to this node.
    let path: [String]
    /// Definition level of a value present at this node (counts this node if optional/repeated).
    let maxDef: Int
    /// Repetition level of this node (counts this node if repeated).
    let maxRep: Int
    /// Indices of the leaf columns below (or at) this node, in row-group column order.
    let leaves: Range<Int>

    var name: String { element.name }
    var isGroup: Bool { element.numChildren != nil }
    var repetition: FieldRepetitionType { element.repetitionType ?? .required }
    var isRepeated: Bool { repetition == .repeated }
    var dottedPath: String { path.joined(separator: ".") }

    /// Levels deeper than this are refused (they fit in one byte per value).
    static let maxLevel = 250

    /// Builds the tree from the depth-first element list; errors name `file`.
    static func build(_ elements: [SchemaElement], file: String) throws(RivuletError) -> SchemaNode {
        guard let rootElement = elements.first else { throw corrupt(file, "the schema is empty") }
        guard let n = rootElement.numChildren, n >= 0 else { throw corrupt(file, "the schema root is not a group") }
        var next = 1
        var leafCount = 0
        var children: [SchemaNode] = []
        for _ in 0..<Int(n) {
            children.append(
                try buildNode(elements, &next, &leafCount, parentPath: [], parentDef: 0, parentRep: 0, depth: 1, file: file))
        }
        guard next == elements.count else {
            throw corrupt(file, "the schema lists \(elements.count) elements but its groups account for \(next)")
        }
        return SchemaNode(element: rootElement, children: children, path: [], maxDef: 0, maxRep: 0, leaves: 0..<leafCount)
    }

    private static func buildNode(
        _ elements: [SchemaElement], _ next: inout Int, _ leafCount: inout Int, parentPath: [String],
        parentDef: Int, parentRep: Int, depth: Int, file: String
    ) throws(RivuletError) -> SchemaNode {
        guard next < elements.count else { throw corrupt(file, "the schema ends inside a group") }
        guard depth <= 100 else { throw corrupt(file, "the schema is nested deeper than 100 levels") }
        let e = elements[next]
        next += 1
        let rep = e.repetitionType ?? .required
        guard rep == .required || rep == .optional || rep == .repeated else {
            throw corrupt(file, "field '\(e.name)' has unknown repetition \(rep)")
        }
        let def = parentDef + (rep == .required ? 0 : 1)
        let repLevel = parentRep + (rep == .repeated ? 1 : 0)
        guard def <= maxLevel && repLevel <= maxLevel else {
            throw RivuletError.unsupported("Parquet file '\(file)': field '\(e.name)' is nested too deeply")
        }
        let path = parentPath + [e.name]
        let firstLeaf = leafCount
        var children: [SchemaNode] = []
        if let n = e.numChildren {
            guard n >= 0, Int(n) <= elements.count - next else {
                throw corrupt(file, "group '\(e.name)' claims \(n) children but only \(elements.count - next) elements follow")
            }
            for _ in 0..<Int(n) {
                children.append(
                    try buildNode(
                        elements, &next, &leafCount, parentPath: path, parentDef: def, parentRep: repLevel,
                        depth: depth + 1, file: file))
            }
        } else {
            guard e.type != nil else { throw corrupt(file, "leaf field '\(e.name)' has no physical type") }
            leafCount += 1
        }
        return SchemaNode(element: e, children: children, path: path, maxDef: def, maxRep: repLevel, leaves: firstLeaf..<leafCount)
    }

    /// Every leaf below this node, in column order.
    var leafNodes: [SchemaNode] {
        isGroup ? children.flatMap(\.leafNodes) : [self]
    }

    static func corrupt(_ file: String, _ what: String) -> RivuletError {
        .io("Corrupt Parquet file '\(file)': \(what)")
    }
}
