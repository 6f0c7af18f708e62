#!/usr/bin/env python3
"""Apache Spark side of the word-count benchmark (run it with the venv that has pyspark 4.3.0).

Query (the same plan rivulet-bench wordcount builds with Rivulet's DataFrame API):
    spark.read.text(DIR).select(explode(split(value, ' ')).alias('word')).groupBy('word').count().collect()
Session: local[2], spark.sql.shuffle.partitions=4, driver memory 4g, UI off, loopback only.
wall_s runs from building the DataFrame to collect() returning, in an already started JVM (JVM start is
reported separately as session_start_s). peak_rss_mib = VmHWM of the JVM process (not the Python driver).
Prints one JSON line per run on stdout with the fields of the rivulet-bench records.

Example: spark_wordcount.py --input ~/.cache/rivulet-bench/words [--repeat 2] [--run-id ID]
"""
import argparse, datetime, hashlib, json, os, resource, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import machine  # noqa: E402


def manifest(input_dir):
    """Totals and params the generator wrote to DIR.MANIFEST.json, or {}."""
    try:
        with open(input_dir.rstrip("/") + ".MANIFEST.json") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def result_digest(rows):
    """sha256 of the sorted 'word<TAB>count' lines joined by '\\n' (order-independent result digest)."""
    lines = sorted("\t".join("" if v is None else str(v) for v in r) for r in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def start_session(a):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession
    t0 = time.time()
    spark = (SparkSession.builder.master(a.master).appName("rivulet-bench-wordcount")
             .config("spark.driver.memory", a.driver_memory)
             .config("spark.sql.shuffle.partitions", str(a.partitions))
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.warehouse.dir", os.path.join(a.work_dir, "warehouse"))
             .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    return spark, time.time() - t0


def jvm_pid(spark):
    jvm = spark.sparkContext._jvm
    try:
        return int(jvm.java.lang.ProcessHandle.current().pid())
    except Exception:  # older JVM bridges: fall back to the runtime MXBean
        return int(jvm.java.lang.management.ManagementFactory.getRuntimeMXBean().getPid())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", default=os.path.expanduser("~/.cache/rivulet-bench/words"))
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4, help="spark.sql.shuffle.partitions (Spark default 200)")
    ap.add_argument("--driver-memory", default="4g")
    ap.add_argument("--repeat", type=int, default=1, help="run the query N times in one JVM (run 1 is cold)")
    ap.add_argument("--mode", choices=["batch", "stream"], default="batch",
                    help="stream: readStream.text -> same query -> memory sink, complete mode, availableNow")
    ap.add_argument("--max-files-per-trigger", type=int, default=0, help="stream mode: 0 = all files in one micro-batch")
    ap.add_argument("--run-id", default=None)
    ap.add_argument("--tag", default="")
    ap.add_argument("--no-wait", action="store_true", help="do not wait for an idle machine before each run")
    ap.add_argument("--work-dir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "rivulet-bench-spark"))
    a = ap.parse_args()
    a.input = os.path.abspath(os.path.expanduser(a.input))
    if not os.path.isdir(a.input):
        sys.exit(f"spark_wordcount.py: input directory '{a.input}' does not exist (generate it with rivulet-bench gen-words)")
    os.makedirs(a.work_dir, exist_ok=True)
    os.chdir(a.work_dir)  # keeps derby.log / spark-warehouse out of the repository

    import pyspark
    from pyspark.sql import functions as F
    spark, session_s = start_session(a)
    pid = jvm_pid(spark)
    lines_total = manifest(a.input).get("totals", {}).get("lines")
    for run in range(1, a.repeat + 1):
        busy_before = None if a.no_wait else machine.wait_idle()
        window = machine.CpuWindow(pid)
        t0 = time.time()
        batches = None
        if a.mode == "batch":
            text = spark.read.text(a.input)
            counts = text.select(F.explode(F.split(text.value, " ")).alias("word")).groupBy("word").count()
            rows = counts.collect()
        else:
            reader = spark.readStream.format("text")
            if a.max_files_per_trigger:
                reader = reader.option("maxFilesPerTrigger", a.max_files_per_trigger)
            text = reader.load(a.input)
            counts = text.select(F.explode(F.split(text.value, " ")).alias("word")).groupBy("word").count()
            ckpt = os.path.join(a.work_dir, f"ckpt-{os.getpid()}-{run}-{int(t0)}")
            q = (counts.writeStream.outputMode("complete").format("memory").queryName(f"wc_{run}")
                 .option("checkpointLocation", ckpt).trigger(availableNow=True).start())
            q.awaitTermination()
            rows = spark.sql(f"SELECT * FROM wc_{run}").collect()
            batches = len([p for p in q.recentProgress if p.numInputRows > 0])
        wall = time.time() - t0
        cpu = window.close(wall)
        words = sum(r["count"] for r in rows)
        rec = {"bench": "wordcount" if a.mode == "batch" else "stream-wordcount", "engine": "spark",
               "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "run_id": a.run_id, "tag": a.tag, "input": a.input, "run": run,
               "wall_s": round(wall, 3), "lines": lines_total, "words": words, "distinct": len(rows),
               "words_per_s": round(words / wall) if wall > 0 else None,
               "lines_per_s": round(lines_total / wall) if lines_total and wall > 0 else None,
               "peak_rss_mib": machine.peak_rss_mib(pid), "digest": result_digest(rows),
               "cpus": machine.CPUS, **cpu, "busy_share_before": busy_before,
               "spark": spark.version, "pyspark": pyspark.__version__, "master": a.master,
               "shuffle_partitions": a.partitions, "driver_memory": a.driver_memory,
               "session_start_s": round(session_s, 2),
               "max_files_per_trigger": a.max_files_per_trigger if a.mode == "stream" else None, "batches": batches,
               "python_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
        print(json.dumps(rec), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
