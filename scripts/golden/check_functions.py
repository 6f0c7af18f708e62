"""Golden values for Rivulet's function kernels, computed by Apache Spark (pyspark 4.x, ANSI on).

Run: ~/.cache/rivulet-spark-venv/bin/python scripts/golden/check_functions.py
Prints one line per expression: `expr\ttype\tvalue` or `expr\tERROR\t<error class>`.
Tests under Tests/RivuletExecutionTests and Tests/RivuletSQLTests quote these outputs.
"""
from pyspark.sql import SparkSession

spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false") \
    .config("spark.sql.session.timeZone", "UTC").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")

EXPRS = [
    # hash
    "hash('a')", "hash('')", "hash('abc')", "hash('hello world')", "hash('héllo')", "hash(1)", "hash(1L)", "hash(1.5)",
    "hash(cast(1.5 as float))", "hash(-0.0)", "hash(0.0)", "hash(null)", "hash(1, 'a')", "hash(true)", "hash(cast(1 as tinyint))",
    "hash(cast(1 as smallint))", "hash(date'2024-01-01')", "hash(timestamp'2024-01-01 00:00:00')", "hash(cast(1.5 as decimal(10,2)))",
    "hash(array(1,2))", "hash(1, null, 'x')", "hash(cast('ab' as binary))", "hash(-1)", "hash(123456789012L)",
    "hash(map(1,'a'))", "hash(named_struct('a',1,'b','x'))", "hash(cast(1.5 as decimal(30,2)))",
    "xxhash64('a')", "xxhash64(1)", "xxhash64(1L)", "xxhash64(null)", "xxhash64('hello world')",
    "md5('abc')", "sha1('abc')", "sha2('abc', 256)", "crc32('abc')",
    # null semantics / types
    "size(null)", "size(array(1,2))", "cardinality(array())",
    "element_at(map(1,'a'), 2)", "element_at(array(1,2), 3)", "element_at(array(1,2), -1)", "element_at(array(1,2), 0)",
    "try_element_at(array(1,2), 3)",
    "to_timestamp('garbage')", "to_timestamp('2024-01-02 03:04:05')", "to_timestamp('2024/01/02', 'yyyy/MM/dd')",
    "to_timestamp('bad', 'yyyy/MM/dd')", "to_date('2024-13-01')", "to_date('2024/01/02', 'yyyy/MM/dd')",
    "to_date('x', 'yyyy/MM/dd')", "unix_timestamp('2024-01-01 00:00:00')", "unix_timestamp('bad')",
    "from_unixtime(0)", "from_unixtime(1700000000, 'yyyy/MM/dd HH')", "date_format(timestamp'2024-03-05 07:08:09.123', 'yyyy-MM-dd HH:mm:ss.SSS')",
    "date_format(date'2024-03-05', 'EEE MMM d')", "date_format(timestamp'2024-03-05 17:08:09', 'hh a')",
    "floor(1.5)", "ceil(1.5)", "floor(cast(1.5 as decimal(10,2)))", "ceil(5)", "floor(-1.5)",
    "round(2.5)", "round(-2.5)", "round(1.2345, 2)", "round(15, -1)", "round(cast(2.5 as double))", "round(2.5D)", "bround(2.5D)", "round(1.5f)",
    "round(cast(123.456 as decimal(6,3)), 1)", "round(cast(123.456 as decimal(6,3)), -1)", "round(cast(2.5 as double), 0)",
    "abs(-5)", "abs(cast(-128 as tinyint))", "abs(-2147483648)", "sqrt(4)", "sqrt(-1)", "ln(0)", "ln(-1)", "log(10, 100)", "log(100)", "log10(1000)", "log2(8)",
    "pow(2, 10)", "exp(0)", "signum(-3)", "signum(0.0)", "mod(7, 3)", "mod(-7, 3)", "pmod(-7, 3)", "pmod(7.5, 2)", "7 % 0", "mod(7, 0)", "pmod(7, 0)",
    "greatest(1, 2.5, null)", "least(1, 2L)", "greatest('a', 'b')", "greatest(null, null)", "least(1, '2')",
    "coalesce(null, 1, 2L)", "nvl(null, 'x')", "nvl2(null, 1, 2)", "nullif(1, 1)", "nullif(1, 2)", "ifnull(null, 3)", "isnull(null)", "isnotnull(1)", "nanvl(cast('NaN' as double), 1.0)",
    "if(true, 1, 2L)", "if(null, 'a', 'b')",
    "split('a b  c', ' ')", "split('a,b,c', ',', 2)", "split('abc', '')", "split('', ' ')", "split('a.b', '.')", "split('a1b22c', '[0-9]+')", "split('a b ', ' ')", "split('a,b,,', ',', -1)", "split('a,b,c', ',', 0)", "split('a,b,c', ',', 1)",
    "lower('ÀBC')", "upper('straße')", "initcap('hello WORLD foo_bar')", "length('héllo')", "length(cast('héllo' as binary))", "char_length('ab')",
    "trim('  a  ')", "ltrim('  a  ')", "rtrim('  a  ')", "trim('xxaxx', 'x')", "trim(BOTH 'x' FROM 'xxaxx')",
    "concat('a', null)", "concat('a', 1)", "concat(array(1), array(2))", "concat_ws(',', 'a', null, 'b')", "concat_ws(',', array('a','b'), 'c')", "concat_ws(null, 'a')",
    "substring('hello', 2)", "substring('hello', -3, 2)", "substring('hello', 0, 2)", "substring('hello', -10, 8)", "substr('héllo', 2, 2)", "substring('hello', 2, -1)",
    "instr('hello', 'll')", "instr('hello', 'z')", "locate('l', 'hello')", "locate('l', 'hello', 4)", "locate('l', 'hello', 0)", "locate('', 'hello')",
    "regexp_replace('a1b2', '[0-9]', 'X')", "regexp_replace('abc', '(b)', '$1$1')", "regexp_extract('a12b', '([0-9]+)', 1)", "regexp_extract('abc', '([0-9]+)', 1)", "regexp_extract('a12b', '[0-9]+', 0)",
    "lpad('hi', 5, 'ab')", "lpad('hello', 2, 'x')", "rpad('hi', 5)", "lpad('hi', 5)", "lpad('hi', 5, '')", "repeat('ab', 3)", "repeat('ab', -1)", "reverse('héllo')", "reverse(array(1,2,3))",
    "replace('aaa', 'a', 'bb')", "replace('abc', 'b')", "startswith('abc', 'ab')", "endswith('abc', 'bc')", "contains('abc', 'd')", "ascii('A')", "ascii('')", "translate('abcd', 'bc', 'x')",
    "format_string('%d-%s', 1, 'a')",
    "year(date'2024-03-05')", "month(timestamp'2024-03-05 07:00:00')", "day(date'2024-03-05')", "dayofweek(date'2024-03-05')", "dayofyear(date'2024-03-05')", "weekofyear(date'2024-01-01')", "weekofyear(date'2021-01-01')", "quarter(date'2024-05-01')",
    "hour(timestamp'2024-03-05 07:08:09')", "minute(timestamp'2024-03-05 07:08:09')", "second(timestamp'2024-03-05 07:08:09.5')",
    "timestamp_seconds(1)", "timestamp_millis(1500)", "timestamp_micros(1)", "unix_seconds(timestamp'1970-01-01 00:00:01')", "unix_millis(timestamp'1970-01-01 00:00:01')", "unix_micros(timestamp'1970-01-01 00:00:01')", "timestamp_seconds(1.5)",
    "date_add(date'2024-02-28', 2)", "date_sub(date'2024-03-01', 1)", "datediff(date'2024-03-01', date'2024-02-01')", "add_months(date'2024-01-31', 1)", "months_between(date'2024-03-31', date'2024-02-29')", "months_between(timestamp'2024-03-15 00:00:00', timestamp'2024-02-01 00:00:00')",
    "last_day(date'2024-02-10')", "next_day(date'2024-03-05', 'Mon')", "trunc(date'2024-03-05', 'MM')", "trunc(date'2024-03-05', 'year')", "trunc(date'2024-03-05', 'week')", "trunc(date'2024-03-05', 'Q')",
    "date_trunc('hour', timestamp'2024-03-05 07:08:09')", "date_trunc('MM', timestamp'2024-03-05 07:08:09')", "date_trunc('week', timestamp'2024-03-05 07:08:09')",
    "make_date(2024, 2, 30)", "make_date(2024, 2, 29)", "make_timestamp(2024, 1, 2, 3, 4, 5.5)", "date_add('2024-01-01', 1)", "year('2024-01-01')",
    "array_contains(array(1,2), 2)", "array_contains(array(1,null), 3)", "array(1, 2L)", "array()", "struct(1, 'a')", "named_struct('x', 1)", "map(1, 'a', 2, 'b')", "map_keys(map(1,'a'))", "map_values(map(1,'a'))",
    "array_distinct(array(1,2,1,null,null))", "array_sort(array(3,null,1))", "sort_array(array(3,null,1), false)", "sort_array(array(3,null,1))", "array_join(array('a',null,'b'), ',')", "array_join(array('a',null,'b'), ',', 'N')",
    "array_max(array(1,null,3))", "array_min(array())", "array_position(array(3,2,1), 1)", "array_remove(array(1,2,null,1), 1)", "flatten(array(array(1), array(2,3)))", "sequence(1, 5)", "sequence(5, 1)", "sequence(1, 10, 3)", "slice(array(1,2,3,4), 2, 2)", "slice(array(1,2,3,4), -2, 5)",
    "cast('1.5' as int)", "cast(' 12 ' as int)", "cast('1e3' as double)", "cast('abc' as int)", "cast(3000000000L as int)", "cast(1.9 as int)", "cast(-1.9 as int)", "cast(1e20 as bigint)", "cast('NaN' as double)", "cast('inf' as double)", "cast('Infinity' as double)",
    "cast('true' as boolean)", "cast('t' as boolean)", "cast('yes' as boolean)", "cast('1' as boolean)", "cast('x' as boolean)", "cast(2 as boolean)", "cast(true as int)",
    "cast('2024-01-02' as date)", "cast('2024-01-02 03:04:05' as timestamp)", "cast(timestamp'2024-01-02 03:04:05' as date)", "cast(date'2024-01-02' as timestamp)", "cast(timestamp'2024-01-02 03:04:05' as long)", "cast(1 as timestamp)",
    "cast(1.5 as string)", "cast(1.0E10 as string)", "cast(cast(1.5 as float) as string)", "cast(123.450 as decimal(10,3))", "cast(123.456 as decimal(4,1))", "cast('123.456' as decimal(5,2))", "cast(1.5D as decimal(3,2))",
    "cast(array(1,2) as string)", "cast(map(1,'a') as string)", "cast(named_struct('a',1,'b',null) as string)", "cast(cast('ab' as binary) as string)", "cast(1.5 as decimal(10,2))", "cast(cast(1.25 as decimal(10,2)) as int)",
    "cast(128 as tinyint)", "cast(127 as tinyint)", "cast(1.5e10 as int)", "cast(cast('NaN' as double) as int)", "cast('2024-01-02T03:04:05Z' as timestamp)", "cast(' 2024-01-02' as date)",
    "try_cast('abc' as int)", "cast(cast(1.5 as decimal(10,2)) as double)", "cast('0x10' as int)", "cast('+5' as int)", "cast('5.' as int)", "cast('.5' as double)", "cast('1_000' as int)", "cast(true as string)", "cast(date'2024-01-02' as int)",
    "'abc' like 'a%'", "'a_c' like 'a\\\\_c'", "'abc' rlike 'b'", "'abc' like 'A%'",
    "typeof(sum(1))", "rand(1)", "uuid() is not null",
]

