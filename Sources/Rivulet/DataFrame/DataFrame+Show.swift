import RivuletCore

/// `show()` in Spark's exact table layout.
extension DataFrame {
    /// Prints the first `n` rows as a table, like Spark: cells longer than `truncate` characters are
    /// cut to `truncate - 3` plus `...` and right-aligned; with `truncate: 0` cells are left-aligned
    /// and never cut.
    public func show(_ n: Int = 20, truncate: Int = 20, vertical: Bool = false) throws(RivuletError) {
        print(try showString(n, truncate: truncate, vertical: vertical), terminator: "")
    }

    /// `show(n, truncate: false)`.
    public func show(_ n: Int = 20, truncate: Bool) throws(RivuletError) {
        try show(n, truncate: truncate ? 20 : 0)
    }

    /// The text `show` prints.
    public func showString(_ n: Int = 20, truncate: Int = 20, vertical: Bool = false) throws(RivuletError) -> String {
        let rows = try limit(n + 1).collect()
        return ShowFormatter.format(columns: columns, rows: rows.map(\.values), numRows: n, truncate: truncate, vertical: vertical)
    }
}
