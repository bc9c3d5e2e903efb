"""For each query of a JSON file, the run ids MLflow's Python client finds.

    search_runs.py QUERIES.json OUT.json

QUERIES.json: [{"experiment_ids": [...], "filter": "...", "view": "ACTIVE_ONLY"|...}, ...].
OUT.json: one entry per query, {"run_ids": [...]} or {"error": "..."}, in the same order. Each
search follows next_page_token to the end.
"""

import json
import os
import sys
import warnings

# A request the server fails is reported at once, not retried with back-off for minutes.
os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0"

warnings.filterwarnings("ignore")


def main(queries_path, out_path):
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    client = MlflowClient()
    with open(queries_path, encoding="utf-8") as f:
        queries = json.load(f)
    out = []
    for q in queries:
        try:
            ids = []
            token = None
            while True:
                page = client.search_runs(
                    experiment_ids=q["experiment_ids"],
                    filter_string=q["filter"],
                    run_view_type=ViewType.from_string(q["view"].lower()),
                    max_results=50000,
                    page_token=token,
                )
                ids.extend(r.info.run_id for r in page)
                token = page.token
                if not token:
                    break
            out.append({"run_ids": ids})
        except Exception as e:  # reported per query, compared with the Java side
            out.append({"error": f"{type(e).__name__}: {e}"})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
