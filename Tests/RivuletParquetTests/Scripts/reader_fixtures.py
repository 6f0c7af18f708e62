"""Writes Parquet fixture files with pyarrow and DuckDB, plus what pyarrow reads back from each.

usage: reader_fixtures.py OUTDIR [ROWS]

Writes OUTDIR/<name>.parquet for every writer configuration and OUTDIR/manifest.json:
  [{"file": "<name>.parquet", "columns": {"<col>": ["<canonical value>", ...], ...}}, ...]

Every value is encoded as one canonical string (the Swift test builds the same from Rivulet's
values):
  null               null
  boolean            true / false
  integers           decimal digits (uint64 reads as decimal(20,0) in Spark: dec:<n>/0)
  float / double     f:<8 hex digits> / d:<16 hex digits> of the IEEE bits, little-endian
                     value order (struct.pack('<f'/'<d').hex())
  decimal            dec:<unscaled integer>/<scale>
  string             s:<hex of the UTF-8 bytes>
  binary             x:<hex>
  date               date:<days since 1970-01-01>
  timestamp          ts:<microseconds since the epoch, UTC; nanoseconds floor-divided>
  list               [a,b,...]
  struct             {a,b,...}  (fields in order)
  map                <k=v,k=v,...> (entries in file order)
"""
import datetime
import decimal
import json
import math
import os
import random
import struct
import sys

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

OUT = sys.argv[1]
ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 240
rng = random.Random(20240501)
EPOCH = datetime.date(1970, 1, 1)
decimal.getcontext().prec = 80


def maybe(v, p=0.15):
    return None if rng.random() < p else v


