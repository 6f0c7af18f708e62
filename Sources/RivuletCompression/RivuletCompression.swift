/// Block compression codecs shared by Kafka record batches and Parquet pages.
public enum RivuletCompression {}
