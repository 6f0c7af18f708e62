import ArgumentParser
import Rivulet

/// `--conf KEY=VALUE` settings shared by the subcommands, and the session built from them.
struct SessionOptions: ParsableArguments {
    @Option(name: .customLong("conf"), help: ArgumentHelp("A session setting: KEY=VALUE (e.g. spark.sql.shuffle.partitions=8). Repeatable.", valueName: "KEY=VALUE"))
    var confs: [String] = []

    /// A fresh session named `appName` with the `--conf` settings applied.
    func makeSession(appName: String) throws -> SparkSession {
        var builder = SparkSession.builder.appName(appName)
        for c in confs {
            let (k, v) = try CLIParsing.keyValue(c, flag: "--conf")
            builder = builder.config(k, v)
        }
        return builder.create()
    }
}
