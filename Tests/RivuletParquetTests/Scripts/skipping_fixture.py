"""Writes a file whose row groups have distinct value ranges, for row-group skipping tests.

usage: skipping_fixture.py OUT.parquet

10 row groups of 50 rows. Group g holds ids 100*g .. 100*g+49, names "g<g>-<i>", prices in
[10*g, 10*g+5) (group 4 also holds a NaN), days around 1000*g, timestamps around 10^9*g us,
decimals around 100*g, a column that is entirely null in group 3, a struct field s.x = id, and
a list column (never used for skipping).
"""
import datetime
import decimal
import sys

import pyarrow as pa
import pyarrow.parquet as pq

rows = []
for g in range(10):
    for i in range(50):
        rows.append(dict(
            id=100 * g + i,
            name=f"g{g}-{i:02d}",
            price=float("nan") if (g == 4 and i == 7) else 10.0 * g + i / 10.0,
            day=datetime.date(1970, 1, 1) + datetime.timedelta(days=1000 * g + i),
            ts=10**9 * g + i,
            amount=decimal.Decimal(100 * g + i).scaleb(-2),
            sparse=None if g == 3 else (i if i % 5 else None),
            flag=(g % 2 == 0),
            s={"x": 100 * g + i},
            tags=[g, i],
        ))
table = pa.table({
    "id": pa.array([r["id"] for r in rows], pa.int64()),
    "name": pa.array([r["name"] for r in rows], pa.string()),
    "price": pa.array([r["price"] for r in rows], pa.float64()),
    "day": pa.array([r["day"] for r in rows], pa.date32()),
    "ts": pa.array([r["ts"] for r in rows], pa.timestamp("us", tz="UTC")),
    "amount": pa.array([r["amount"] for r in rows], pa.decimal128(18, 4)),
    "sparse": pa.array([r["sparse"] for r in rows], pa.int32()),
    "flag": pa.array([r["flag"] for r in rows], pa.bool_()),
    "s": pa.array([r["s"] for r in rows], pa.struct([("x", pa.int64())])),
    "tags": pa.array([r["tags"] for r in rows], pa.list_(pa.int32())),
})
pq.write_table(table, sys.argv[1], row_group_size=50, compression="snappy")
