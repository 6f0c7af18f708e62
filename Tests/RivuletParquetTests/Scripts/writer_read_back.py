"""Reads a Parquet file written by Rivulet with pyarrow AND with DuckDB and prints, as JSON, every
value in a canonical text form, plus the footer as pyarrow sees it (types, statistics, encodings).

usage: writer_read_back.py FILE.parquet [FILE.parquet ...]   (prints one JSON list, one object per file)

Canonical cell encoding (the Swift test renders the batch it wrote the same way):
  null                      -> "null"
  boolean                   -> "true" / "false"
  integers, date, timestamp -> "i:<n>"   (date: days since 1970-01-01; timestamp: microseconds UTC;
                                          intervals: their INT32 months / INT64 microseconds)
  float / double            -> "f:<hex of the IEEE bits, little-endian>" (float32 as 4 bytes),
                               "f:nan" for any NaN
  decimal                   -> "d:<unscaled integer>" (value * 10^scale)
  string                    -> "s:<hex of the UTF-8 bytes>"
  binary                    -> "b:<hex>"
  list                      -> "[" + cells joined by "," + "]"
  struct                    -> "{" + field cells in order joined by "," + "}"
  map                       -> "<" + "key=value" pairs joined by "," + ">"
Statistics min/max are pyarrow's raw physical values: ints as "i:<n>", floats as "f:<hex>",
booleans as "true"/"false", byte arrays as "b:<hex>".
"""
import json
import math
import struct
import sys

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq


def canon(v, t):
    if v is None:
        return "null"
    if pa.types.is_boolean(t):
        return "true" if v else "false"
    if pa.types.is_integer(t):
        return "i:%d" % v
    if pa.types.is_floating(t):
        if math.isnan(v):
            return "f:nan"
        fmt = "<f" if t.bit_width == 32 else "<d"
        return "f:" + struct.pack(fmt, v).hex()
    if pa.types.is_decimal(t):
        sign, digits, exponent = v.as_tuple()
        n = int("".join(map(str, digits)) or "0")
        shift = exponent + t.scale
        n = n * 10**shift if shift >= 0 else n // 10**(-shift)
        return "d:%d" % (-n if sign else n)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "s:" + v.encode("utf-8").hex()
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t) or pa.types.is_binary_view(t):
        return "b:" + bytes(v).hex()
    if pa.types.is_map(t):
        return "<" + ",".join(canon(k, t.key_type) + "=" + canon(x, t.item_type) for k, x in v) + ">"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t):
        return "[" + ",".join(canon(x, t.value_type) for x in v) + "]"
    if pa.types.is_struct(t):
        return "{" + ",".join(canon(v[t.field(i).name], t.field(i).type) for i in range(t.num_fields)) + "}"
    if pa.types.is_null(t):
        return "null"
    raise TypeError("unexpected type %s" % t)


def integral_type(t):
    """The type with dates and timestamps replaced by their integer storage (for exact values)."""
    if pa.types.is_timestamp(t):
        return pa.int64()
    if pa.types.is_date32(t):
        return pa.int32()
    if pa.types.is_map(t):
        return pa.map_(integral_type(t.key_type), pa.field(t.item_field.name, integral_type(t.item_type), t.item_field.nullable))
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        f = t.value_field
        return pa.list_(pa.field(f.name, integral_type(f.type), f.nullable))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(t.field(i).name, integral_type(t.field(i).type), t.field(i).nullable) for i in range(t.num_fields)])
    return t


def dump(table):
    columns = []
    for i, col in enumerate(table.columns):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
        t = integral_type(col.type)
        if t != col.type:
            col = col.cast(t) if not pa.types.is_timestamp(col.type) else pc.cast(col, pa.int64())
        columns.append([canon(v, t) for v in col.to_pylist()])
    return columns


def raw(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:" + struct.pack("<d", v).hex()
    if isinstance(v, (bytes, bytearray)):
        return "b:" + bytes(v).hex()
    if isinstance(v, str):
        return "b:" + v.encode("utf-8").hex()
    return repr(v)


def read_back(path):
    pf = pq.ParquetFile(path)
    md = pf.metadata
    arrow_table = pf.read()
    duck = duckdb.connect()
    duck_table = duck.execute("SELECT * FROM read_parquet(?)", [path]).to_arrow_table()

    columns = []
    for j in range(md.num_columns):
        c = md.schema.column(j)
        chunks = []
        for g in range(md.num_row_groups):
            cc = md.row_group(g).column(j)
            s = cc.statistics
            stats = None
            if s is not None:
                stats = {"null_count": s.null_count if s.has_null_count else None,
                         "has_min_max": s.has_min_max}
                if s.has_min_max:
                    mn, mx = s.min_raw, s.max_raw
                    if c.physical_type == "FLOAT":
                        mn, mx = "f:" + struct.pack("<f", mn).hex(), "f:" + struct.pack("<f", mx).hex()
                    else:
                        mn, mx = raw(mn), raw(mx)
                    stats["min"], stats["max"] = mn, mx
            chunks.append({
                "rows": md.row_group(g).num_rows,
                "encodings": sorted(cc.encodings),
                "has_dictionary_page": cc.has_dictionary_page,
                "compression": cc.compression,
                "statistics": stats,
            })
        columns.append({
            "path": c.path,
            "physical_type": c.physical_type,
            "logical_type": str(c.logical_type),
            "converted_type": c.converted_type,
            "max_definition_level": c.max_definition_level,
            "max_repetition_level": c.max_repetition_level,
            "chunks": chunks,
        })

    return {
        "num_rows": md.num_rows,
        "num_row_groups": md.num_row_groups,
        "created_by": md.created_by,
        "arrow_schema": [str(f.type) for f in arrow_table.schema],
        "spark_schema": (md.metadata or {}).get(b"org.apache.spark.sql.parquet.row.metadata", b"").decode(),
        "columns": columns,
        "pyarrow": dump(arrow_table),
        "duckdb": dump(duck_table),
        "duckdb_names": duck_table.column_names,
    }


print(json.dumps([read_back(p) for p in sys.argv[1:]]))
