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
           1 000 points a request (MLflow's log-batch maximum); PARAMS params and TAGS tags a run
           (default none; bench/copy.sh's source has some).
  backfill RUNS empty runs in experiment NAME (targets for the back-fill benchmark); prints their
           ids to --ids-out.

Two modes, same data:
  --uri URI            through the REST API of a running server (create-run + log-batch, in
                       parallel); run ids are the server's. ~9 runs/s on a one-worker server.
  --direct-sqlite DB   straight into the SQLite database of a STOPPED MLflow 3.17.2 server whose
                       schema the server created (start it once on an empty directory, stop it):
                       the rows the server's SqlAlchemyStore writes for the same create-run and
                       log-batch requests (experiments; runs; tags incl. mlflow.runName; params;
                       metrics; latest_metrics), with sqlite3 executemany in one transaction.
                       Run ids are uuid4 hex drawn from a Random(seed) of their own, so they are
                       the same every time. bench/check-direct.sh checks that the server answers
                       the same for both modes. ~100 000 runs a minute.

Prints a table: what, runs, requests, seconds, runs/s, points/s. Writes DIR/manifest.json when
--manifest DIR is given (the benchmarks read it to know what the db holds).

  python bench/generate.py --uri http://127.0.0.1:5711 runs --runs 10000
  python bench/generate.py --direct-sqlite DIR/mlflow.db runs --runs 100000
"""
import argparse
import json
import os
import random
import sqlite3
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import uuid

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


def history_extras(seed, i, n_params, n_tags):
    """The params and tags of history run i (drawn apart from its points, which stay as they were
    without them)."""
    _, _, params, tags = run_content(seed + 1, i, 0, n_params + 1, n_tags)
    return params[:-1], tags


def gen_history(rest, a):
    exp = experiment(rest, a.name)

    def one(i):
        start = BASE_START_MS + i * 1000
        rnd = random.Random(a.seed * 1_000_003 + i)
        params, tags = history_extras(a.seed, i, a.params, a.tags)
        run = rest.post("runs/create", {"experiment_id": exp, "run_name": f"hist-{i:05d}",
                                        "start_time": start, "tags": tags})
        run_id = run["run"]["info"]["run_id"]
        points = [{"key": f"h{k}", "value": rnd.random(), "timestamp": start + s, "step": s}
                  for k in range(a.keys) for s in range(a.steps)]
        if params:  # a request of their own: log-batch takes 1 000 items, points and params together
            rest.post("runs/log-batch", {"run_id": run_id, "params": params})
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


class Direct:
    """Writes what the server's SqlAlchemyStore (mlflow 3.17.2) writes for create-experiment,
    create-run (no user id, tags + mlflow.runName) and log-batch, into a stopped server's SQLite db.
    The artifact root is taken from the Default experiment the server made (ARTIFACT_ROOT/0)."""

    def __init__(self, db, seed):
        if not os.path.exists(db):
            raise SystemExit(f"{db}: no such database (start the server once on its directory)")
        self.db = sqlite3.connect(db, isolation_level=None)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("PRAGMA cache_size = -500000")
        row = self.db.execute("SELECT artifact_location FROM experiments WHERE experiment_id = 0"
                              ).fetchone()
        if row is None:
            raise SystemExit(f"{db}: no Default experiment: not a database the server created")
        self.artifact_root = row[0].rsplit("/", 1)[0]
        self.ids = random.Random(seed)  # run ids: uuid4 hex of their own seeded stream
        self.requests = 0  # for the table: none
        self.db.execute("BEGIN")
        self.rows = {}

    def run_id(self):
        return uuid.UUID(int=self.ids.getrandbits(128), version=4).hex

    def experiment(self, name):
        row = self.db.execute("SELECT experiment_id FROM experiments WHERE name = ? AND "
                              "workspace = 'default'", (name,)).fetchone()
        if row:
            return str(row[0])
        now = int(time.time() * 1000)
        cur = self.db.execute(
            "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, "
            "last_update_time, workspace) VALUES (?, NULL, 'active', ?, ?, 'default')",
            (name, now, now))
        eid = cur.lastrowid
        self.db.execute("UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?",
                        (f"{self.artifact_root}/{eid}", eid))
        return str(eid)

    def add(self, table, rows):
        self.rows.setdefault(table, []).extend(rows)
        if len(self.rows[table]) >= 200_000:
            self.flush()  # all tables, runs first (foreign keys)

    SQL = {
        "runs": "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, "
                "user_id, status, start_time, end_time, source_version, lifecycle_stage, "
                "artifact_uri, experiment_id, deleted_time) VALUES "
                "(?, ?, 'UNKNOWN', '', '', '', 'RUNNING', ?, NULL, '', 'active', ?, ?, NULL)",
        "tags": "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)",
        "params": "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)",
        "metrics": "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) "
                   "VALUES (?, ?, ?, ?, ?, 0)",
        "latest_metrics": "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, "
                          "run_uuid) VALUES (?, ?, ?, ?, 0, ?)",
    }
    ORDER = ("runs", "tags", "params", "metrics", "latest_metrics")

    def flush(self):
        for t in self.ORDER:
            if self.rows.get(t):
                self.db.executemany(self.SQL[t], self.rows[t])
                self.rows[t] = []

    def create_run(self, exp, run_name, start, tags):
        """create-run: the run row, then its tags with mlflow.runName appended (as the store)."""
        rid = self.run_id()
        self.add("runs", [(rid, run_name, start, f"{self.artifact_root}/{exp}/{rid}/artifacts",
                           int(exp))])
        self.add("tags", [(t["key"], t["value"], rid) for t in tags]
                 + [("mlflow.runName", run_name, rid)])
        return rid

    def log_batch(self, rid, metrics=(), params=()):
        """log-batch of metrics without duplicates: each point, and latest_metrics with the
        greatest (step, timestamp, value) per key, as _update_latest_metrics_if_necessary."""
        self.add("params", [(p["key"], p["value"], rid) for p in params])
        self.add("metrics", [(m["key"], m["value"], m["timestamp"], rid, m["step"])
                             for m in metrics])
        latest = {}
        for m in metrics:
            cur = latest.get(m["key"])
            if cur is None or (m["step"], m["timestamp"], m["value"]) > \
                    (cur["step"], cur["timestamp"], cur["value"]):
                latest[m["key"]] = m
        self.add("latest_metrics", [(k, m["value"], m["timestamp"], m["step"], rid)
                                    for k, m in latest.items()])

    def close(self):
        self.flush()
        self.db.execute("COMMIT")
        self.db.close()


def direct_runs(d, a):
    exps = [d.experiment(f"bench-{e:02d}") for e in range(a.experiments)]
    for i in range(a.runs):
        start, metrics, params, tags = run_content(a.seed, i, a.metrics, a.params, a.tags)
        rid = d.create_run(exps[i % len(exps)], f"run-{i:06d}", start, tags)
        d.log_batch(rid, metrics, params)
        progress(a, i + 1, a.runs)
    d.close()
    return a.runs, a.runs * a.metrics


def direct_history(d, a):
    exp = d.experiment(a.name)
    for i in range(a.runs):
        start = BASE_START_MS + i * 1000
        rnd = random.Random(a.seed * 1_000_003 + i)
        params, tags = history_extras(a.seed, i, a.params, a.tags)
        rid = d.create_run(exp, f"hist-{i:05d}", start, tags)
        points = [{"key": f"h{k}", "value": rnd.random(), "timestamp": start + s, "step": s}
                  for k in range(a.keys) for s in range(a.steps)]
        d.log_batch(rid, points, params)
        progress(a, i + 1, a.runs)
    d.close()
    return a.runs, a.runs * a.keys * a.steps


T0 = time.time()


def progress(a, done, n):
    if a.progress and done % a.progress == 0:
        el = time.time() - T0
        print(f"  {done}/{n} runs, {done / el:.1f} runs/s", file=sys.stderr, flush=True)


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
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--uri", help="REST mode: the server to write through")
    mode.add_argument("--direct-sqlite", metavar="DB",
                      help="direct mode: the SQLite db of a stopped server (runs and history)")
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
    h.add_argument("--params", type=int, default=0)
    h.add_argument("--tags", type=int, default=0)
    b = sub.add_parser("backfill")
    b.add_argument("--runs", type=int, default=200)
    b.add_argument("--name", default="backfill")
    b.add_argument("--ids-out")
    a = ap.parse_args()

    global T0
    t0 = T0 = time.time()
    if a.direct_sqlite:
        if a.kind == "backfill":
            raise SystemExit("backfill targets are made through REST (the benchmark's server runs)")
        rest = Direct(a.direct_sqlite, a.seed)
        n, points = {"runs": direct_runs, "history": direct_history}[a.kind](rest, a)
    else:
        rest = Rest(a.uri)
        n, points = {"runs": gen_runs, "history": gen_history,
                     "backfill": gen_backfill}[a.kind](rest, a)
    el = time.time() - t0
    load = os.getloadavg()
    how = "direct sqlite" if a.direct_sqlite else f"REST, {a.threads} threads"
    print(f"| data set | mode | runs | points | requests | seconds | runs/s | points/s | load (1/5/15 min) |")
    print(f"|---|---|---:|---:|---:|---:|---:|---:|---|")
    print(f"| {a.kind} | {how} | {n} | {points} | {rest.requests} | {el:.1f} | {n / el:.1f} "
          f"| {points / el:.0f} | {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} |")
    if a.manifest:
        m = {k: v for k, v in vars(a).items()
             if k not in ("uri", "direct_sqlite", "manifest", "progress", "ids_out")
             and not (a.direct_sqlite and k == "threads")}
        m.update({"mode": "direct-sqlite" if a.direct_sqlite else "rest", "generated_runs": n, "points": points, "requests": rest.requests,
                  "seconds": round(el, 1), "load": [round(x, 2) for x in load]})
        with open(os.path.join(a.manifest, f"manifest-{a.kind}.json"), "w") as f:
            json.dump(m, f, indent=2)


if __name__ == "__main__":
    main()
