"""Confirms Apache Spark's behaviour for Rivulet's IO layer (JSON/CSV/text readers and writers,
to_json/from_json/get_json_object). Run: ~/.cache/rivulet-spark-venv/bin/python scripts/golden/check_io.py
Prints one `== case` header per check followed by Spark's output; the Swift tests cite these cases."""
import os, tempfile, shutil
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
tmp = tempfile.mkdtemp()

def case(name):
    print("== " + name, flush=True)

def write(name, text):
    p = os.path.join(tmp, name)
    with open(p, "w") as f:
        f.write(text)
    return p

def show(df):
    print(df.schema.simpleString())
    for r in df.collect():
        print(repr(r))

def attempt(fn):
    try:
        fn()
    except Exception as e:
        lines = [l for l in str(e).split("\n") if "[" in l or "Exception" in l][:3]
        print("ERROR:", type(e).__name__, " | ".join(l.strip()[:300] for l in lines))

# ---- JSON reader inference
case("json_infer")
p = write("a.json", '{"b":1,"a":"x","n":{"z":1,"y":[1,2]}}\n{"b":2.5,"c":true,"n":{"z":null,"x":"q"}}\n{"b":12345678901234567890,"d":null,"e":[]}\n')
show(spark.read.json(p))
case("json_infer_mixed")
p = write("m.json", '{"a":1,"b":[1,"x"],"c":{"k":1}}\n{"a":"s","b":[2.0],"c":3}\n')
show(spark.read.json(p))
case("json_corrupt_permissive")
p = write("c.json", '{"a":1}\n{"a":\n{"a":"x"}\n\n[1,2]\n{"a":2}\n')
show(spark.read.json(p))
case("json_corrupt_userschema")
show(spark.read.schema("a INT, _corrupt_record STRING").json(p))
case("json_corrupt_userschema_nocol")
show(spark.read.schema("a INT").json(p))
case("json_dropmalformed")
show(spark.read.schema("a INT").option("mode", "DROPMALFORMED").json(p))
case("json_failfast")
attempt(lambda: show(spark.read.schema("a INT").option("mode", "FAILFAST").json(p)))
case("json_top_array")
p2 = write("arr.json", '[{"a":1},{"a":2}]\n{"a":3}\n')
show(spark.read.json(p2))
case("json_types")
p3 = write("t.json", '{"i":"5","l":5,"d":"1.5","dec":1.25,"ts":"2024-01-01T00:00:00.000Z","dt":"2024-01-02","b":"true","f":1}\n{"i":1.5,"ts":"2024-01-01 10:00:00","dt":"2024-01-02T00:00:00"}\n')
show(spark.read.schema("i INT, l LONG, d DOUBLE, dec DECIMAL(5,2), ts TIMESTAMP, dt DATE, b BOOLEAN, f DOUBLE").json(p3))
case("json_prim_as_string")
show(spark.read.option("primitivesAsString", "true").json(p3))
case("json_single_quotes")
p4 = write("q.json", "{'a':'x'}\n{\"a\":NaN}\n{a:1}\n")
show(spark.read.json(p4))
case("json_field_case")
p5 = write("case.json", '{"A":1}\n{"a":2}\n')
attempt(lambda: show(spark.read.json(p5)))
show(spark.read.schema("a INT").json(p5))
case("json_infer_ts")
p6 = write("ts.json", '{"t":"2024-01-01T00:00:00.000Z"}\n')
show(spark.read.json(p6))

# ---- functions
case("to_json")
df = spark.sql("""select to_json(named_struct('a', 1, 'b', 'x', 'n', cast(null as int), 'ts', timestamp'2024-01-01 00:00:00',
  'ts2', timestamp'2024-01-01 00:00:00.123456', 'd', date'2024-01-01', 'arr', array(1,2), 'm', map('k', 1), 'dbl', 1e10D,
  'dbl2', 0.1D, 'f', cast(1.5 as float), 'dec', cast(1.50 as decimal(5,2)), 'dec2', cast(0.00000001 as decimal(20,10)),
  'bin', X'0102', 'nan', double('NaN'), 'inf', double('Infinity'), 'bo', true, 's', concat('q"', char(92), '/', char(10), char(9), char(1), 'é'), 'an', array(null, 1),
  'mn', map('k', null), 'big', 1e300D, 'neg', -0.0D, 'small', 1e-5D)) j""")
