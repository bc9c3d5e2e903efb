#!/usr/bin/env python3
"""Issue 18's copy benchmark (bench/copy.sh): what a copy landed, and the table.

  copy_results.py record --out RESULTS --client C --source URI --target URI --experiment NAME \\
      --wall S --server-requests N [--export-s S --import-s S]
      reads the experiment's runs with their params, user tags and every key's full metric
      history from the source and from the target through the REST API, and appends one JSON
      line: bench "copy", client, runs and points (the source's), target_runs, target_points,
      exact (true when the target holds the same runs, by run name, with the same params, tags
      and points (key, step, timestamp, value), and nothing more), times_kept (the same start
      time, end time and status per run as well), wall_s, server_requests and target_writes (the
      target's requests and its create/update/log requests during the copy), load. A broken copy
      shows as exact=false (and in the table), never as a time alone.
  copy_results.py table RESULTS
      per size: the wall time of each client, what the target holds, and export-import's wall time
      over CopyServer's. One run on one server: indicative on a loaded machine.
"""
import argparse
import hashlib
import json
import os
import sys

import requests

API = "/api/2.0/mlflow/"
# tags a copier sets for itself (MLflow's system tags, CopyServer's source run id, export-import's)
OWN_TAG_PREFIXES = ("mlflow.", "mlflowtables.", "mlflow_exim.", "mlflow_export_import")


def post(s, uri, endpoint, body):
    r = s.post(uri + API + endpoint, json=body, timeout=300)
    r.raise_for_status()
    return r.json()


def read(uri, experiment):
    """For the experiment NAME at URI: run name -> digests of its params, user tags and points;
    run name -> its (start time, end time, status); the number of points."""
    s = requests.Session()
    r = s.get(uri + API + "experiments/get-by-name", params={"experiment_name": experiment},
              timeout=60)
    if r.status_code == 404 or (r.status_code == 400 and "RESOURCE_DOES_NOT_EXIST" in r.text):
        return {}, {}, 0
    r.raise_for_status()
    exp = r.json()["experiment"]["experiment_id"]
    runs, token = [], None
    while True:
        body = {"experiment_ids": [exp], "max_results": 1000}
        if token:
            body["page_token"] = token
        page = post(s, uri, "runs/search", body)
        runs += page.get("runs", [])
        token = page.get("next_page_token")
        if not token:
            break
    digests, times, points = {}, {}, 0
    for run in runs:
        data = run.get("data", {})
        history = []
        for m in data.get("metrics", []):
            token = None
            while True:
                q = {"run_id": run["info"]["run_id"], "metric_key": m["key"], "max_results": 25000}
                if token:
                    q["page_token"] = token
                r = s.get(uri + API + "metrics/get-history", params=q, timeout=300)
                r.raise_for_status()
                page = r.json()
                history += [(p["key"], int(p.get("step", 0)), int(p["timestamp"]), p["value"])
                            for p in page.get("metrics", [])]
                token = page.get("next_page_token")
                if not token:
                    break
        points += len(history)
        content = (sorted((p["key"], p["value"]) for p in data.get("params", [])),
                   sorted((t["key"], t["value"]) for t in data.get("tags", [])
                          if not t["key"].startswith(OWN_TAG_PREFIXES)),
                   sorted(history))
        info = run["info"]
        name = info.get("run_name", "")
        digests.setdefault(name, []).append(hashlib.sha256(repr(content).encode()).hexdigest())
        times.setdefault(name, []).append(
            (int(info.get("start_time", 0)), int(info.get("end_time", 0)), info.get("status")))
    return ({name: sorted(d) for name, d in digests.items()},
            {name: sorted(t) for name, t in times.items()}, points)


def record(a):
    src, src_times, src_points = read(a.source, a.experiment)
    tgt, tgt_times, tgt_points = read(a.target, a.experiment)
    runs = lambda d: sum(len(v) for v in d.values())
    rec = {"bench": "copy", "client": a.client, "runs": runs(src), "points": src_points,
           "target_runs": runs(tgt), "target_points": tgt_points, "exact": src == tgt,
           "times_kept": src_times == tgt_times, "wall_s": round(a.wall, 3),
           "server_requests": a.server_requests, "target_writes": a.writes,
           "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    if a.export_s is not None:
        rec.update({"export_s": round(a.export_s, 3), "import_s": round(a.import_s, 3)})
    line = json.dumps(rec)
    print(line, flush=True)
    with open(a.out, "a") as f:
        f.write(line + "\n")


CLIENTS = ("copyserver", "copyserver-rerun", "export-import")


def table(a):
    recs = [json.loads(line) for line in open(a.results) if line.strip()]
    by_size = {}
    for r in recs:  # the last record of each case counts
        if r.get("bench") == "copy":
            by_size.setdefault((r["runs"], r["points"]), {})[r["client"]] = r
    if not by_size:
        print("no copy records in", a.results)
        return
    print("\n| runs | points | client | wall s | export s | import s | target runs | target points "
          "| exact | times kept | target requests | of them writes |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---|---|---:|---:|")
    for (runs, points), cases in sorted(by_size.items()):
        for c in CLIENTS:
            r = cases.get(c)
            if r:
                print(f"| {runs} | {points} | {c} | {r['wall_s']:.1f} | {r.get('export_s', '')} "
                      f"| {r.get('import_s', '')} | {r['target_runs']} | {r['target_points']} "
                      f"| {'yes' if r['exact'] else 'NO'} | {'yes' if r['times_kept'] else 'no'} "
                  f"| {r['server_requests']} | {r['target_writes']} |")
    print("\n| runs | points | CopyServer s | CopyServer re-run s | export-import s "
          "| export-import / CopyServer |")
    print("|---:|---:|---:|---:|---:|---:|")
    for (runs, points), cases in sorted(by_size.items()):
        cs, rerun, ei = (cases.get(c) for c in CLIENTS)
        cell = lambda r: f"{r['wall_s']:.1f}" + ("" if r["exact"] else " (not exact)") if r else "-"
        ratio = f"{ei['wall_s'] / cs['wall_s']:.2f}" if cs and ei and cs["exact"] and ei["exact"] \
            else "-"
        print(f"| {runs} | {points} | {cell(cs)} | {cell(rerun)} | {cell(ei)} | {ratio} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("--out", required=True)
    r.add_argument("--client", required=True, choices=CLIENTS)
    r.add_argument("--source", required=True)
    r.add_argument("--target", required=True)
    r.add_argument("--experiment", required=True)
    r.add_argument("--wall", type=float, required=True)
    r.add_argument("--server-requests", type=int, required=True)
    r.add_argument("--writes", type=int, required=True)
    r.add_argument("--export-s", type=float)
    r.add_argument("--import-s", type=float)
    t = sub.add_parser("table")
    t.add_argument("results")
    a = ap.parse_args()
    {"record": record, "table": table}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
