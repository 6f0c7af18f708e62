#!/usr/bin/env python3
"""Generates the expected per-batch outputs of the streaming golden cases with Apache Spark 4.3.

Reads Tests/RivuletTests/Golden/streaming/cases.json; for each case writes its batches as files
(one file per batch, increasing mtimes so Spark's file source takes them in order), runs the query
with readStream (maxFilesPerTrigger=1, trigger availableNow) into foreachBatch, renders each batch's
rows with Spark's own cast to string (NULL for null), sorts them, and stores them in the case's
"expected" list (one list of rows per batch). Rerun after changing a case:

    ~/.cache/rivulet-spark-venv/bin/python scripts/golden/generate_streaming_expected.py [--check]
"""
import json, os, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "..", "Tests", "RivuletTests", "Golden", "streaming", "cases.json")


def main():
    check = "--check" in sys.argv
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession, functions as F
    spark = (SparkSession.builder.master("local[2]").appName("rivulet-streaming-golden")
             .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC").config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    with open(CASES) as f:
        doc = json.load(f)
    changed = 0
    for case in doc["cases"]:
        root = tempfile.mkdtemp(prefix="stream-golden-")
        src = os.path.join(root, "in")
        os.makedirs(src)
        base = time.time() - 1000
        ext = {"text": "txt"}.get(case["format"], case["format"])
        for i, lines in enumerate(case["batches"]):
            path = os.path.join(src, f"batch-{i:03d}.{ext}")
            with open(path, "w") as out:
                out.write("".join(l + "\n" for l in lines))
            os.utime(path, (base + i, base + i))
        reader = spark.readStream.format(case["format"]).option("maxFilesPerTrigger", 1)
        if case["schema"]:
            reader = reader.schema(case["schema"])
        reader.load(src).createOrReplaceTempView("events")
        df = spark.sql(case["query"])
        outputs = {}

        def collect(batch_df, batch_id):
            cols = [f"c{i}" for i in range(len(batch_df.columns))]
            renamed = batch_df.toDF(*cols)
            rows = renamed.select([F.col(c).cast("string") for c in cols]).collect()
            outputs[batch_id] = sorted("\t".join("NULL" if v is None else v for v in r) for r in rows)

        q = (df.writeStream.outputMode(case["outputMode"]).foreachBatch(collect)
             .option("checkpointLocation", os.path.join(root, "ckpt")).trigger(availableNow=True).start())
        q.awaitTermination()
        expected = [outputs.get(i, []) for i in range(len(case["batches"]))]
        header = [f"{f.name}:{f.dataType.simpleString()}" for f in df.schema.fields]
        if case.get("expected") != expected or case.get("header") != header:
            changed += 1
            case["expected"], case["header"] = expected, header
    if check:
        print(f"streaming golden: {changed} case(s) out of date")
        sys.exit(1 if changed else 0)
    with open(CASES, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(f"streaming golden: {len(doc['cases'])} cases, {changed} updated")
    spark.stop()


if __name__ == "__main__":
    main()
