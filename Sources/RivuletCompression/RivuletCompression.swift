// RivuletCompression: the block compression codecs Kafka record batches and Parquet pages use.
//
// Entry point: `CompressionCodec` (compress / decompress whole buffers). Per-codec namespaces:
// `Gzip` (system zlib), `Snappy` (raw blocks + xerial snappy-java framing), `LZ4Block`,
// `LZ4Frame`, `LZ4Hadoop` (Parquet's legacy LZ4), `Zstd` (system libzstd.so.1, dlopen'd), and
// `XXHash32`. Every failure is a `CompressionError` with a stable code; no input can crash a
// decoder or make it allocate more than `CompressionCodec.maxDecompressedSize`.
//
// Decoders write into buffers with `decoderSlack` spare bytes (OutputBuffer.swift) so the hot
// loops can copy in 8/16-byte chunks; every length and offset is still checked against the
// logical bounds before any copy.
