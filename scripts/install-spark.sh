#!/usr/bin/env bash
# Installs the Apache Spark oracle used to generate the golden expected results
# (scripts/golden/generate_expected.py) into $HOME/.cache/rivulet-spark-venv. Idempotent.
# Needs python3 (with venv) and a Java 17+ runtime on PATH. CI does not need this: it reads
# the committed expected results.
set -euo pipefail

SPARK_VERSION=4.3.0
VENV="$HOME/.cache/rivulet-spark-venv"

if ! command -v java >/dev/null 2>&1; then
    echo "warning: no java on PATH; pyspark needs a Java 17+ runtime (e.g. apt-get install openjdk-17-jre-headless)" >&2
fi

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi

if "$VENV/bin/python" -c "import pyspark, pandas, pyarrow, sys; sys.exit(pyspark.__version__ != '$SPARK_VERSION')" 2>/dev/null; then
    echo "pyspark $SPARK_VERSION already installed in $VENV"
else
    "$VENV/bin/pip" install --upgrade pip
    "$VENV/bin/pip" install "pyspark==$SPARK_VERSION" "pandas>=2.2,<3" pyarrow
fi

"$VENV/bin/python" -c "import pyspark; print('pyspark', pyspark.__version__, 'ready in $VENV')"
