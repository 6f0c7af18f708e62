// The public API re-exports Core's value types (`Row`, `Value`, `StructType`, `DataType`,
// `RivuletError`, ...), so `import Rivulet` is all a program needs.
@_exported import RivuletCore
@_exported import struct RivuletStreaming.StreamingQueryProgress
@_exported import struct RivuletStreaming.StreamingQueryStatus
@_exported import protocol RivuletStreaming.StreamingQueryListener
@_exported import enum RivuletStreaming.Trigger
@_exported import enum RivuletStreaming.OutputMode
@_exported import struct RivuletStreaming.QueryStartedEvent
@_exported import struct RivuletStreaming.QueryIdleEvent
@_exported import struct RivuletStreaming.QueryTerminatedEvent
@_exported import struct RivuletStreaming.SourceProgress
@_exported import struct RivuletStreaming.SinkProgress
@_exported import struct RivuletStreaming.StateOperatorProgress
@_exported import class RivuletConnectors.MemoryStream
@_exported import protocol RivuletConnectors.ForeachWriter
