#!/usr/bin/env python3
"""Counts a data set through the server's REST API and checks it against its manifest (exit 1 if
not): runs data set: search-runs over all experiments, every page of 1 000, counting runs and each
run's metrics, params and tags; history data set: search-runs of the experiment (its runs and their
latest metrics, which must be at the last step) and the full get-metric-history of the first and
last run, every key.

  python bench/count-data.py --uri http://127.0.0.1:5711 --manifest DIR/manifest-runs.json
"""
import argparse
import json
import sys
import time
from collections import Counter

import requests

from mlflow_pages import every_item

API = "/api/2.0/mlflow/"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--uri", required=True)
    ap.add_argument("--manifest", required=True)
    a = ap.parse_args()
    m = json.load(open(a.manifest))
    s = requests.Session()
    uri = a.uri.rstrip("/")
    t0 = time.time()
    n_req = 0

    def post(ep, body):
        nonlocal n_req
        n_req += 1
        r = s.post(uri + API + ep, json=body, timeout=1800)
        r.raise_for_status()
        return r.json()

    def get(ep, params):
        nonlocal n_req
        n_req += 1
        r = s.get(uri + API + ep, params=params, timeout=600)
        r.raise_for_status()
        return r.json()

    exps = list(every_item(lambda b: post("experiments/search", b), {"max_results": 1000},
                           "experiments"))
    if m["kind"] == "runs":
        ids = [e["experiment_id"] for e in exps if e["name"].startswith("bench-")]
    else:
        ids = [e["experiment_id"] for e in exps if e["name"] == m.get("name", "history")]
    runs = 0
    shapes = Counter()
    per_exp = Counter()
    last_steps = Counter()
    names = []
    for run in every_item(lambda b: post("runs/search", b),
                          {"experiment_ids": ids, "max_results": 1000}, "runs"):
        runs += 1
        d = run["data"]
        shapes[(len(d.get("metrics", [])), len(d.get("params", [])), len(d.get("tags", [])))] += 1
        per_exp[run["info"]["experiment_id"]] += 1
        names.append((run["info"]["run_name"], run["info"]["run_id"]))
        for x in d.get("metrics", []):
            last_steps[x["step"]] += 1
    ok = runs == m["generated_runs"]
    rows = [("runs (search-runs, every page)", m["generated_runs"], runs)]
    if m["kind"] == "runs":
        want = (m["metrics"], m["params"], m["tags"] + 1)  # + mlflow.runName
        rows.append(("runs with metrics/params/tags = %d/%d/%d" % want, runs, shapes[want]))
        rows.append(("experiments with runs", m["experiments"], len(per_exp)))
        ok &= shapes[want] == runs and len(per_exp) == m["experiments"]
        points = sum(k[0] * v for k, v in shapes.items())
        rows.append(("metric values (one step each)", m["points"], points))
        ok &= points == m["points"]
    else:
        want_latest = runs * m["keys"]
        rows.append((f"latest metrics at step {m['steps'] - 1}", want_latest, last_steps[m["steps"] - 1]))
        ok &= last_steps[m["steps"] - 1] == want_latest
        names.sort()
        for name, rid in (names[0], names[-1]):
            pts = 0
            for k in range(m["keys"]):
                pts += sum(1 for _ in every_item(lambda p: get("metrics/get-history", p), {
                    "run_id": rid, "metric_key": f"h{k}", "max_results": 25000}, "metrics"))
            rows.append((f"points of {name} (get-metric-history, every key)", m["keys"] * m["steps"], pts))
            ok &= pts == m["keys"] * m["steps"]
    print(f"\n{m['kind']} data set through the server ({uri}; {n_req} requests, "
          f"{time.time() - t0:.0f} s):")
    print("| count | manifest | server |")
    print("|---|---:|---:|")
    for what, want, got in rows:
        print(f"| {what} | {want} | {got} |")
    print("OK" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
