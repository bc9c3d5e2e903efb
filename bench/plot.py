#!/usr/bin/env python3
"""Plots issue 15's jobs: wall time against data size, one panel per job (scan: runs; history:
points read; back-fill: points written), one line per client (back-fill: per client and de-dup
case), server set-up and store (medians of the timed rounds): colour by client, solid for 4
workers and dotted for 1, circles for SQLite and squares for PostgreSQL. Reads come from
bench/reads.sh results, back-fill from bench/backfill.sh results; any number of results files.
Uses matplotlib from the MLflow venv (scripts/mlflow-venv.sh installs it with mlflow).

  plot.py RESULTS.jsonl... OUT.png
"""
import json
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

UNITS = {"scan": "runs (runs table)", "history": "metric points (full history)",
         "back-fill": "metric points written"}


def series(rec):
    """(job, client label, data size) of a timed result, or None for warm-ups and other benches."""
    if rec.get("bench") == "reads" and rec.get("rep", 1) != 0:
        return rec["job"], rec["client"], rec["data"]
    if rec.get("bench") == "backfill" and rec.get("label") != "warm-up":
        case = ("re-run" if rec.get("label") else "de-dup on" if rec.get("dedup")
                else "de-dup off" if rec.get("dedup") is not None else "")
        jvm = "(warm JVM)" if rec.get("warm_steps", 0) > 0 else ""
        return "back-fill", " ".join(p for p in (rec["client"], case, jvm) if p), rec["points"]
    return None


def main():
    files, out = sys.argv[1:-1], sys.argv[-1]
    lines = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for f in files:
        for line in open(f):
            if not line.strip():
                continue
            rec = json.loads(line)
            s = series(rec)
            if s:
                job, client, size = s
                # back-fill records before 2026-12-06 carry no store: they ran on SQLite
                key = (client, rec["workers"], rec.get("store", "sqlite"))
                lines[job][key][size].append(rec["wall_s"])
    jobs = [j for j in UNITS if j in lines]
    most = max(len(lines[j]) for j in jobs)  # the legends go below the panels: room for them
    fig, axes = plt.subplots(1, len(jobs), figsize=(6.5 * len(jobs), 4.8 + 0.07 * most),
                             squeeze=False)
    for ax, job in zip(axes[0], jobs):
        clients = sorted({c for c, _, _ in lines[job]})
        colours = plt.cm.tab10 if len(clients) <= 10 else plt.cm.tab20
        for (client, workers, store), by_size in sorted(lines[job].items()):
            xs = sorted(by_size)
            ys = [statistics.median(by_size[x]) for x in xs]
            ax.plot(xs, ys, "-" if workers > 1 else ":", color=colours(clients.index(client)),
                    marker="o" if store == "sqlite" else "s",
                    label=f"{client}, {workers} worker{'s' if workers > 1 else ''}, {store}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(UNITS[job])
        ax.set_ylabel("wall time, s (median)")
        ax.set_title(f"{job}: wall time against data size")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=6, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.14))
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
