#!/usr/bin/env bash
# Installs PySpark (the Spark release the project builds against, spark.version in pom.xml) into a
# virtual environment of its own (reused when present) and prints the path of its python. Used by
# the PySpark example's test; stock PySpark is how Python users run the connector jar (--jars).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${PYSPARK_VERSION:-}" ]; then
  PYSPARK_VERSION="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
fi
[ -n "$PYSPARK_VERSION" ] || { echo "cannot read spark.version from $ROOT/pom.xml" >&2; exit 1; }
VENV="${PYSPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/venv-pyspark-$PYSPARK_VERSION}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(0 if pyspark.__version__ == '$PYSPARK_VERSION' else 1)" 2>/dev/null; then
  echo "installing pyspark==$PYSPARK_VERSION into $VENV" >&2
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION" >&2
fi
echo "$VENV/bin/python"
