// RivuletConnectors: file data sources (text, csv, json) and their writers (see FileFormats), and the
// Structured Streaming sources and sinks (file, socket, rate, rate-micro-batch, memory; console,
// memory, file, foreach, noop — see StreamingFormats).
