#!/usr/bin/env python3
"""pyarrow's side of the Parquet benchmark, one JSON line per measurement.

  parquet_bench.py --rows 10000000 --dir DIR [--codec snappy --repeat 3 --run-id ID]

Builds the benchmark table in memory (the same values rivulet-bench parquet builds; see
`table(n)` below — the formulas are the contract), then times pq.write_table (pyarrow's defaults:
dictionary on, data page v1, snappy) and pq.read_table of all ten columns and of one column.
Also prints a checksum of what it read, and reads DIR/rivulet.parquet if it exists (a file
Rivulet wrote) to report its checksum, so both engines are checked to hold the same values.
"""
import argparse, json, os, time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

BASE_TS_US = 1_700_000_000_000_000


def table(n):
    i = np.arange(n, dtype=np.int64)
    return pa.table({
        "id": pa.array(i),
        "a": pa.array(((i * 7919) % 100_000).astype(np.int32)),
        "b": pa.array((i * 1_000_003) % (1 << 32)),
        "c": pa.array((i % 7).astype(np.int32)),
        "x": pa.array(i.astype(np.float64) * 0.25),
        "y": pa.array(((i * 7) % 1000).astype(np.float64) / 8.0),
        "z": pa.array((i % 9973).astype(np.float64) * 1.5),
        "s1": pc.binary_join_element_wise("user_", pc.cast(pa.array(i % 50_000), pa.string()), ""),
        "s2": pc.binary_join_element_wise("event-", pc.cast(pa.array(i), pa.string()), ""),
        "ts": pa.array(BASE_TS_US + i * 1000, type=pa.timestamp("us", tz="UTC")),
    })


def checksum(t):
    """Order-independent sums per column: ints and doubles summed (exact: every double is a multiple
    of 1/8), strings by total byte length, timestamps as microseconds after BASE_TS_US."""
    out = {}
    for name in t.column_names:
        col = t.column(name)
        if pa.types.is_string(col.type):
            out[name] = int(pc.sum(pc.binary_length(col)).as_py() or 0)
        elif pa.types.is_timestamp(col.type):
            # Offset from the base keeps the sum inside int64.
            out[name] = int(pc.sum(pc.subtract(pc.cast(col, pa.int64()), BASE_TS_US)).as_py())
        elif pa.types.is_floating(col.type):
            out[name] = float(pc.sum(col).as_py())
        else:
            out[name] = int(pc.sum(pc.cast(col, pa.int64())).as_py())
    return out


def emit(a, **fields):
    print(json.dumps({"bench": "parquet", "engine": f"pyarrow {pa.__version__}", "run_id": a.run_id,
                      "rows": a.rows, "codec": a.codec, **fields}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--codec", default="snappy")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--run-id", default="")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    path = os.path.join(a.dir, "pyarrow.parquet")
    t = table(a.rows)
    for r in range(a.repeat):
        start = time.perf_counter()
        pq.write_table(t, path, compression=a.codec)
        wall = time.perf_counter() - start
        emit(a, op="write", run=r + 1, wall_s=round(wall, 3), rows_per_s=round(a.rows / wall),
             file_bytes=os.path.getsize(path))
    for op, cols in (("read_all", None), ("read_one_column", ["a"])):
        for r in range(a.repeat):
            start = time.perf_counter()
            back = pq.read_table(path, columns=cols)
            wall = time.perf_counter() - start
            emit(a, op=op, run=r + 1, wall_s=round(wall, 3), rows_per_s=round(a.rows / wall),
                 checksum=checksum(back) if r == 0 else None)
    emit(a, op="expected_checksum", checksum=checksum(t))
    theirs = os.path.join(a.dir, "rivulet.parquet")
    if os.path.exists(theirs):
        emit(a, op="read_rivulet_file", checksum=checksum(pq.read_table(theirs)),
             file_bytes=os.path.getsize(theirs))


if __name__ == "__main__":
    main()
