import ArgumentParser

/// The `rivulet` command-line tool.
@main
struct RivuletCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rivulet",
        abstract: "Rivulet: Apache Spark's SQL and streaming engine, rebuilt in Swift.",
        subcommands: [SQLCommand.self, StreamCommand.self])
}
