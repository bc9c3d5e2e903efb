#!/usr/bin/env python3
"""Compares what two MLflow servers answer through the REST API, field by field: one whose data set
generate.py wrote through REST (--a), one whose data set it wrote straight into SQLite (--b).

Asked of both: search-experiments (all), search-runs over all experiments (every page), get-run of
every run, get-metric-history of every run and metric key (every page). Runs are matched by run
name. Ignored: run ids (replaced by <id> wherever they occur, e.g. in artifact_uri), the data
directory (replaced by <dir>), and the times the server assigns (experiments' creation_time and
last_update_time). Everything else, order of the lists included, must be equal.

Prints one line per kind of request (objects compared, differences) and the first differences;
exits 1 if there is any.

  python bench/check_direct.py --a http://127.0.0.1:5731 --a-dir DIR_A --b http://127.0.0.1:5732 --b-dir DIR_B
"""
import argparse
import sys

import requests

from mlflow_pages import every_item

API = "/api/2.0/mlflow/"
SERVER_TIMES = {"creation_time", "last_update_time"}


class Server:
    def __init__(self, uri, data_dir):
        self.uri = uri.rstrip("/")
        self.dir = data_dir.rstrip("/")
        self.s = requests.Session()
        self.ids = {}  # run id -> run name

    def get(self, ep, **params):
        r = self.s.get(self.uri + API + ep, params=params, timeout=300)
        r.raise_for_status()
        return r.json()

    def post(self, ep, body):
        r = self.s.post(self.uri + API + ep, json=body, timeout=300)
        r.raise_for_status()
        return r.json()

    def norm(self, x):
        """Drops server times, replaces run ids and the data directory in every string."""
        if isinstance(x, dict):
            return {k: self.norm(v) for k, v in x.items() if k not in SERVER_TIMES}
        if isinstance(x, list):
            return [self.norm(v) for v in x]
        if isinstance(x, str):
            x = x.replace(self.dir, "<dir>")
            for rid in self.ids:
                if rid in x:
                    x = x.replace(rid, "<id>")
            return x
        return x

    def experiments(self):
        return list(every_item(lambda b: self.post("experiments/search", b),
                               {"max_results": 1000, "view_type": "ALL"}, "experiments"))

    def runs(self, exp_ids):
        return list(every_item(lambda b: self.post("runs/search", b),
                               {"experiment_ids": exp_ids, "max_results": 1000,
                                "run_view_type": "ALL"}, "runs"))

    def history(self, run_id, key):
        return list(every_item(lambda p: self.get("metrics/get-history", **p),
                               {"run_id": run_id, "metric_key": key, "max_results": 25000},
                               "metrics"))


def diff(a, b, path, out):
    if type(a) is not type(b):
        out.append(f"{path}: {a!r} != {b!r}")
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: {'missing in A' if k not in a else 'missing in B'}")
            else:
                diff(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items != {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append(f"{path}: {a!r} != {b!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="server of the REST-made data set")
    ap.add_argument("--a-dir", required=True)
    ap.add_argument("--b", required=True, help="server of the direct-made data set")
    ap.add_argument("--b-dir", required=True)
    ap.add_argument("--show", type=int, default=20, help="differences to print")
    a = ap.parse_args()
    A, B = Server(a.a, a.a_dir), Server(a.b, a.b_dir)
    rows = []  # (what, compared, differences)
    diffs = []

    def compare(what, xa, xb, n):
        d = []
        diff(A.norm(xa), B.norm(xb), what, d)
        rows.append((what, n, len(d)))
        diffs.extend(d)

    ea, eb = A.experiments(), B.experiments()
    compare("search-experiments", sorted(ea, key=lambda e: e["name"]),
            sorted(eb, key=lambda e: e["name"]), len(ea))
    exp_ids = sorted(e["experiment_id"] for e in ea)
    ra, rb = A.runs(exp_ids), B.runs(sorted(e["experiment_id"] for e in eb))
    for S, rs in ((A, ra), (B, rb)):
        S.ids = {r["info"]["run_id"]: r["info"]["run_name"] for r in rs}
    compare("search-runs (all experiments, every page)", ra, rb, len(ra))
    by_name_b = {r["info"]["run_name"]: r["info"]["run_id"] for r in rb}
    n_get = n_hist = points = 0
    get_a, get_b, hist_a, hist_b = [], [], [], []
    for r in ra:
        name, rid_a = r["info"]["run_name"], r["info"]["run_id"]
        rid_b = by_name_b.get(name)
        if rid_b is None:
            diffs.append(f"run {name}: not on B")
            continue
        get_a.append(A.get("runs/get", run_id=rid_a)["run"])
        get_b.append(B.get("runs/get", run_id=rid_b)["run"])
        n_get += 1
        for m in r["data"].get("metrics", []):
            ha, hb = A.history(rid_a, m["key"]), B.history(rid_b, m["key"])
            hist_a.append({"run": name, "key": m["key"], "history": ha})
            hist_b.append({"run": name, "key": m["key"], "history": hb})
            n_hist += 1
            points += len(ha)
    compare("get-run (every run)", get_a, get_b, n_get)
    compare(f"get-metric-history (every run x key; {points} points on A)", hist_a, hist_b, n_hist)

    print("| request | objects compared (A) | differences |")
    print("|---|---:|---:|")
    for what, n, d in rows:
        print(f"| {what} | {n} | {d} |")
    if diffs:
        print(f"\n{len(diffs)} differences; the first {min(len(diffs), a.show)}:")
        for d in diffs[:a.show]:
            print("  " + d)
        sys.exit(1)
    print("\nno differences")


if __name__ == "__main__":
    main()
