#!/usr/bin/env python3
"""Turns the JSON lines the benchmarks wrote (bench/java Bench, bench/py_bench.py) and JMH's JSON
result into the Markdown tables of docs/benchmarks.md. Medians over repetitions; the range
(min-max) of wall times is shown where there were several.

  report.py RESULTS.jsonl [--jmh jmh.json]
"""
import argparse
import json
import re
import statistics
from collections import defaultdict


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def f(x, nd=2):
    if x is None:
        return "—"
    if isinstance(x, float) and x.is_integer() and abs(x) >= 1:
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def mb(b):
    return "—" if b is None or b < 0 else f"{b / 1048576:.1f}"


def wall_cell(recs):
    ws = sorted(r["wall_s"] for r in recs)
    m = med(ws)
    return f"{m:.2f}" + (f" ({ws[0]:.2f}–{ws[-1]:.2f})" if len(ws) > 1 else "")


def loads(recs):
    return ", ".join(sorted({r["load"].split()[0] for r in recs}))


def group(recs, *keys):
    g = defaultdict(list)
    for r in recs:
        g[tuple(r.get(k) for k in keys)].append(r)
    return g


def known(recs, field):
    vals = [r.get(field) for r in recs if r.get(field) is not None and r.get(field) >= 0]
    return med(vals)


SCAN_NAMES = {
    "raw": "raw HTTP loop, Java (ceiling; page 50 000)",
    "raw-p1000": "raw HTTP loop, Java (page 1 000)",
    "raw-py": "raw HTTP loop, Python requests (page 50 000)",
    "raw-py-p1000": "raw HTTP loop, Python requests (page 1 000)",
    "raw-p10000": "raw HTTP loop, Java (ceiling; page 10 000)",
    "raw-py-p10000": "raw HTTP loop, Python requests (page 10 000)",
    "core": "mlflow-tables core scan (default page)",
    "core-p1000": "mlflow-tables core scan, pageSize=1000",
    "jdbc": "mlflow-tables JDBC `SELECT * FROM runs`, streamed",
    "spark-count": "mlflow-tables Spark `count()`",
    "spark-noop": "mlflow-tables Spark full materialisation (noop sink)",
    "mlflow-java": "MLflow Java client 2.17.2 `searchRuns` paging (page 50 000)",
    "mlflow-java-p1000": "MLflow Java client 2.17.2 `searchRuns` paging (page 1 000)",
    "mlflow-java-p10000": "MLflow Java client 2.17.2 `searchRuns` paging (page 10 000)",
    "search_runs": "MLflow Python `mlflow.search_runs` → pandas",
}


