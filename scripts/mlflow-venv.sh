#!/usr/bin/env bash
# Installs the pinned MLflow release into a virtual environment (reused when present) and prints
# the path of its python. Used by the tests, the demo and the benchmarks. Also installs psycopg 3
# (the PostgreSQL driver SQLAlchemy 2.1 uses for postgresql:// URIs): the tests and benchmarks can run the server on a PostgreSQL store.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
PSYCOPG_VERSION="${PSYCOPG_VERSION:-3.3.9}"
VENV="${MLFLOW_TABLES_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/venv-mlflow-$MLFLOW_VERSION}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import mlflow, sys; sys.exit(0 if mlflow.__version__ == '$MLFLOW_VERSION' else 1)" 2>/dev/null; then
  echo "installing mlflow==$MLFLOW_VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION" >&2
fi
if ! "$VENV/bin/python" -c "import psycopg" 2>/dev/null; then
  echo "installing psycopg[binary]==$PSYCOPG_VERSION into $VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "psycopg[binary]==$PSYCOPG_VERSION" >&2
fi
echo "$VENV/bin/python"
