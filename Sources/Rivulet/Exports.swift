// The public API re-exports Core's value types (`Row`, `Value`, `StructType`, `DataType`,
// `RivuletError`, ...), so `import Rivulet` is all a program needs.
@_exported import RivuletCore
