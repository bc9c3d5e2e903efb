# Which uvicorn worker serves a read's parallel requests, by how its connections are opened.
# 5 get-history-bulk requests (20 runs x 1 key, 20 000 points each) at once, on a 4-worker server.
import json, os, sys, time, threading, http.client, urllib.request
PORT = int(sys.argv[1]); PGID = int(sys.argv[2]); REPS = int(sys.argv[3])
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
def fetch(conn, path):
    conn.request("GET", path); r = conn.getresponse(); r.read()
def run(mode):
    conns = [http.client.HTTPConnection("127.0.0.1", PORT) for _ in paths]
    if mode == "sequential":
        for c in conns:
            c.connect(); time.sleep(0.002)
    elif mode == "burst":
        b = threading.Barrier(len(conns))
        def go(c): b.wait(); c.connect()
        ts = [threading.Thread(target=go, args=(c,)) for c in conns]; [t.start() for t in ts]; [t.join() for t in ts]
    # mode "on-send": each thread connects when it sends (as a pool opening connections on demand)
    before = procs_cpu(); t0 = time.perf_counter()
    ts = [threading.Thread(target=fetch, args=(c, p)) for c, p in zip(conns, paths)]
    [t.start() for t in ts]; [t.join() for t in ts]
    wall = time.perf_counter() - t0; after = procs_cpu()
    d = sorted((after.get(p, 0) - before.get(p, 0) for p in after), reverse=True)
    for c in conns: c.close()
    return wall, d[0] / max(1e-9, sum(d)), sum(d)
modes = ["burst", "on-send", "sequential"]
res = {m: [] for m in modes}
for rep in range(REPS):
    for m in modes:
        time.sleep(6)  # past uvicorn's 5 s keep-alive: no connection kept from before
        res[m].append(run(m))
for m in modes:
    w = sorted(r[0] for r in res[m]); s = sorted(r[1] for r in res[m])
    print(f"{m:10s} wall median {w[len(w)//2]:.2f} s [{w[0]:.2f}-{w[-1]:.2f}], busiest share median {s[len(s)//2]:.2f}, rounds with share > 0.8: {sum(x > 0.8 for x in s)} of {len(s)}; shares {[round(x,2) for x in (r[1] for r in res[m])]}")
