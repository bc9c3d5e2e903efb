# Do kept-alive connections reused from read to read (as one JVM's OkHttp pool does) pin a read's
# requests to the workers that once accepted them? Reads of 5 get-history-bulk requests at once
# (20 runs x 1 key, 20 000 points each) on a 4-worker server, back to back (< uvicorn's 5 s
# keep-alive, so pooled connections survive), three ways: a pool of 5 connections kept from read to
# read; connections new for each read; a new connection for each request. Busiest process's share
# of the server's CPU per read.
import json, os, sys, time, threading, http.client, urllib.request
PORT = int(sys.argv[1]); PGID = int(sys.argv[2]); READS = int(sys.argv[3])
U = f"http://127.0.0.1:{PORT}"
def procs_cpu():
    out = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                st = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
                if int(st[2]) == PGID: out[p] = (int(st[11]) + int(st[12])) / os.sysconf("SC_CLK_TCK")
            except Exception: pass
    return out
def post(path, body):
    r = urllib.request.Request(U + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    return urllib.request.urlopen(r).read()
exp = json.loads(urllib.request.urlopen(U + "/api/2.0/mlflow/experiments/get-by-name?experiment_name=history").read())["experiment"]["experiment_id"]
ids = sorted(r["info"]["run_id"] for r in json.loads(post("/api/2.0/mlflow/runs/search", {"experiment_ids": [exp], "max_results": 1000}))["runs"])
paths = ["/ajax-api/2.0/mlflow/metrics/get-history-bulk?" + "&".join("run_id=" + r for r in ids) + f"&metric_key=h{k}&max_results=25000" for k in range(5)]
def fetch(conn, path, close):
    conn.request("GET", path, headers={"Connection": "close"} if close else {}); r = conn.getresponse(); r.read()
    if close: conn.close()
def read(conns, close):
    before = procs_cpu(); t0 = time.perf_counter()
    ts = [threading.Thread(target=fetch, args=(c, p, close)) for c, p in zip(conns, paths)]
    [t.start() for t in ts]; [t.join() for t in ts]
    wall = time.perf_counter() - t0; after = procs_cpu()
    d = sorted((after.get(p, 0) - before.get(p, 0) for p in after), reverse=True)
    return wall, d[0] / max(1e-9, sum(d))
def new(): return [http.client.HTTPConnection("127.0.0.1", PORT) for _ in paths]
for mode in ["kept from read to read", "new for each read", "new for each request"]:
    time.sleep(6)
    pool = new(); res = []
    for i in range(READS):
        if mode == "kept from read to read": res.append(read(pool, False))
        elif mode == "new for each read":
            conns = new(); res.append(read(conns, False)); [c.close() for c in conns]
        else: res.append(read(new(), True))
        time.sleep(1)
    [c.close() for c in pool]
    w = sorted(r[0] for r in res); s = [round(r[1], 2) for r in res]
    print(f"{mode:24s} wall median {w[len(w)//2]:.2f} s [{w[0]:.2f}-{w[-1]:.2f}], shares {s}, > 0.8 in {sum(x > 0.8 for x in s)} of {len(s)}")
