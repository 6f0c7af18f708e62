"""Writes a small Parquet file with pyarrow and prints its footer as pyarrow reads it (JSON).

usage: footer_fixture.py OUT.parquet
"""
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
table = pa.table({
    "id": pa.array([1, 2, 3, None, 5], pa.int64()),
    "name": pa.array(["a", "bb", None, "dddd", ""], pa.string()),
    "price": pa.array([1.5, None, 2.25, 3.0, -1.0], pa.float64()),
    "amount": pa.array([None, 1, 2, 3, 4], pa.decimal128(9, 2)),
    "ts": pa.array([0, 1, 2, 3, 4], pa.timestamp("us", tz="UTC")),
    "tags": pa.array([[1], [], None, [2, 3], [4]], pa.list_(pa.int32())),
})
pq.write_table(table, out, row_group_size=3, compression="snappy")
md = pq.ParquetFile(out).metadata
result = {
    "num_rows": md.num_rows,
    "num_row_groups": md.num_row_groups,
    "created_by": md.created_by,
    "version": md.format_version,
    "schema_names": [md.schema.column(i).path for i in range(md.num_columns)],
    "physical": [md.schema.column(i).physical_type for i in range(md.num_columns)],
    "max_def": [md.schema.column(i).max_definition_level for i in range(md.num_columns)],
    "max_rep": [md.schema.column(i).max_repetition_level for i in range(md.num_columns)],
    "row_groups": [],
}
for g in range(md.num_row_groups):
    rg = md.row_group(g)
    cols = []
    for c in range(rg.num_columns):
        cc = rg.column(c)
        st = cc.statistics
        cols.append({
            "path": cc.path_in_schema,
            "codec": cc.compression,
            "num_values": cc.num_values,
            "data_page_offset": cc.data_page_offset,
            "dictionary_page_offset": cc.dictionary_page_offset,
            "total_compressed_size": cc.total_compressed_size,
            "null_count": st.null_count if st is not None and st.has_null_count else None,
            "encodings": list(cc.encodings),
        })
    result["row_groups"].append({"num_rows": rg.num_rows, "total_byte_size": rg.total_byte_size, "columns": cols})
print(json.dumps(result))
