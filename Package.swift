// swift-tools-version:6.0
// Rivulet: Apache Spark (Structured) Streaming, rebuilt in Swift.
// One target per layer; imports only point down: Core <- SQL <- Execution <- Connectors <- Rivulet (API) <- CLI.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Rivulet",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Rivulet", targets: ["Rivulet"]),
        .executable(name: "rivulet", targets: ["RivuletCLI"]),
        .executable(name: "word-count", targets: ["WordCountExample"]),
        .executable(name: "network-word-count", targets: ["NetworkWordCountExample"]),
        .executable(name: "json-pipeline", targets: ["JSONPipelineExample"]),
        .executable(name: "kafka-pipeline", targets: ["KafkaPipelineExample"]),
        .executable(name: "rivulet-bench", targets: ["RivuletBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // TLS and SASL/SCRAM for the Kafka client only.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        .target(name: "RivuletCore", swiftSettings: strict),
        .target(name: "RivuletSQL", dependencies: ["RivuletCore"], swiftSettings: strict),
        .target(name: "RivuletExecution", dependencies: ["RivuletCore", "RivuletSQL"], swiftSettings: strict),
        // Codecs and protocol clients that stand on their own (no engine types except Parquet's
        // columnar batches): compression, the Kafka wire-protocol client, the Parquet file format.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "RivuletCompression", dependencies: ["CZlib"], swiftSettings: strict),
        .target(
            name: "RivuletKafka",
            dependencies: [
                "RivuletCompression",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .target(name: "RivuletParquet", dependencies: ["RivuletCore", "RivuletCompression"], swiftSettings: strict),
        .target(
            name: "RivuletConnectors",
            dependencies: ["RivuletCore", "RivuletSQL", "RivuletState", "RivuletStreaming", "RivuletKafka", "RivuletParquet"],
            swiftSettings: strict),
        .target(name: "RivuletState", dependencies: ["RivuletCore"], swiftSettings: strict),
        .target(
            name: "RivuletStreaming", dependencies: ["RivuletCore", "RivuletSQL", "RivuletExecution", "RivuletState"],
            swiftSettings: strict),
        .target(
            name: "Rivulet",
            dependencies: ["RivuletCore", "RivuletSQL", "RivuletExecution", "RivuletState", "RivuletStreaming", "RivuletConnectors"],
            swiftSettings: strict),
        .executableTarget(
            name: "RivuletCLI",
            dependencies: ["Rivulet", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        .executableTarget(
            name: "WordCountExample", dependencies: ["Rivulet"], path: "Examples/WordCount",
            resources: [.copy("data")], swiftSettings: strict),
        .executableTarget(
            name: "NetworkWordCountExample", dependencies: ["Rivulet"], path: "Examples/NetworkWordCount", swiftSettings: strict),
        .executableTarget(
            name: "JSONPipelineExample", dependencies: ["Rivulet"], path: "Examples/JSONPipeline",
            resources: [.copy("data")], swiftSettings: strict),
        .executableTarget(
            name: "KafkaPipelineExample", dependencies: ["Rivulet"], path: "Examples/KafkaPipeline", swiftSettings: strict),
        .executableTarget(
            name: "RivuletBench", dependencies: ["Rivulet"], path: "Benchmarks/RivuletBench",
            swiftSettings: strict),
        // Finds the test peers (Kafka broker, pyarrow, DuckDB, librdkafka) that scripts/peers starts.
        .target(name: "RivuletTestPeers", path: "Tests/Peers", swiftSettings: strict),
        .testTarget(name: "RivuletCoreTests", dependencies: ["RivuletCore"]),
        .testTarget(name: "RivuletCompressionTests", dependencies: ["RivuletCompression", "RivuletTestPeers"]),
        .testTarget(name: "RivuletKafkaTests", dependencies: ["RivuletKafka", "RivuletTestPeers"]),
        .testTarget(name: "RivuletParquetTests", dependencies: ["RivuletParquet", "RivuletTestPeers"]),
        .testTarget(name: "RivuletSQLTests", dependencies: ["RivuletSQL"]),
        .testTarget(name: "RivuletExecutionTests", dependencies: ["RivuletExecution", "RivuletSQL"]),
        .testTarget(
            name: "RivuletConnectorsTests", dependencies: ["RivuletConnectors", "RivuletStreaming", "RivuletTestPeers"]),
        .testTarget(name: "RivuletStateTests", dependencies: ["RivuletState"]),
        .testTarget(name: "RivuletStreamingTests", dependencies: ["RivuletStreaming"]),
        .testTarget(
            name: "RivuletTests", dependencies: ["Rivulet", "RivuletTestPeers"],
            resources: [.copy("Golden")]),
        .testTarget(name: "RivuletCLITests", dependencies: ["RivuletCLI", "RivuletTestPeers"]),
    ],
    swiftLanguageModes: [.v6]
)
