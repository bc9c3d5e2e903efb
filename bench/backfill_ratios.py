#!/usr/bin/env python3
"""The back-fill ratios of issue 15 from a results file (bench/backfill.sh): per client, de-dup off
against the raw log-batch client (speed, target >= 0.9), de-dup on against off (cost, target <= 1.3)
and the re-run where every point is there against its first run (cost, target <= 0.5). Wall times
of one run on one server: indicative on a loaded machine.

  backfill_ratios.py RESULTS.jsonl [--workers N]
"""
import argparse
import json


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--workers", type=int)
    a = ap.parse_args()
    recs = [json.loads(line) for line in open(a.results) if line.strip()]
    recs = [r for r in recs if r.get("bench") == "backfill"
            and (a.workers is None or r.get("workers", 1) == a.workers)]
    wall = {}
    for r in recs:  # the last record of each case counts
        case = "rerun" if r.get("label") else ("on" if r.get("dedup") else "off")
        wall[(r["client"], case if r["client"] not in ("raw", "python") else "-")] = r
    raw = wall.get(("raw", "-"))
    if not raw:
        print("no raw log-batch case in", a.results)
        return
    pts = raw["points"]
    print(f"\nback-fill of {pts} points, server workers {a.workers}: raw log-batch "
          f"{raw['wall_s']:.1f} s ({pts / raw['wall_s']:.0f} points/s)")
    py = wall.get(("python", "-"))
    if py:
        print(f"Python log_batch loop {py['wall_s']:.1f} s: {raw['wall_s'] / py['wall_s']:.2f}x raw")
    print("\n| client | de-dup off s | × raw (≥ 0.9) | de-dup on s | on/off (≤ 1.3) "
          "| re-run s | re-run/first (≤ 0.5) | re-run requests |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for client in ("core", "spark", "jdbc"):
        off, on, rerun = (wall.get((client, c)) for c in ("off", "on", "rerun"))
        if not off or not on or not rerun:
            continue
        speed = raw["wall_s"] / off["wall_s"]
        cost = on["wall_s"] / off["wall_s"]
        again = rerun["wall_s"] / on["wall_s"]
        mark = lambda ok: "" if ok else " (not met)"
        print(f"| {client} | {off['wall_s']:.1f} | {speed:.2f}{mark(speed >= 0.9)} "
              f"| {on['wall_s']:.1f} | {cost:.2f}{mark(cost <= 1.3)} | {rerun['wall_s']:.1f} "
              f"| {again:.2f}{mark(again <= 0.5)} | {rerun['server_requests']} |")


if __name__ == "__main__":
    main()
