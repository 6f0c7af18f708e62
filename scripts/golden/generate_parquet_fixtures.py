#!/usr/bin/env python3
"""Writes the Parquet files Apache Spark produces, as committed fixtures for Rivulet's reader.

    scripts/install-spark.sh
    ~/.cache/rivulet-spark-venv/bin/python scripts/golden/generate_parquet_fixtures.py

For each writer setting below, Spark 4.3 (local[1], session time zone UTC) writes one table of
every type Rivulet reads (with nulls, empty and unicode strings, extreme values and nested
columns) as a single part file, copied to Tests/RivuletTests/Golden/parquet-spark/<name>.parquet.
`expected.json` holds, per row in `id` order, what Spark itself reads back from the file:
`to_json(struct(*, CAST(ts AS STRING) AS ts_text))` (the text keeps the microseconds that
to_json drops), so the test compares Rivulet's reading of the same file
with Spark's through the same function.
"""
import glob, json, os, shutil, tempfile

from pyspark.sql import SparkSession

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "RivuletTests", "Golden", "parquet-spark")

# name -> Spark confs / writer options
SETTINGS = {
    "spark-default": ({}, {}),  # snappy, INT96 timestamps, dictionary on, data page v1
    "spark-micros-gzip": ({"spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS"}, {"compression": "gzip"}),
    "spark-millis-zstd": ({"spark.sql.parquet.outputTimestampType": "TIMESTAMP_MILLIS"}, {"compression": "zstd"}),
    "spark-v2-nodict": ({}, {"compression": "uncompressed", "parquet.writer.version": "v2", "parquet.enable.dictionary": "false"}),
    "spark-legacy-format": ({"spark.sql.parquet.writeLegacyFormat": "true"}, {"compression": "snappy"}),
}

SQL = """
SELECT * FROM VALUES
  (0, true, CAST(127 AS TINYINT), CAST(-32768 AS SMALLINT), 2147483647, 9223372036854775807,
   CAST(1.5 AS FLOAT), 3.141592653589793D, 'plain', X'00FF10', DATE'2024-02-29',
   TIMESTAMP'2024-02-29 12:34:56.789012', CAST(1234567.89 AS DECIMAL(9,2)),
   CAST(-12345678901234.5678 AS DECIMAL(18,4)), CAST('1234567890123456789012345678.0123456789' AS DECIMAL(38,10)),
   array(1, 2, NULL), named_struct('a', 1, 'b', 'x'), map('k1', 1, 'k2', NULL)),
  (1, false, CAST(-128 AS TINYINT), CAST(32767 AS SMALLINT), -2147483648, -9223372036854775808,
   CAST(-0.0 AS FLOAT), -1.0E300D, '', X'', DATE'1970-01-01', TIMESTAMP'1970-01-01 00:00:00',
   CAST(0 AS DECIMAL(9,2)), CAST(0.0001 AS DECIMAL(18,4)), CAST(-0.0000000001 AS DECIMAL(38,10)),
   array(), named_struct('a', NULL, 'b', ''), map()),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, true, CAST(0 AS TINYINT), CAST(0 AS SMALLINT), 0, 0, CAST(3.4028235E38 AS FLOAT), 4.9E-324D,
   'ünïcødé ✓ 日本', X'DEADBEEF', DATE'0001-01-01', TIMESTAMP'1900-01-01 00:00:00.000001',
   CAST(-9999999.99 AS DECIMAL(9,2)), CAST(99999999999999.9999 AS DECIMAL(18,4)),
   CAST(0 AS DECIMAL(38,10)), array(NULL), named_struct('a', -5, 'b', NULL), map('', 0))
AS t(id, b, i8, i16, i32, i64, f32, f64, s, bin, d, ts, dec9, dec18, dec38, arr, st, m)
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    for name, (confs, options) in SETTINGS.items():
        builder = SparkSession.builder.master("local[1]").appName("parquet-fixtures") \
            .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
        spark = builder.getOrCreate()
        for k, v in confs.items():
            spark.conf.set(k, v)
        # Repeat the four rows so dictionary pages have something to do.
        df = spark.sql(SQL).crossJoin(spark.range(20).withColumnRenamed("id", "rep")) \
            .selectExpr("id * 100 + rep AS id", "* EXCEPT (id, rep)").coalesce(1)
        tmp = tempfile.mkdtemp()
        writer = df.write.mode("overwrite")
        for k, v in options.items():
            writer = writer.option(k, v)
        writer.parquet(tmp + "/out")
        parts = glob.glob(tmp + "/out/part-*.parquet")
        assert len(parts) == 1, parts
        target = os.path.join(OUT, name + ".parquet")
        shutil.copyfile(parts[0], target)
        back = spark.read.parquet(target).orderBy("id").selectExpr(
            "to_json(struct(*, CAST(ts AS STRING) AS ts_text)) AS j").collect()
        expected[name] = [r.j for r in back]
        shutil.rmtree(tmp)
        for k in confs:
            spark.conf.unset(k)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=0, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(SETTINGS)} files and expected.json to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
