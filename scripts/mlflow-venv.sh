#!/usr/bin/env bash
# Installs the pinned MLflow release, with its basic-auth server app (the "auth" extra), into a
# virtual environment (reused when present) and prints the path of its python. Used by the tests,
# the demo and the benchmarks. Progress goes to stderr; stdout is the python's path only.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
VENV="${MLFLOW_TABLES_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/venv-mlflow-$MLFLOW_VERSION}"
PIP=(--quiet --disable-pip-version-check)
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import mlflow, sys; sys.exit(0 if mlflow.__version__ == '$MLFLOW_VERSION' else 1)" 2>/dev/null; then
  echo "installing mlflow[auth]==$MLFLOW_VERSION into $VENV (once; about 860 MB, 1-5 minutes)" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install "${PIP[@]}" "mlflow[auth]==$MLFLOW_VERSION" >&2
elif ! "$VENV/bin/python" -c "import flask_wtf" 2>/dev/null; then
  # A venv from before the auth extra was pinned: add it in place (other jobs may be using it).
  echo "adding mlflow[auth]==$MLFLOW_VERSION (the basic-auth server app) to $VENV" >&2
  "$VENV/bin/pip" install "${PIP[@]}" "mlflow[auth]==$MLFLOW_VERSION" >&2
fi
echo "$VENV/bin/python"
