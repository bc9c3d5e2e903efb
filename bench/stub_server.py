#!/usr/bin/env python3
"""A loopback stand-in for MLflow's search endpoints, for the heap benchmark: it serves N runs
made from a page recorded from the real server (bench/data/search-runs-page.json.gz), each copy with
its own run id and start time (BASE + index ms), in MLflow's own JSON layout (indent 2).
It honours what core's scan sends: max_results, page_token (an offset) and the keyset filter
"attributes.start_time >= T" with order_by start_time ASC. Only for runs/search and
experiments/search. Lets a JVM scan 100 000 real-shaped runs without generating them on a server.

  stub_server.py --port 5799 --runs 100000 [--page bench/data/search-runs-page.json.gz]
"""
import argparse
import gzip
import json
import os
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BASE = 1_600_000_000_000
HERE = os.path.dirname(os.path.abspath(__file__))


def templates(page_file):
    opener = gzip.open if page_file.endswith(".gz") else open
    with opener(page_file, "rt") as f:
        runs = json.load(f)["runs"]
    out = []
    for run in runs:
        rid = run["info"]["run_id"]
        run["info"]["start_time"] = 4242424242424
        text = json.dumps(run, indent=2)
        text = "\n".join("    " + line for line in text.split("\n"))
        text = text.replace(rid, "{RID}").replace("4242424242424", "{START}")
        out.append(text)
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    runs = 0
    tmpl = []

    def log_message(self, fmt, *args):  # one line per request, like uvicorn's access log
        print(f'"{self.command} {self.path} HTTP/1.1" {args[1] if len(args) > 1 else ""}',
              flush=True)

    def send_json(self, text):
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        req = json.loads(self.rfile.read(n) or b"{}")
        if self.path.endswith("/experiments/search"):
            exps = [{"experiment_id": str(i), "name": f"bench-{i:02d}", "artifact_location": "/a",
                     "lifecycle_stage": "active", "creation_time": BASE, "last_update_time": BASE}
                    for i in range(1, 21)]
            self.send_json(json.dumps({"experiments": exps}, indent=2))
            return
        if not self.path.endswith("/runs/search"):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        start = 0
        m = re.search(r"start_time\s*>=\s*(\d+)", req.get("filter") or "")
        if m:
            start = max(0, int(m.group(1)) - BASE)
        offset = int(req.get("page_token") or 0)
        size = int(req.get("max_results") or 1000)
        first = start + offset
        last = min(self.runs, first + size)
        print(f"  runs/search max_results={size} filter={req.get('filter')!r} "
              f"page_token={req.get('page_token')!r} -> runs {first}..{last - 1}", flush=True)
        parts = []
        for i in range(first, last):
            t = self.tmpl[i % len(self.tmpl)]
            parts.append(t.replace("{RID}", f"{i:032x}").replace("{START}", str(BASE + i)))
        text = '{\n  "runs": [\n' + ",\n".join(parts) + "\n  ]"
        if last < self.runs:
            text += f',\n  "next_page_token": "{offset + (last - first)}"'
        self.send_json(text + "\n}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--page", default=os.path.join(HERE, "data", "search-runs-page.json.gz"))
    a = ap.parse_args()
    Handler.runs = a.runs
    Handler.tmpl = templates(a.page)
    ThreadingHTTPServer(("127.0.0.1", a.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
