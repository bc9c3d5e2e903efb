#!/usr/bin/env python3
"""Generates the benchmark data sets on an MLflow server, through the REST API (create-run and
log-batch), in parallel. Seeded: the same arguments give the same names, values, start times and
order of creation (run ids are the server's). Used by every benchmark in bench/.

Data sets:
  runs     EXPERIMENTS experiments ("bench-00".."bench-19") with RUNS runs in all, round robin;
           each run has METRICS metrics (m00.., one point each, values in [0, 1)), PARAMS params
           (p00.., plus "bucket" = "b00".."b99" = run index % 100, for 1 %-selective queries) and
           TAGS tags (t00..). Start times are distinct: BASE + index seconds.
  history  one experiment "history" with RUNS runs, each KEYS keys (h0..) x STEPS steps, logged
           1 000 points a request (MLflow's log-batch maximum).
  backfill RUNS empty runs in experiment NAME (targets for the back-fill benchmark); prints their
           ids to --ids-out.

Prints a table: what, runs, requests, seconds, runs/s, points/s. Writes DIR/manifest.json when
--manifest DIR is given (the benchmarks read it to know what the db holds).

  python bench/generate.py --uri http://127.0.0.1:5711 runs --runs 10000
"""
import argparse
import json
import os
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

BASE_START_MS = 1_700_000_000_000
API = "/api/2.0/mlflow/"


class Rest:
    """One requests.Session per thread; counts requests."""

    def __init__(self, uri):
        self.uri = uri.rstrip("/")
        self.local = threading.local()
        self.lock = threading.Lock()
        self.requests = 0

    def session(self):
        s = getattr(self.local, "s", None)
        if s is None:
            s = requests.Session()
            self.local.s = s
        return s

    def post(self, endpoint, body):
        for attempt in range(6):
            try:
                r = self.session().post(self.uri + API + endpoint, json=body, timeout=300)
            except requests.ConnectionError:
                if attempt == 5:
                    raise
                time.sleep(0.5 * 2**attempt)
                continue
            with self.lock:
                self.requests += 1
            if r.status_code in (429, 500, 502, 503, 504) and attempt < 5:
                time.sleep(0.5 * 2**attempt)
                continue
            if r.status_code != 200:
                raise RuntimeError(f"{endpoint}: {r.status_code} {r.text[:300]}")
            return r.json()


def experiment(rest, name):
    r = rest.session().get(rest.uri + API + "experiments/get-by-name",
                           params={"experiment_name": name}, timeout=60)
    if r.status_code == 200:
        return r.json()["experiment"]["experiment_id"]
    return rest.post("experiments/create", {"name": name})["experiment_id"]


def run_content(seed, i, n_metrics, n_params, n_tags):
    """The metrics, params and tags of run i: a function of (seed, i) only."""
    rnd = random.Random(seed * 1_000_003 + i)
    start = BASE_START_MS + i * 1000
    metrics = [{"key": f"m{k:02d}", "value": rnd.random(), "timestamp": start + 500, "step": 0}
               for k in range(n_metrics)]
    params = [{"key": f"p{k:02d}", "value": f"v{rnd.randrange(1000):03d}"}
              for k in range(n_params - 1)]
    params.append({"key": "bucket", "value": f"b{i % 100:02d}"})
    tags = [{"key": f"t{k:02d}", "value": rnd.choice(("alpha", "beta", "gamma", "delta"))
             + f"-{rnd.randrange(10_000)}"} for k in range(n_tags)]
    return start, metrics, params, tags


def gen_runs(rest, a):
    exps = [experiment(rest, f"bench-{e:02d}") for e in range(a.experiments)]

    def one(i):
        start, metrics, params, tags = run_content(a.seed, i, a.metrics, a.params, a.tags)
        run = rest.post("runs/create", {"experiment_id": exps[i % len(exps)],
                                        "run_name": f"run-{i:06d}", "start_time": start,
                                        "tags": tags})
        run_id = run["run"]["info"]["run_id"]
        rest.post("runs/log-batch", {"run_id": run_id, "metrics": metrics, "params": params})
        return a.metrics

    return parallel(one, a.runs, a.threads, a.progress)