for e in EXPRS:
    try:
        row = spark.sql(f"SELECT {e} AS v").collect()[0]
        t = spark.sql(f"SELECT {e} AS v").schema.fields[0].dataType.simpleString()
        v = row[0]
        print(f"{e}\t{t}\t{v!r}", flush=True)
    except Exception as ex:
        cls = getattr(ex, "getCondition", lambda: None)() or type(ex).__name__
        msg = str(ex).split("\n")[0][:300]
        print(f"{e}\tERROR\t{cls}\t{msg}", flush=True)

# aggregate result types
spark.sql("CREATE OR REPLACE TEMP VIEW t AS SELECT * FROM VALUES (1, 2L, 1.5D, cast(1.5 as decimal(10,2)), 'a', true), (null, null, null, null, null, false) AS t(i, l, d, dec, s, b)")
AGGS = ["count(i)", "count(*)", "count(distinct i, s)", "sum(i)", "sum(l)", "sum(d)", "sum(dec)", "avg(i)", "avg(dec)", "mean(d)", "min(s)", "max(dec)",
        "first(i)", "last(i, true)", "collect_list(i)", "collect_set(s)", "approx_count_distinct(i)", "stddev(i)", "stddev_pop(d)", "variance(l)", "var_pop(i)",
        "bool_or(b)", "every(b)", "any(b)", "some(b)", "bool_and(b)", "count_if(b)", "sum(distinct i)", "avg(cast(1 as decimal(38,10)))", "sum(cast(1 as decimal(38,10)))",
        "sum(cast(1 as float))", "avg(l)", "stddev_samp(dec)", "var_samp(dec)", "max(b)", "first(i, true)"]
