#!/usr/bin/env bash
# Installs mlflow-export-import (Databricks Labs, PyPI) into a virtual environment of its own, next
# to (never inside) the project's pinned MLflow venv (scripts/mlflow-venv.sh), since it may want
# another mlflow; prints the venv's bin directory. First try: mlflow==3.17.2 beside
# mlflow-export-import (whichever version pip resolves with it); if pip cannot, the latest
# mlflow-export-import with the mlflow it asks for. Plus tabulate, which its 1.2.0 (PyPI's latest)
# imports without declaring it. bin/.pins records what was installed.
# Progress and pip's errors go to stderr; exit 1 when neither installs.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
VENV="${BENCH_EXPORT_IMPORT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/venv-export-import}"
PIP=(--quiet --disable-pip-version-check)
if [ -f "$VENV/bin/.pins" ] && "$VENV/bin/python" -c "import tabulate, mlflow_export_import" 2>/dev/null; then
  echo "$VENV/bin"; exit 0
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
echo "installing mlflow==$MLFLOW_VERSION mlflow-export-import into $VENV" >&2
if ! "$VENV/bin/pip" install "${PIP[@]}" "mlflow==$MLFLOW_VERSION" mlflow-export-import tabulate >&2; then
  echo "pip cannot install mlflow-export-import beside mlflow==$MLFLOW_VERSION; trying its latest version with the mlflow it asks for" >&2
  "$VENV/bin/pip" install "${PIP[@]}" mlflow-export-import tabulate >&2 || { echo "mlflow-export-import does not install" >&2; exit 1; }
fi
"$VENV/bin/pip" freeze 2>/dev/null | grep -i -E '^(mlflow|mlflow-export-import|mlflow-skinny|tabulate)==' > "$VENV/bin/.pins"
cat "$VENV/bin/.pins" >&2
echo "$VENV/bin"