def gen_history(rest, a):
    exp = experiment(rest, a.name)

    def one(i):
        start = BASE_START_MS + i * 1000
        rnd = random.Random(a.seed * 1_000_003 + i)
        run = rest.post("runs/create", {"experiment_id": exp, "run_name": f"hist-{i:05d}",
                                        "start_time": start})
        run_id = run["run"]["info"]["run_id"]
        points = [{"key": f"h{k}", "value": rnd.random(), "timestamp": start + s, "step": s}
                  for k in range(a.keys) for s in range(a.steps)]
        for c in range(0, len(points), 1000):
            rest.post("runs/log-batch", {"run_id": run_id, "metrics": points[c:c + 1000]})
        return len(points)

    return parallel(one, a.runs, a.threads, a.progress)


def gen_backfill(rest, a):
    exp = experiment(rest, a.name)
    ids = [None] * a.runs

    def one(i):
        run = rest.post("runs/create", {"experiment_id": exp, "run_name": f"{a.name}-{i:05d}",
                                        "start_time": BASE_START_MS + i * 1000})
        ids[i] = run["run"]["info"]["run_id"]
        return 0

    out = parallel(one, a.runs, a.threads, a.progress)
    if a.ids_out:
        with open(a.ids_out, "w") as f:
            f.write("\n".join(ids) + "\n")
    return out


def parallel(fn, n, threads, progress):
    done = 0
    points = 0
    t0 = time.time()
    with ThreadPoolExecutor(threads) as pool:
        for p in pool.map(fn, range(n)):
            done += 1
            points += p
            if progress and done % progress == 0:
                el = time.time() - t0
                print(f"  {done}/{n} runs, {done / el:.1f} runs/s", file=sys.stderr, flush=True)
    return n, points


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uri", required=True)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--progress", type=int, default=1000)
    ap.add_argument("--manifest", help="directory to write manifest.json into")
    sub = ap.add_subparsers(dest="kind", required=True)
    r = sub.add_parser("runs")
    r.add_argument("--runs", type=int, default=100_000)
    r.add_argument("--experiments", type=int, default=20)
    r.add_argument("--metrics", type=int, default=20)
    r.add_argument("--params", type=int, default=20)
    r.add_argument("--tags", type=int, default=20)
    h = sub.add_parser("history")
    h.add_argument("--runs", type=int, default=1000)
    h.add_argument("--keys", type=int, default=5)
    h.add_argument("--steps", type=int, default=1000)
    h.add_argument("--name", default="history")
    b = sub.add_parser("backfill")
    b.add_argument("--runs", type=int, default=200)
    b.add_argument("--name", default="backfill")
    b.add_argument("--ids-out")
    a = ap.parse_args()

    rest = Rest(a.uri)
    t0 = time.time()
    n, points = {"runs": gen_runs, "history": gen_history, "backfill": gen_backfill}[a.kind](rest, a)
    el = time.time() - t0
    load = os.getloadavg()
    print(f"| data set | runs | points | requests | threads | seconds | runs/s | points/s | load (1/5/15 min) |")
    print(f"|---|---:|---:|---:|---:|---:|---:|---:|---|")
    print(f"| {a.kind} | {n} | {points} | {rest.requests} | {a.threads} | {el:.1f} | {n / el:.1f} "
          f"| {points / el:.0f} | {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} |")
    if a.manifest:
        m = {k: v for k, v in vars(a).items() if k not in ("uri", "manifest", "progress", "ids_out")}
        m.update({"generated_runs": n, "points": points, "requests": rest.requests,
                  "seconds": round(el, 1), "load": [round(x, 2) for x in load]})
        with open(os.path.join(a.manifest, f"manifest-{a.kind}.json"), "w") as f:
            json.dump(m, f, indent=2)


if __name__ == "__main__":
    main()