def rand_str():
    alphabet = ["a", "b", "z", "é", "ü", "日本", "🙂", " ", "\n", "\"", "\\"]
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def make_table(n):
    i8 = [-128, 127, 0, None] + [maybe(rng.randint(-128, 127)) for _ in range(n - 4)]
    i16 = [-32768, 32767, 0, None] + [maybe(rng.randint(-32768, 32767)) for _ in range(n - 4)]
    i32 = [-2**31, 2**31 - 1, 0, None] + [maybe(rng.randint(-2**31, 2**31 - 1)) for _ in range(n - 4)]
    i64 = [-2**63, 2**63 - 1, 0, None] + [maybe(rng.randint(-2**40, 2**40)) for _ in range(n - 4)]
    u8 = [0, 255, None, 1] + [maybe(rng.randint(0, 255)) for _ in range(n - 4)]
    u16 = [0, 65535, None, 1] + [maybe(rng.randint(0, 65535)) for _ in range(n - 4)]
    u32 = [0, 2**32 - 1, None, 1] + [maybe(rng.randint(0, 2**32 - 1)) for _ in range(n - 4)]
    u64 = [0, 2**64 - 1, None, 1] + [maybe(rng.randint(0, 2**64 - 1)) for _ in range(n - 4)]
    f32 = [float("nan"), float("inf"), float("-inf"), -0.0, 3.4028234663852886e38, 1.401298464324817e-45, None] + \
        [maybe(rng.uniform(-1e6, 1e6)) for _ in range(n - 7)]
    f64 = [float("nan"), float("inf"), float("-inf"), -0.0, 1.7976931348623157e308, 5e-324, None] + \
        [maybe(rng.uniform(-1e12, 1e12)) for _ in range(n - 7)]
    s = ["", "héllo wörld", "日本語テキスト", None, "🙂" * 50, "x" * 300] + [maybe(rand_str()) for _ in range(n - 6)]
    # A low-cardinality column so dictionaries are actually used.
    cat = [maybe(rng.choice(["red", "green", "blue", ""])) for _ in range(n)]
    b = [b"", b"\x00\xff", None] + [maybe(bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 9)))) for _ in range(n - 3)]
    boo = [maybe(rng.random() < 0.5) for _ in range(n)]
    d = [datetime.date(1, 1, 1), datetime.date(9999, 12, 31), EPOCH, datetime.date(1969, 12, 31), None] + \
        [maybe(EPOCH + datetime.timedelta(days=rng.randint(-30000, 30000))) for _ in range(n - 5)]
    us = [-2**62 // 1000, 0, -1, None] + [maybe(rng.randint(-2**50, 2**50)) for _ in range(n - 4)]
    ms = [-2**50, 0, -1, None] + [maybe(rng.randint(-2**40, 2**40)) for _ in range(n - 4)]
    ns = [-2**62, 2**62, -1, -999, 1001, None] + [maybe(rng.randint(-2**62, 2**62)) for _ in range(n - 6)]
    dec = lambda p, s_: [decimal.Decimal(10**p - 1).scaleb(-s_), decimal.Decimal(-(10**p - 1)).scaleb(-s_), decimal.Decimal(0), None] + \
        [maybe(decimal.Decimal(rng.randint(-(10**p - 1), 10**p - 1)).scaleb(-s_)) for _ in range(n - 4)]
    st = [maybe({"a": maybe(rng.randint(-100, 100)), "b": maybe(rand_str()),
                 "c": maybe({"x": maybe(rng.uniform(-1, 1))})}) for _ in range(n)]
    li = [[], None, [None], [1, 2, 3]] + [maybe([maybe(rng.randint(-1000, 1000)) for _ in range(rng.randint(0, 4))]) for _ in range(n - 4)]
    ls = [maybe([maybe({"a": maybe(rng.randint(-5, 5)), "b": maybe(rand_str())}) for _ in range(rng.randint(0, 3))]) for _ in range(n)]
    m = [maybe([(f"k{j}", maybe(rng.randint(0, 9))) for j in range(rng.randint(0, 3))]) for _ in range(n)]
    ll = [maybe([maybe([maybe(rng.randint(0, 9)) for _ in range(rng.randint(0, 3))]) for _ in range(rng.randint(0, 3))]) for _ in range(n)]
    return pa.table({
        "b": pa.array(boo, pa.bool_()),
        "i8": pa.array(i8, pa.int8()), "i16": pa.array(i16, pa.int16()),
        "i32": pa.array(i32, pa.int32()), "i64": pa.array(i64, pa.int64()),
        "u8": pa.array(u8, pa.uint8()), "u16": pa.array(u16, pa.uint16()),
        "u32": pa.array(u32, pa.uint32()), "u64": pa.array(u64, pa.uint64()),
        "f32": pa.array(f32, pa.float32()), "f64": pa.array(f64, pa.float64()),
        "s": pa.array(s, pa.string()), "cat": pa.array(cat, pa.string()), "bin": pa.array(b, pa.binary()),
        "d": pa.array(d, pa.date32()),
        "ts_us": pa.array(us, pa.timestamp("us")), "ts_us_tz": pa.array(us, pa.timestamp("us", tz="UTC")),
        "ts_ms": pa.array(ms, pa.timestamp("ms")), "ts_ms_tz": pa.array(ms, pa.timestamp("ms", tz="Europe/Paris")),
        "ts_ns": pa.array(ns, pa.timestamp("ns")), "ts_ns_tz": pa.array(ns, pa.timestamp("ns", tz="UTC")),
        "dec9": pa.array(dec(9, 2), pa.decimal128(9, 2)), "dec18": pa.array(dec(18, 4), pa.decimal128(18, 4)),
        "dec38": pa.array(dec(38, 10), pa.decimal128(38, 10)),
        "st": pa.array(st, pa.struct([("a", pa.int32()), ("b", pa.string()), ("c", pa.struct([("x", pa.float64())]))])),
        "li": pa.array(li, pa.list_(pa.int32())),
        "ls": pa.array(ls, pa.list_(pa.struct([("a", pa.int64()), ("b", pa.string())]))),
        "m": pa.array(m, pa.map_(pa.string(), pa.int32())),
        "ll": pa.array(ll, pa.list_(pa.list_(pa.int32()))),
    })


def enc(v, t):
    if v is None:
        return "null"
    if pa.types.is_boolean(t):
        return "true" if v else "false"
    if pa.types.is_uint64(t):
        return f"dec:{v}/0"
    if pa.types.is_integer(t):
        return str(v)
    if pa.types.is_float16(t) or pa.types.is_float32(t):
        return "f:" + struct.pack("<f", v).hex()
    if pa.types.is_float64(t):
        return "d:" + struct.pack("<d", v).hex()
    if pa.types.is_decimal(t):
        return f"dec:{int(v.scaleb(t.scale))}/{t.scale}"
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "s:" + v.encode("utf-8").hex()
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return "x:" + v.hex()
    if pa.types.is_date32(t):
        return f"date:{(v - EPOCH).days}"
    if pa.types.is_map(t):
        return "<" + ",".join(enc(k, t.key_type) + "=" + enc(x, t.item_type) for k, x in v) + ">"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return "[" + ",".join(enc(x, t.value_type) for x in v) + "]"
    if pa.types.is_struct(t):
        return "{" + ",".join(enc(v[t.field(i).name], t.field(i).type) for i in range(t.num_fields)) + "}"
    raise TypeError(f"no encoding for {t}")


def timestamps_as_micros(col):
    """Timestamps (any unit, any zone) as int64 microseconds, floor-divided."""
    t = col.type
    raw = pc.cast(col, pa.int64()).to_pylist()
    factor = {"s": -1000000, "ms": -1000, "us": 1, "ns": 1000}[t.unit]
    return ["null" if v is None else f"ts:{v * -factor if factor < 0 else v // factor}" for v in raw]


def expected(path, reader):
    table = reader(path)
    cols = {}
    for name in table.column_names:
        col = table.column(name).combine_chunks()
        if pa.types.is_timestamp(col.type):
            cols[name] = timestamps_as_micros(col)
        else:
            cols[name] = [enc(v, col.type) for v in col.to_pylist()]
    return cols


table = make_table(ROWS)
manifest = []


def emit(name, write, reader=pq.read_table):
    path = os.path.join(OUT, name + ".parquet")
    write(path)
    manifest.append({"file": name + ".parquet", "columns": expected(path, reader)})


common = dict(row_group_size=100, data_page_size=2048)
for codec in ["none", "snappy", "gzip", "zstd", "lz4"]:
    for v in ["1.0", "2.0"]:
        emit(f"pa_{codec}_v{v[0]}", lambda p: pq.write_table(table, p, compression=codec, data_page_version=v, **common))
emit("pa_nodict_v1", lambda p: pq.write_table(table, p, use_dictionary=False, compression="snappy", **common))
emit("pa_nodict_v2", lambda p: pq.write_table(table, p, use_dictionary=False, data_page_version="2.0", **common))
emit("pa_small_pages", lambda p: pq.write_table(table, p, row_group_size=37, data_page_size=64, write_batch_size=16, compression="zstd"))
# pyarrow reads INT96 through nanoseconds, which overflow for the extreme first rows (Rivulet reads
# them right, pyarrow does not): leave those rows out.
emit("pa_int96", lambda p: pq.write_table(table.slice(4), p, use_deprecated_int96_timestamps=True, **common),
     lambda p: pq.read_table(p, coerce_int96_timestamp_unit="us"))
emit("pa_decimal_as_int", lambda p: pq.write_table(table, p, store_decimal_as_integer=True, **common))
emit("pa_parquet_1_0", lambda p: pq.write_table(table, p, version="1.0", coerce_timestamps="us", allow_truncated_timestamps=True, **common))

ints = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "d", "ts_us", "ts_ms", "ts_ns", "li"]
strs = ["s", "cat", "bin"]
for v in ["1.0", "2.0"]:
    emit(f"pa_delta_v{v[0]}", lambda p: pq.write_table(
        table, p, use_dictionary=False, data_page_version=v, compression="snappy",
        column_encoding={**{c: "DELTA_BINARY_PACKED" for c in ints}, **{c: "DELTA_LENGTH_BYTE_ARRAY" for c in strs}}, **common))
    emit(f"pa_delta_byte_array_v{v[0]}", lambda p: pq.write_table(
        table, p, use_dictionary=False, data_page_version=v,
        column_encoding={**{c: "DELTA_BYTE_ARRAY" for c in strs + ["dec9", "dec38"]}}, **common))
    emit(f"pa_bss_v{v[0]}", lambda p: pq.write_table(
        table, p, use_dictionary=False, data_page_version=v, compression="zstd",
        column_encoding={c: "BYTE_STREAM_SPLIT" for c in ["f32", "f64", "i32", "i64", "dec9", "dec18", "dec38"]}, **common))

f16 = pa.table({"h": pa.array([1.5, None, -0.0, 65504.0, float("inf"), 6.1e-05, 5.96e-08, float("nan")], pa.float16())})
emit("pa_float16", lambda p: pq.write_table(f16, p))

# DuckDB writes the same table with its own writer and codecs. The expected values are what
# DuckDB reads back: pyarrow 26 cannot read DuckDB's V2 DELTA_BINARY_PACKED INT32 columns.
con = duckdb.connect()
con.register("t", table)
duck_read = lambda p: con.sql(f"SELECT * FROM '{p}'").to_arrow_table()
for codec in ["uncompressed", "snappy", "gzip", "zstd", "lz4"]:
    for version in ["V1", "V2"]:
        emit(f"duckdb_{codec}_{version}", lambda p: con.execute(
            f"COPY (SELECT * FROM t) TO '{p}' (FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, ROW_GROUP_SIZE 100)"),
            duck_read)

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump(manifest, f)
print(len(manifest))