for a in AGGS:
    try:
        df = spark.sql(f"SELECT {a} AS v FROM t")
        f = df.schema.fields[0]
        print(f"AGG {a}\t{f.dataType.simpleString()}\tnullable={f.nullable}\t{df.collect()[0][0]!r}", flush=True)
    except Exception as ex:
        print(f"AGG {a}\tERROR\t{str(ex).splitlines()[0][:200]}", flush=True)

GENS = ["explode(array(1,2))", "explode(map(1,'a'))", "posexplode(array(1,2))", "posexplode(map(1,'a'))", "explode_outer(array())", "inline(array(named_struct('a',1,'b','x')))"]
for g in GENS:
    df = spark.sql(f"SELECT {g}")
    print(f"GEN {g}\t" + ",".join(f"{f.name}:{f.dataType.simpleString()}:{f.nullable}" for f in df.schema.fields) + f"\t{df.collect()!r}", flush=True)

# error messages for type mismatches
for e in ["upper(1)", "length(1)", "split(1, 2)", "abs('a')", "sqrt('4')", "year(1)", "size(1)", "array_contains(1, 1)", "concat_ws(',', 1)", "round('1.5')", "lower(array(1))", "substring(1, 2)", "date_add('2024-01-01', 1.5)", "sum('a')", "avg(s)"]:
    try:
        df = spark.sql(f"SELECT {e} AS v FROM t")
        print(f"MSG {e}\t{df.schema.fields[0].dataType.simpleString()}\t{df.collect()[0][0]!r}", flush=True)
    except Exception as ex:
        print(f"MSG {e}\tERROR\t{str(ex).splitlines()[0][:400]}", flush=True)
spark.stop()
