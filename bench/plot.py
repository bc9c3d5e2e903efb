#!/usr/bin/env python3
"""Plots issue 15's read jobs (bench/reads.sh results): wall time against data size, one panel per
job (scan: runs; history: points), one line per client, server set-up and store (medians of the
timed rounds): colour by client, solid for 4 workers and dotted for 1, circles for SQLite and
squares for PostgreSQL. Uses matplotlib from the MLflow venv (scripts/mlflow-venv.sh installs it with mlflow).

  plot.py RESULTS.jsonl OUT.png
"""
import json
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

UNITS = {"scan": "runs (runs table)", "history": "metric points (full history)"}


def main():
    recs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    recs = [r for r in recs if r.get("bench") == "reads" and r.get("rep", 1) != 0]
    jobs = [j for j in ("scan", "history") if any(r["job"] == j for r in recs)]
    fig, axes = plt.subplots(1, len(jobs), figsize=(6.5 * len(jobs), 4.8), squeeze=False)
    for ax, job in zip(axes[0], jobs):
        lines = defaultdict(lambda: defaultdict(list))
        for r in recs:
            if r["job"] == job:
                lines[(r["client"], r["workers"], r["store"])][r["data"]].append(r["wall_s"])
        clients = sorted({c for c, _, _ in lines})
        for (client, workers, store), by_size in sorted(lines.items()):
            xs = sorted(by_size)
            ys = [statistics.median(by_size[x]) for x in xs]
            # colour: client; line: workers (solid: the default 4); marker: store
            ax.plot(xs, ys, "-" if workers > 1 else ":", color=f"C{clients.index(client)}",
                    marker="o" if store == "sqlite" else "s",
                    label=f"{client}, {workers} worker{'s' if workers > 1 else ''}, {store}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(UNITS[job])
        ax.set_ylabel("wall time, s (median)")
        ax.set_title(f"{job}: wall time against data size")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)
    print(f"wrote {sys.argv[2]}")


if __name__ == "__main__":
    main()
