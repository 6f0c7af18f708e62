import RivuletCore
import RivuletSQL

// Collection, struct and JSON functions.

/// `explode(col)` — collection function
public func explode(_ c: Column) -> Column { Column(functionCall("explode", c.expr)) }
/// `explode` of a column by name.
public func explode(_ name: String) -> Column { explode(Column(name: name)) }

/// `explode_outer(col)` — collection function
public func explode_outer(_ c: Column) -> Column { Column(functionCall("explode_outer", c.expr)) }
/// `explode_outer` of a column by name.
public func explode_outer(_ name: String) -> Column { explode_outer(Column(name: name)) }

/// `posexplode(col)` — collection function
public func posexplode(_ c: Column) -> Column { Column(functionCall("posexplode", c.expr)) }
/// `posexplode` of a column by name.
public func posexplode(_ name: String) -> Column { posexplode(Column(name: name)) }

/// `posexplode_outer(col)` — collection function
public func posexplode_outer(_ c: Column) -> Column { Column(functionCall("posexplode_outer", c.expr)) }
/// `posexplode_outer` of a column by name.
public func posexplode_outer(_ name: String) -> Column { posexplode_outer(Column(name: name)) }

/// `size(col)` — collection function
public func size(_ c: Column) -> Column { Column(functionCall("size", c.expr)) }
/// `size` of a column by name.
public func size(_ name: String) -> Column { size(Column(name: name)) }

/// `to_json(col)` — collection function
public func to_json(_ c: Column) -> Column { Column(functionCall("to_json", c.expr)) }
/// `to_json` of a column by name.
public func to_json(_ name: String) -> Column { to_json(Column(name: name)) }

/// `map_keys(col)` — collection function
public func map_keys(_ c: Column) -> Column { Column(functionCall("map_keys", c.expr)) }
/// `map_keys` of a column by name.
public func map_keys(_ name: String) -> Column { map_keys(Column(name: name)) }

/// `map_values(col)` — collection function
public func map_values(_ c: Column) -> Column { Column(functionCall("map_values", c.expr)) }
/// `map_values` of a column by name.
public func map_values(_ name: String) -> Column { map_values(Column(name: name)) }

/// `flatten(col)` — collection function
public func flatten(_ c: Column) -> Column { Column(functionCall("flatten", c.expr)) }
/// `flatten` of a column by name.
public func flatten(_ name: String) -> Column { flatten(Column(name: name)) }

/// `array_distinct(col)` — collection function
public func array_distinct(_ c: Column) -> Column { Column(functionCall("array_distinct", c.expr)) }
/// `array_distinct` of a column by name.
public func array_distinct(_ name: String) -> Column { array_distinct(Column(name: name)) }
/// `array(cols...)` — constructor
public func array(_ cols: Column...) -> Column { Column(functionCall("array", args: cols.map(\.expr))) }
/// `array` over an array of columns.
public func array(_ cols: [Column]) -> Column { Column(functionCall("array", args: cols.map(\.expr))) }

/// `struct(cols...)` — constructor
public func `struct`(_ cols: Column...) -> Column { Column(functionCall("struct", args: cols.map(\.expr))) }
/// `struct` over an array of columns.
public func `struct`(_ cols: [Column]) -> Column { Column(functionCall("struct", args: cols.map(\.expr))) }

/// `named_struct(cols...)` — constructor
public func named_struct(_ cols: Column...) -> Column { Column(functionCall("named_struct", args: cols.map(\.expr))) }
/// `named_struct` over an array of columns.
public func named_struct(_ cols: [Column]) -> Column { Column(functionCall("named_struct", args: cols.map(\.expr))) }

/// `create_map(cols...)` — constructor
public func create_map(_ cols: Column...) -> Column { Column(functionCall("create_map", args: cols.map(\.expr))) }
/// `create_map` over an array of columns.
public func create_map(_ cols: [Column]) -> Column { Column(functionCall("create_map", args: cols.map(\.expr))) }

/// `array_contains(array, value)`.
public func array_contains(_ c: Column, _ value: any ColumnLiteral) -> Column { Column(functionCall("array_contains", c.expr, value.column.expr)) }
/// `element_at(array, index)` (1-based) or `element_at(map, key)`.
public func element_at(_ c: Column, _ key: any ColumnLiteral) -> Column { Column(functionCall("element_at", c.expr, key.column.expr)) }
/// `sort_array(array, asc)`.
public func sort_array(_ c: Column, asc: Bool = true) -> Column { Column(functionCall("sort_array", c.expr, .literal(.boolean(asc), .boolean))) }
/// `from_json(json, schema)` with a DDL schema string.
public func from_json(_ c: Column, _ schema: String) -> Column { Column(functionCall("from_json", c.expr, .literal(.string(schema), .string))) }
/// `from_json(json, schema)` with a ``StructType``.
public func from_json(_ c: Column, _ schema: StructType) -> Column { from_json(c, schema.ddl) }
/// `get_json_object(json, path)`.
public func get_json_object(_ c: Column, _ path: String) -> Column { Column(functionCall("get_json_object", c.expr, .literal(.string(path), .string))) }