def scan_table(recs):
    g = group(recs, "client")
    # the ceiling: the Java raw loop at its page (50 000 in runs 1-2, 10 000 in run 3)
    ceil = next((c for c in ("raw", "raw-p10000") if (c,) in g), "raw")
    ceiling = med([r["wall_s"] for r in g.get((ceil,), [])])
    py = med([r["wall_s"] for r in g.get(("search_runs",), [])])
    bytes_by_req = {}
    print("| client | rows | wall s, median (range) | × ceiling | × faster than search_runs "
          "| requests (server log) | MB received | client CPU s | client CPU % of wall "
          "| server CPU s | load (1 min) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    order = [c for c in SCAN_NAMES if (c,) in g] + [k[0] for k in g if k[0] not in SCAN_NAMES]
    for c in order:
        rs = g[(c,)]
        w = med([r["wall_s"] for r in rs])
        rows = known(rs, "rows")
        cpu = med([r["client_cpu_s"] for r in rs])
        print(f"| {SCAN_NAMES.get(c, c)} | {f(rows)} | {wall_cell(rs)} "
              f"| {f(w / ceiling) if ceiling else '—'} | {f(py / w) if py else '—'} "
              f"| {f(med([r['server_requests'] for r in rs]))} | {mb(known(rs, 'bytes'))} "
              f"| {f(cpu)} | {f(100 * cpu / w, 0)} % | {f(med([r['server_cpu_s'] for r in rs]))} "
              f"| {loads(rs)} |")


def selective_table(recs):
    g = group(recs, "client", "pushDown")
    print("| client | push-down | matching rows | wall s, median (range) | requests (server log) "
          "| MB received | client CPU s | server CPU s | load (1 min) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for (c, p), rs in sorted(g.items(), key=lambda kv: (kv[0][0], not kv[0][1])):
        print(f"| {c} | {'on' if p else 'off (pushDown=false)'} | {f(known(rs, 'rows'))} "
              f"| {wall_cell(rs)} | {f(med([r['server_requests'] for r in rs]))} "
              f"| {mb(known(rs, 'bytes'))} | {f(med([r['client_cpu_s'] for r in rs]))} "
              f"| {f(med([r['server_cpu_s'] for r in rs]))} | {loads(rs)} |")
    plans = {r.get("plan") for r in recs if r.get("plan")}
    for p in sorted(plans):
        print(f"\nplan: `{p}`")


def history_table(recs):
    g = group(recs, "client")
    py = med([r["wall_s"] for r in g.get(("python-get_metric_history",), [])])
    print("| client | points | wall s, median (range) | × faster than the Python loop "
          "| requests (server log) | MB received | client CPU s | server CPU s | load (1 min) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for (c,), rs in g.items():
        w = med([r["wall_s"] for r in rs])
        print(f"| {c} | {f(known(rs, 'rows'))} | {wall_cell(rs)} | {f(py / w) if py else '—'} "
              f"| {f(med([r['server_requests'] for r in rs]))} | {mb(known(rs, 'bytes'))} "
              f"| {f(med([r['client_cpu_s'] for r in rs]))} "
              f"| {f(med([r['server_cpu_s'] for r in rs]))} | {loads(rs)} |")


def backfill_table(recs):
    g = group(recs, "client", "dedup", "label")
    raw = med([r["points"] / r["wall_s"] for r in recs if r["client"] == "raw"])
    py = med([r["points"] / r["wall_s"] for r in recs if r["client"] == "python"])
    print("| client | de-dup | case | points | in flight | wall s | points/s | × raw HTTP "
          "| × Python loop | requests (server log) | client CPU s | server CPU s "
          "| busiest worker's share | load (1 min) |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for (c, d, lab), rs in g.items():
        pps = med([r["points"] / r["wall_s"] for r in rs])
        skipped = known(rs, "points_skipped")
        case = lab or "fresh runs"
        if skipped:
            case += f" ({int(skipped)} points skipped)"
        print(f"| {c} | {'—' if d is None else ('on' if d else 'off')} | {case} "
              f"| {rs[0]['points']} | {rs[0]['in_flight']} | {wall_cell(rs)} | {pps:.0f} "
              f"| {f(pps / raw) if raw else '—'} | {f(pps / py) if py else '—'} "
              f"| {f(med([r['server_requests'] for r in rs]))} "
              f"| {f(med([r['client_cpu_s'] for r in rs]))} "
              f"| {f(med([r['server_cpu_s'] for r in rs]))} | {top_share(rs)} | {loads(rs)} |")


def heap_table(recs):
    print("| server | runs scanned | page size | rows | requests | MB received | max live heap (sampled full GC), MB "
          "| max heap after any GC, MB | peak heap used, MB | -Xmx MB | outcome | wall s | client CPU s | load (1 min) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|")
    for r in sorted(recs, key=lambda r: (r.get("label", ""), str(r["page_size"]), r["expected_runs"])):
        print(f"| {r.get('label', '')} | {r['expected_runs']} | {r['page_size']} | {r['rows']} | {r['client_requests']} "
              f"| {mb(r['bytes'])} | {r.get('max_live_sampled_mb', float('nan')):.0f} | {r['max_heap_after_gc_mb']:.0f} | {r['peak_heap_used_mb']:.0f} "
              f"| {r['xmx_mb']} | {r['error'] or 'ok'} | {r['wall_s']:.2f} | {r['client_cpu_s']:.2f} "
              f"| {r['load'].split()[0]} |")


# issue 15: each mlflow-tables client against the raw client it is measured against
READS_REF = {("scan", "spark"): "raw-split", ("scan", "jdbc"): "raw-stream",
             ("history", "spark"): "raw-bulk", ("history", "jdbc"): "raw-bulk"}
# also measured against, where the results have it: a raw client that decodes what it reads
READS_REF_ALSO = {("history", "spark"): "raw-bulk-decode", ("history", "jdbc"): "raw-bulk-decode"}
READS_NAMES = {
    ("scan", "raw-split"): "raw client, start_time split, WORKERS streams at once",
    ("scan", "spark"): "Spark, runs table, noop sink (every column)",
    ("scan", "raw-stream"): "raw client, one stream",
    ("scan", "jdbc"): "JDBC `SELECT * FROM runs`, every column (`scanStreams`: 2 by default since c8abff3, one before; -sN sets it)",
    ("history", "raw-bulk"): "raw client, get-history-bulk, <= 25 000 points a request, WORKERS in flight",
    ("history", "raw-bulk-decode"): "the same, every point decoded (Jackson's streaming parser)",
    ("history", "spark"): "Spark, metrics table of the experiment, noop sink",
    ("history", "jdbc"): "JDBC `SELECT * FROM metrics WHERE experiment_id = ...`",
}
READS_TARGET = 0.9


def base(client):
    """A connector client without its settings suffixes (-pN, -mifN, -partsN, -sN: Reads.java)."""
    return re.sub(r"-(p|mif|parts|s)\d+", "", client)


def refs_of(job, client):
    """The raw clients a client is measured against: its target's, then the others it has."""
    refs = [READS_REF.get((job, base(client))), READS_REF_ALSO.get((job, base(client)))]
    streams = re.search(r"-s(\d+)", client)
    if job == "scan" and base(client) == "jdbc" and streams and int(streams.group(1)) > 1:
        refs.append("raw-split")  # a JDBC scan of several streams, against the raw ones
    return [r for r in refs if r]


def reads_name(job, client):
    name = READS_NAMES.get((job, base(client)), client)
    return name if base(client) == client else f"{name}; {client}"


def timed(recs):
    return [r for r in recs if r.get("rep", 1) != 0]  # rep 0 is the warm-up round


def per_round(ref_recs, recs):
    """Ratios of the same round (the server drifts between rounds): median [min-max]."""
    ref = {r["rep"]: r["wall_s"] for r in ref_recs}
    rs = [ref[r["rep"]] / r["wall_s"] for r in recs if r["rep"] in ref]
    return f"{med(rs):.2f} [{min(rs):.2f}–{max(rs):.2f}]" if rs else "—"


ONE_WORKER = 0.8  # the busiest server process's share of the server's CPU above which one worker served


def top_share(recs):
    """The busiest server process's share of the server's CPU (Probe, since 2026-12-07, day):
    median, and how many cases one worker served nearly alone."""
    shares = [r["server_top_process_cpu_s"] / r["server_cpu_s"] for r in recs
              if r.get("server_top_process_cpu_s") is not None and r.get("server_cpu_s", 0) > 0]
    if not shares:
        return "—"
    return f"{med(shares):.2f} ({sum(s > ONE_WORKER for s in shares)} of {len(shares)} > {ONE_WORKER})"


def reads_table(recs):
    recs = timed(recs)
    for (store, workers, job), rs in sorted(group(recs, "store", "workers", "job").items(),
                                            key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2])):
        for size, srs in sorted(split_sizes(rs).items()):
            unit = "runs" if job == "scan" else "points"
            print(f"\n#### {job}: {size} {unit}, {store}, {workers} worker(s)\n")
            print("| client | rows | wall s, median (range) | × raw (speed) | requests (server log) "
                  "| client CPU s | server CPU s | busiest worker's share | load (1 min) |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
            g = group(srs, "client")
            for (c,), crs in g.items():
                w = med([r["wall_s"] for r in crs])
                ref = READS_REF.get((job, base(c)))
                rw = med([r["wall_s"] for r in g.get((ref,), [])]) if ref else None
                ratio = f"{rw / w:.2f} × ({ref})" if rw else "—"
                print(f"| {reads_name(job, c)} | {f(known(crs, 'rows'))} "
                      f"| {wall_cell(crs)} | {ratio} | {f(med([r['server_requests'] for r in crs]))} "
                      f"| {f(med([r['client_cpu_s'] for r in crs]))} "
                      f"| {f(med([r['server_cpu_s'] for r in crs]))} | {top_share(crs)} "
                      f"| {loads(crs)} |")
    print("\n#### targets (speed ratio against the raw client, ≥ 0.9)\n")
    print("| job | client | against | data | store | workers | ratio | per round: median [range] "
          "| met? |")
    print("|---|---|---|---:|---|---:|---:|---:|---|")
    for (store, workers, job), rs in sorted(group(recs, "store", "workers", "job").items(),
                                            key=lambda kv: (kv[0][2], kv[0][0], -kv[0][1])):
        for size, srs in sorted(split_sizes(rs).items()):
            g = group(srs, "client")
            for (c,) in g:
                for ref in refs_of(job, c):
                    if (ref,) not in g:
                        continue
                    ratio = (med([r["wall_s"] for r in g[(ref,)]])
                             / med([r["wall_s"] for r in g[(c,)]]))
                    print(f"| {job} | {c} | {ref} | {size} | {store} | {workers} | {ratio:.2f} "
                          f"| {per_round(g[(ref,)], g[(c,)])} "
                          f"| {'yes' if ratio >= READS_TARGET else 'no'} |")
    print("\n#### wall time (s, median) against data size\n")
    for job in ("scan", "history"):
        jrs = [r for r in recs if r["job"] == job]
        if not jrs:
            continue
        by_size = split_sizes(jrs)
        cols = sorted(by_size)
        unit = "runs" if job == "scan" else "points"
        print(f"\n{job}:\n")
        print("| client | store | workers | " + " | ".join(f"{c} {unit}" for c in cols) + " |")
        print("|---|---|---:|" + "---:|" * len(cols))
        for (c, store, workers), _ in sorted(group(jrs, "client", "store", "workers").items()):
            cells = []
            for size in cols:
                ws = [r["wall_s"] for r in by_size[size] if r["client"] == c
                      and r["store"] == store and r["workers"] == workers]
                cells.append(f"{med(ws):.2f}" if ws else "—")
            print(f"| {c} | {store} | {workers} | " + " | ".join(cells) + " |")


def stream_table(recs):
    print("| followed runs | trigger | points | median latency ms | p90 latency ms | micro-batches "
          "| requests per micro-batch (server log) | of them by the driver | load (1 min) |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for r in sorted(recs, key=lambda r: r["followed_runs"]):
        print(f"| {r['followed_runs']} | {r['trigger']} | {r['points_seen']}/{r['points']} "
              f"| {r['median_latency_ms']} | {r['p90_latency_ms']} | {r['micro_batches']} "
              f"| {f(r['requests_per_batch'])} | {f(r['driver_requests_per_batch'])} "
              f"| {r['load']} |")


def split_sizes(recs):
    """Records by the size of the data set they read (runs for scan, points for history)."""
    out = defaultdict(list)
    for r in recs:
        out[r["data"]].append(r)
    return out


def jmh_table(path):
    data = json.load(open(path))
    print("| benchmark | rows/s per core (±99.9 % CI) | µs per row | load |")
    print("|---|---:|---:|---|")
    for b in data:
        m = b["primaryMetric"]
        name = b["benchmark"].rsplit(".", 1)[-1]
        err = m.get("scoreError")
        err = f" ± {err:,.0f}" if isinstance(err, float) and err == err else ""
        print(f"| {name} | {m['score']:,.0f}{err} | {1e6 / m['score']:.2f} | {b.get('load', '')} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--jmh")
    a = ap.parse_args()
    recs = [json.loads(line) for line in open(a.results) if line.strip()]
    by = defaultdict(list)
    for r in recs:
        by[r["bench"]].append(r)
    for name, fn in (("scan", scan_table), ("selective", selective_table),
                     ("history", history_table), ("backfill", backfill_table),
                     ("heap", heap_table), ("reads", reads_table),
                     ("stream", stream_table)):
        if by.get(name):
            print(f"\n### {name}\n")
            fn(by[name])
    if a.jmh:
        print("\n### jmh\n")
        jmh_table(a.jmh)


if __name__ == "__main__":
    main()
