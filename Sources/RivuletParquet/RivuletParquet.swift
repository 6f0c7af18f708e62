/// A native Parquet reader and writer.
public enum RivuletParquet {}
