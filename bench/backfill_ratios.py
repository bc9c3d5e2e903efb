#!/usr/bin/env python3
"""The back-fill ratios of issue 15 from a results file (bench/backfill.sh): per client, de-dup off
against the raw log-batch client (speed, target >= 0.9), de-dup on against off (cost, target <= 1.3)
and the re-run where every point is there against its first run (cost, target <= 0.5). With
several rounds (backfill.sh BENCH_REPS) each case's wall time is its median over the rounds, and
each ratio is also given as its range over the rounds (ratio of the same round's cases).

  backfill_ratios.py RESULTS.jsonl [--workers N]
"""
import argparse
import json
import statistics


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--workers", type=int)
    a = ap.parse_args()
    recs = [json.loads(line) for line in open(a.results) if line.strip()]
    recs = [r for r in recs if r.get("bench") == "backfill"
            and (a.workers is None or r.get("workers", 1) == a.workers)
            and r.get("label") != "warm-up"]
    walls = {}
    for r in recs:  # in file order: one record per case and round
        case = "rerun" if r.get("label") else ("on" if r.get("dedup") else "off")
        key = (r["client"], case if r["client"] not in ("raw", "python") else "-")
        walls.setdefault(key, []).append(r)
    wall = {k: {**v[-1], "wall_s": statistics.median(x["wall_s"] for x in v),
                "rounds": [x["wall_s"] for x in v]} for k, v in walls.items()}
    raw = wall.get(("raw", "-"))
    if not raw:
        print("no raw log-batch case in", a.results)
        return
    pts = raw["points"]
    rounds = len(raw["rounds"])
    print(f"\nback-fill of {pts} points, server workers {a.workers}, {rounds} round(s), medians: "
          f"raw log-batch {raw['wall_s']:.1f} s ({pts / raw['wall_s']:.0f} points/s)")
    py = wall.get(("python", "-"))
    if py:
        print(f"Python log_batch loop {py['wall_s']:.1f} s: {raw['wall_s'] / py['wall_s']:.2f}x raw")

    def ratio(num, den):
        """The ratio of medians, and its range over the rounds when there are several."""
        value = num["wall_s"] / den["wall_s"]
        per_round = [n / d for n, d in zip(num["rounds"], den["rounds"])]
        spread = f" [{min(per_round):.2f}–{max(per_round):.2f}]" if len(per_round) > 1 else ""
        return value, spread

    print("\n| client | de-dup off s | × raw (≥ 0.9) | de-dup on s | on/off (≤ 1.3) "
          "| re-run s | re-run/first (≤ 0.5) | re-run requests |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for client in ("core", "spark", "jdbc"):
        off, on, rerun = (wall.get((client, c)) for c in ("off", "on", "rerun"))
        if not off or not on or not rerun:
            continue
        speed, speed_spread = ratio(raw, off)
        cost, cost_spread = ratio(on, off)
        again, again_spread = ratio(rerun, on)
        mark = lambda ok: "" if ok else " (not met)"
        print(f"| {client} | {off['wall_s']:.1f} | {speed:.2f}{mark(speed >= 0.9)}{speed_spread} "
              f"| {on['wall_s']:.1f} | {cost:.2f}{mark(cost <= 1.3)}{cost_spread} "
              f"| {rerun['wall_s']:.1f} | {again:.2f}{mark(again <= 0.5)}{again_spread} "
              f"| {rerun['server_requests']} |")

if __name__ == "__main__":
    main()
