#!/usr/bin/env python3
"""The Python side of the benchmarks: MLflow's own Python client and a raw `requests` loop, measured
like the JVM side (bench/java, class Bench): wall time, requests in the server's access log,
response bytes, this process's CPU (getrusage), the server's CPU (/proc, its process group).
Each case prints one JSON line and appends it to --out.

  py_bench.py --uri URI --server-dir DIR [--out FILE] scan --reps 3 --clients search_runs,raw
  py_bench.py ... history --experiment-id ID [--reps 1]
  py_bench.py ... backfill --ids FILE --keys 5 --steps 1000 --in-flight 8
"""
import argparse
import json
import os
import resource
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

BASE_START_MS = 1_700_000_000_000
CLK_TCK = os.sysconf("SC_CLK_TCK")

# Count response bytes of every requests call (MLflow's Python client uses requests).
_bytes = [0]
_lock = threading.Lock()
_orig_send = requests.Session.send


def _counting_send(self, request, **kw):
    r = _orig_send(self, request, **kw)
    n = len(r.content) if not kw.get("stream") else 0
    with _lock:
        _bytes[0] += n
    return r


requests.Session.send = _counting_send


class Probe:
    def __init__(self, server_dir):
        self.dir = server_dir
        self.pgid = int(open(os.path.join(server_dir, "server.pid")).read().strip()) if server_dir else -1

    def requests(self):
        if not self.dir:
            return -1
        with open(os.path.join(self.dir, "server.log"), errors="replace") as f:
            return sum(1 for line in f if 'HTTP/1.1" ' in line or '" 200' in line)

    def server_cpu(self):
        ticks = 0
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            try:
                stat = open(f"/proc/{p}/stat").read()
            except OSError:
                continue
            f = stat[stat.rindex(")") + 2:].split(" ")
            if int(f[2]) == self.pgid:
                ticks += int(f[11]) + int(f[12])
        return ticks / CLK_TCK

    def snap(self):
        ru = resource.getrusage(resource.RUSAGE_SELF)
        return (time.perf_counter(), self.requests(), self.server_cpu(), ru.ru_utime + ru.ru_stime,
                _bytes[0])


def emit(out, bench, client, before, after, **extra):
    rec = {"bench": bench, "client": client}
    rec.update(extra)
    rec.update({"wall_s": round(after[0] - before[0], 3), "server_requests": after[1] - before[1],
                "server_cpu_s": round(after[2] - before[2], 3),
                "client_cpu_s": round(after[3] - before[3], 3), "bytes": after[4] - before[4],
                "load": " ".join(f"{x:.2f}" for x in os.getloadavg())})
    line = json.dumps(rec)
    print(line, flush=True)
    if out:
        with open(out, "a") as f:
            f.write(line + "\n")


# ---- a. full scan ------------------------------------------------------------------------------

def scan_search_runs(uri):
    import mlflow  # imported before the timer started (see cmd_scan)
    mlflow.set_tracking_uri(uri)
    df = mlflow.search_runs(search_all_experiments=True)
    return len(df)


def scan_raw(uri, page):
    s = requests.Session()
    api = uri + "/api/2.0/mlflow/"
    exps = s.post(api + "experiments/search", json={"max_results": 50000}).json()["experiments"]
    ids = [e["experiment_id"] for e in exps]
    token, pages = None, 0
    while True:
        body = {"experiment_ids": ids, "max_results": page}
        if token:
            body["page_token"] = token
        r = s.post(api + "runs/search", json=body)
        r.raise_for_status()
        pages += 1
        # only the token: the last field of the document
        tail = r.content[-1024:].decode("utf-8", "replace")
        i = tail.rfind('"next_page_token"')
        if i < 0:
            return -1
        q1 = tail.index('"', tail.index(":", i) + 1)
        token = tail[q1 + 1:tail.index('"', q1 + 1)]


def cmd_scan(a, probe):
    import mlflow  # noqa: F401  (import time is not the scan's)
    for rep in range(1, a.reps + 1):
        for c in a.clients.split(","):
            before = probe.snap()
            if c == "search_runs":
                rows = scan_search_runs(a.uri)
            elif c == "raw-py":
                rows = scan_raw(a.uri, 50000)
            elif c.startswith("raw-py-p"):  # raw-py-p1000, raw-py-p10000, ...
                rows = scan_raw(a.uri, int(c[len("raw-py-p"):]))
            else:
                raise SystemExit(f"unknown client {c}")
            emit(a.out, "scan", c, before, probe.snap(), rep=rep, rows=rows)


# ---- c. metric history -------------------------------------------------------------------------

def cmd_history(a, probe):
    from mlflow.tracking import MlflowClient
    MlflowClient(a.uri)
    for rep in range(1, a.reps + 1):
        before = probe.snap()
        c = MlflowClient(a.uri)
        runs = c.search_runs([a.experiment_id], max_results=50000)
        points = 0
        for run in runs:
            for key in sorted(run.data.metrics):
                points += len(c.get_metric_history(run.info.run_id, key))
        emit(a.out, "history", "python-get_metric_history", before, probe.snap(), rep=rep,
             rows=points, runs=len(runs))


# ---- d. back-fill ------------------------------------------------------------------------------

def value(r, k, s):
    import math
    return math.sin(r * 1000.0 + k * 10.0 + s * 0.001)


def cmd_backfill(a, probe):
    """MLflow's Python client: a log_batch loop, one task per (run, key), 1 000 points a call
    (log-batch's maximum), --in-flight calls at once. Keys as bench/java's: the ids file's name,
    then b0, b1, ..."""
    from mlflow.entities import Metric  # imported before the timer starts
    from mlflow.tracking import MlflowClient
    ids = [x for x in open(a.ids).read().split() if x]
    prefix = os.path.basename(a.ids).removesuffix(".ids") + "-"
    tasks = [(r, k) for r in range(len(ids)) for k in range(a.keys)]
    c = MlflowClient(a.uri)

    def send(t):
        r, k = t
        ms = [Metric(f"{prefix}b{k}", value(r, k, s), BASE_START_MS + s, s) for s in range(a.steps)]
        for i in range(0, len(ms), 1000):
            c.log_batch(ids[r], metrics=ms[i:i + 1000], synchronous=True)

    before = probe.snap()
    with ThreadPoolExecutor(a.in_flight) as pool:
        list(pool.map(send, tasks))
    emit(a.out, "backfill", "python", before, probe.snap(), points=len(ids) * a.keys * a.steps,
         runs=len(ids), in_flight=a.in_flight, dedup=None, label=a.label,
         workers=int(os.environ.get("BENCH_WORKERS") or 1),
         store=os.environ.get("BENCH_STORE") or "sqlite")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--uri", required=True)
    ap.add_argument("--server-dir")
    ap.add_argument("--out")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scan")
    s.add_argument("--reps", type=int, default=3)
    s.add_argument("--clients", default="search_runs,raw-py")
    h = sub.add_parser("history")
    h.add_argument("--experiment-id", required=True)
    h.add_argument("--reps", type=int, default=1)
    b = sub.add_parser("backfill")
    b.add_argument("--ids", required=True)
    b.add_argument("--keys", type=int, default=5)
    b.add_argument("--steps", type=int, default=1000)
    b.add_argument("--in-flight", type=int, default=4)
    b.add_argument("--label", default="")
    a = ap.parse_args()
    probe = Probe(a.server_dir)
    {"scan": cmd_scan, "history": cmd_history, "backfill": cmd_backfill}[a.cmd](a, probe)


if __name__ == "__main__":
    main()
