// The seed pipeline on Kafka: JSON events -> from_json -> windowed counts -> files.
// Filled in by the Kafka source and sink work (issue 4).
@main
struct KafkaPipeline {
    static func main() {
        print("kafka-pipeline: not built yet")
    }
}