for r in df.collect(): print(r.j)
df = spark.sql("select to_json(array(named_struct('a', 1), named_struct('a', 2))) j, to_json(map('a', named_struct('b', 1))) k, to_json(array(1, 2)) l")
for r in df.collect(): print(r.j, r.k, r.l)
case("to_json_ignore_null_false")
for r in spark.sql("select to_json(named_struct('a', cast(null as int), 'b', 1), map('ignoreNullFields', 'false')) j").collect(): print(r.j)
case("from_json")
df = spark.sql("""select from_json(j, 'a INT, b STRING, c ARRAY<INT>') r from values ('{"a":1,"b":"x","c":[1,2]}'), ('{"a":"x"}'), ('bad'), (null), ('{"a":1,"extra":2}'), ('{"b":5}'), ('[{"a":1}]'), ('{"a":1} trailing'), ('{"a":2147483648}'), ('{"a":1.0}') t(j)""")
for r in df.collect(): print(repr(r.r))
case("from_json_array_map")
for r in spark.sql("""select from_json('[1,2,"x"]', 'array<int>') a, from_json('{"k":1,"j":2}', 'map<string,int>') m, from_json('{"a":{"b":1}}', 'struct<a:struct<b:int>>') s""").collect(): print(repr(r))
case("get_json_object")
doc = '{"a":1,"b":[1,2,3],"c":{"d":"x"},"f":null,"g":1.50,"h":[{"x":1},{"x":"y"}],"s":"q\\"","u":"\\u00e9"}'
paths = ["$.a", "$.b", "$.b[0]", "$.b[*]", "$.c.d", "$['c']['d']", "$", "$.e", "$.b[5]", "$.c", "$.f", "$.g",
         "$.h[*].x", "a", "$.h[1].x", "$.s", "$.u", "$.h[*]", "$.b[-1]", "$..a", "$.c['d']", "$[0]", "$.b[0 ]"]
gdf = spark.createDataFrame([(doc, q) for q in paths] + [("bad", "$.a"), ('{"a":1} x', "$.a"), ('[1,{"a":2}]', "$[1].a"), ('"s"', "$")], "j string, p string")
for r in gdf.selectExpr("p", "get_json_object(j, p) v").collect():
    print(r.p, repr(r.v))
case("schema_of_json")
for r in spark.sql("""select schema_of_json('{"b":1,"a":[1.5],"c":{"z":"x"}}') s""").collect(): print(r.s)

# ---- CSV
case("csv_infer")
p = write("a.csv", 'i,l,dec,d,ts,b,s,e,dt,mix\n1,3000000000,1.5,1e10,2024-01-01 00:00:00,true,x,,2024-01-01,1\n2,4,2.25,1.5,2024-01-02T00:00:00,false,y,,2024-01-02,x\n')
show(spark.read.option("header", "true").option("inferSchema", "true").csv(p))
case("csv_infer_decimal_big")
p = write("b.csv", '12345678901234567890\n1.123456789012345678901\n')
show(spark.read.option("inferSchema", "true").csv(p))
case("csv_default")
p = write("c.csv", 'a,b,c\n1,"x,y",\n2,"q""uote",""\n3\n4,5,6,7\n')
show(spark.read.csv(p))
show(spark.read.option("header", "true").csv(p))
case("csv_escape")
p = write("e.csv", 'a,"b\\"c",d\n')
show(spark.read.csv(p))
case("csv_modes")
p = write("m.csv", 'a,b\n1,2\nx,3\n4\n5,6,7\n')
show(spark.read.schema("a INT, b INT").option("header", "true").csv(p))
show(spark.read.schema("a INT, b INT, _corrupt_record STRING").option("header", "true").csv(p))
show(spark.read.schema("a INT, b INT").option("header", "true").option("mode", "DROPMALFORMED").csv(p))
attempt(lambda: show(spark.read.schema("a INT, b INT").option("header", "true").option("mode", "FAILFAST").csv(p)))
case("csv_null_empty")
p = write("n.csv", 'a,b\n,""\nNA,x\n')
show(spark.read.option("header", "true").csv(p))
show(spark.read.option("header", "true").option("nullValue", "NA").csv(p))
show(spark.read.option("header", "true").option("emptyValue", "E").csv(p))
case("csv_ws")
p = write("w.csv", ' a , b \n')
show(spark.read.csv(p))
show(spark.read.option("ignoreLeadingWhiteSpace", "true").option("ignoreTrailingWhiteSpace", "true").csv(p))
case("csv_comment")
p = write("cm.csv", '#x\na\n')
show(spark.read.option("comment", "#").csv(p))
case("csv_dup_header")
p = write("d.csv", 'a,a,,b\n1,2,3,4\n')
show(spark.read.option("header", "true").csv(p))

# ---- text
case("text_crlf")
p = write("t.txt", 'a\r\nb\rc\n\nd')
show(spark.read.text(p))

# ---- writers
case("write_csv_json")
out = os.path.join(tmp, "out")
df = spark.sql("select 1 a, cast(null as string) b, 'x,\"y' c, timestamp'2024-01-01 00:00:00' ts, date'2024-01-01' d, 1.5D dbl, '' e")
df.coalesce(1).write.option("header", "true").csv(out + "/csv")
df.coalesce(1).write.json(out + "/json")
for sub in ["csv", "json"]:
    for f in sorted(os.listdir(out + "/" + sub)):
        print(sub, f if not f.startswith("part-") else "part-*" + f[f.index("."):] if "." in f else f)
        if f.startswith("part-"):
            print(open(out + "/" + sub + "/" + f).read(), end="")
attempt(lambda: df.write.json(out + "/json"))
case("path_not_found")
attempt(lambda: spark.read.text("/nonexistent/x"))
shutil.rmtree(tmp)
