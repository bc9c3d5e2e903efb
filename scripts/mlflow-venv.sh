#!/usr/bin/env bash
# Installs the pinned MLflow release, with its basic-auth server app (the "auth" extra), into a
# virtual environment (reused when present) and prints the path of its python. Used by the tests,
# the demo and the benchmarks. Also installs psycopg 3 (the PostgreSQL driver SQLAlchemy 2.1 uses
# for postgresql:// URIs): tests and benchmarks can run the server on a PostgreSQL store.
# Progress goes to stderr; stdout is the python's path only.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
PSYCOPG_VERSION="${PSYCOPG_VERSION:-3.3.9}"
VENV="${MLFLOW_TABLES_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/venv-mlflow-$MLFLOW_VERSION}"
PIP=(--quiet --disable-pip-version-check)
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import mlflow, sys; sys.exit(0 if mlflow.__version__ == '$MLFLOW_VERSION' else 1)" 2>/dev/null; then
  echo "installing mlflow[auth]==$MLFLOW_VERSION into $VENV (once; about 860 MB, 1-5 minutes)" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install "${PIP[@]}" "mlflow[auth]==$MLFLOW_VERSION" "psycopg[binary]==$PSYCOPG_VERSION" >&2
fi
# A venv from before the auth extra or psycopg was pinned: add them in place (other jobs may be
# using it).
if ! "$VENV/bin/python" -c "import flask_wtf" 2>/dev/null; then
  echo "adding mlflow[auth]==$MLFLOW_VERSION (the basic-auth server app) to $VENV" >&2
  "$VENV/bin/pip" install "${PIP[@]}" "mlflow[auth]==$MLFLOW_VERSION" >&2
fi
if ! "$VENV/bin/python" -c "import psycopg" 2>/dev/null; then
  echo "adding psycopg[binary]==$PSYCOPG_VERSION (PostgreSQL stores) to $VENV" >&2
  "$VENV/bin/pip" install "${PIP[@]}" "psycopg[binary]==$PSYCOPG_VERSION" >&2
fi
echo "$VENV/bin/python"
