/// A chunk of rows stored column by column: the unit of data every operator consumes and produces.
///
/// ```swift
/// let batch = try RecordBatch(schema: ["word": .string, "n": .long] as StructType...,
///                             columns: [ColumnVector(strings: ["a", "b"]), ColumnVector(int64: [1, 2])])
/// batch.row(0)   // Row: ["a", 1]
/// ```
public struct RecordBatch: Sendable {
    public let schema: StructType
    public let columns: [ColumnVector]
    public let numRows: Int

    /// Checks that every column has `numRows` values.
    public init(schema: StructType, columns: [ColumnVector], numRows: Int? = nil) throws(RivuletError) {
        guard schema.count == columns.count else {
            throw .internal("RecordBatch: schema has \(schema.count) fields but \(columns.count) columns were given")
        }
        let n = numRows ?? columns.first?.count ?? 0
        for (i, c) in columns.enumerated() where c.count != n {
            throw .internal("RecordBatch: column '\(schema[i].name)' has \(c.count) values, expected \(n)")
        }
        self.schema = schema
        self.columns = columns
        self.numRows = n
    }

    /// Trusted initializer for operators that construct consistent batches.
    public init(unchecked schema: StructType, columns: [ColumnVector], numRows: Int) {
        self.schema = schema
        self.columns = columns
        self.numRows = numRows
    }

    /// A batch with no rows.
    public static func empty(_ schema: StructType) -> RecordBatch {
        RecordBatch(unchecked: schema, columns: schema.fields.map { ColumnVector.nulls($0.dataType, count: 0) }, numRows: 0)
    }

    public var numColumns: Int { columns.count }

    public func column(named name: String) -> ColumnVector? { schema.index(of: name).map { columns[$0] } }

    /// The rows at `indices`.
    public func take(_ indices: [Int32]) -> RecordBatch {
        RecordBatch(unchecked: schema, columns: columns.map { $0.take(indices) }, numRows: indices.count)
    }

    public func filter(_ mask: [Bool]) -> RecordBatch {
        var idx: [Int32] = []
        idx.reserveCapacity(numRows)
        for (i, m) in mask.enumerated() where m { idx.append(Int32(i)) }
        if idx.count == numRows { return self }
        return take(idx)
    }

    public func slice(_ range: Range<Int>) -> RecordBatch {
        if range == 0..<numRows { return self }
        return RecordBatch(unchecked: schema, columns: columns.map { $0.slice(range) }, numRows: range.count)
    }

    /// Keeps only the columns at `indices`.
    public func project(_ indices: [Int]) -> RecordBatch {
        RecordBatch(unchecked: StructType(indices.map { schema[$0] }), columns: indices.map { columns[$0] }, numRows: numRows)
    }

    /// Same columns under another schema (renames; types must match).
    public func withSchema(_ s: StructType) -> RecordBatch {
        RecordBatch(unchecked: s, columns: columns, numRows: numRows)
    }

    /// Concatenates batches that share a schema.
    public static func concat(_ batches: [RecordBatch], schema: StructType) -> RecordBatch {
        let nonEmpty = batches.filter { $0.numRows > 0 }
        if nonEmpty.count == 1 { return nonEmpty[0].withSchema(schema) }
        if nonEmpty.isEmpty { return .empty(schema) }
        let cols = schema.fields.indices.map { i in
            ColumnVector.concat(nonEmpty.map { $0.columns[i] }, type: schema[i].dataType)
        }
        return RecordBatch(unchecked: schema, columns: cols, numRows: nonEmpty.reduce(0) { $0 + $1.numRows })
    }

    /// Row `i` boxed (slow path: collect, show, tests).
    public func row(_ i: Int) -> Row { Row(values: columns.map { $0.value(at: i) }, schema: schema) }

    /// All rows boxed.
    public var rows: [Row] { (0..<numRows).map(row) }

    /// Builds a batch from boxed rows.
    public init(schema: StructType, rows: [[Value]]) {
        var builders = schema.fields.map { ColumnBuilder(type: $0.dataType, capacity: rows.count) }
        for r in rows {
            for i in builders.indices { builders[i].append(i < r.count ? r[i] : .null) }
        }
        self.init(unchecked: schema, columns: builders.map { $0.finish() }, numRows: rows.count)
    }
}
