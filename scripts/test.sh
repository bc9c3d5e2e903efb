#!/usr/bin/env bash
# Runs every test: installs what it needs (Maven via ./mvnw, the pinned MLflow in a venv), then
# builds all modules and runs unit and integration tests against real MLflow servers it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/mlflow-venv.sh >/dev/null
exec ./mvnw -B -ntp verify "$@"
