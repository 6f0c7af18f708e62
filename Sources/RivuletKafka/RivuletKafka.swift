/// A native Kafka wire-protocol client on SwiftNIO.
public enum RivuletKafka {}
