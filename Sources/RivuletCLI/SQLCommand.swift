import ArgumentParser
import Rivulet

/// `rivulet sql "<query>" --view words=text:data/words --format table`
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run a batch SQL query over files registered as temporary views and print the result.",
        discussion: """
            Examples:
              rivulet sql "SELECT word, count(*) AS n FROM words GROUP BY word ORDER BY n DESC LIMIT 5" \\
                --view words=text:data/words
              rivulet sql "SELECT * FROM ev WHERE v > 1" --view ev=json:in/ --schema ev="ts TIMESTAMP, v DOUBLE"
              rivulet sql "SELECT name FROM people" --view people=csv:people.csv --option people.header=true
            """)

    @Argument(help: "The SQL query to run.")
    var query: String

    @Option(name: .customLong("view"), help: ArgumentHelp("Register files as a temporary view: NAME=FORMAT:PATH (format text, csv or json). Repeatable.", valueName: "NAME=FORMAT:PATH"))
    var views: [String] = []

    @Option(name: .customLong("schema"), help: ArgumentHelp("The schema of a view as a DDL string: NAME=\"a INT, b STRING\". Repeatable.", valueName: "NAME=DDL"))
    var schemas: [String] = []

    @Option(name: .customLong("option"), help: ArgumentHelp("A reader option of a view: NAME.KEY=VALUE (e.g. people.header=true). Repeatable.", valueName: "NAME.KEY=VALUE"))
    var options: [String] = []

    @OptionGroup var session: SessionOptions

    @Option(help: "Output format: table (Spark's show layout), json (one object per row, as to_json writes it) or csv.")
    var format: OutputFormat = .table

    @Option(help: "Maximum rows to print in table format.")
    var limit: Int = 1000

    @Flag(help: "Print the query's logical and physical plans instead of running it.")
    var explain = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    func run() throws {
        do {
            let spec = try CLIViewSpec.parse(views: views, schemas: schemas, options: options)
            let spark = try session.makeSession(appName: "rivulet-sql")
            try spec.register(in: spark)
            let df = try spark.sql(query)
            if explain {
                try df.explain(extended: true)
                return
            }
            try ResultPrinter.print(df, format: format, limit: limit)
        } catch let e as RivuletError {
            printError("error: \(e.description)")
            throw ExitCode(1)
        } catch let e as CLIError {
            printError("error: \(e.message)")
            throw ExitCode(2)
        }
    }
}

/// A usage error in the CLI's own arguments.
struct CLIError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
