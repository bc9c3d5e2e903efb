import json, time, urllib.request, sys, os
from concurrent.futures import ThreadPoolExecutor
port=int(sys.argv[1]); d=sys.argv[2]
U=f"http://127.0.0.1:{port}"
pgid=os.getpgid(int(open(d+"/server.pid").read()))
def cpu():
    t=0
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                st=open(f"/proc/{p}/stat").read().rsplit(")",1)[1].split()
                if int(st[2])==pgid: t+=int(st[11])+int(st[12])
            except Exception: pass
    return t/os.sysconf("SC_CLK_TCK")
def post(path, body):
    r=urllib.request.Request(U+path, data=json.dumps(body).encode(), headers={"Content-Type":"application/json"})
    return urllib.request.urlopen(r).read()
def get(path): return len(urllib.request.urlopen(U+path).read())
exp=json.loads(urllib.request.urlopen(U+"/api/2.0/mlflow/experiments/get-by-name?experiment_name=history").read())["experiment"]["experiment_id"]
ids=sorted(r["info"]["run_id"] for r in json.loads(post("/api/2.0/mlflow/runs/search",{"experiment_ids":[exp],"max_results":1000}))["runs"])
q=lambda rs,k: "/ajax-api/2.0/mlflow/metrics/get-history-bulk?"+"&".join("run_id="+r for r in rs)+"&metric_key="+k+"&max_results=25000"
per=int(sys.argv[3]) if len(sys.argv)>3 else 24
tasks=[q(ids[i:i+per],k) for k in ("h0","h1","h2","h3","h4") for i in range(0,len(ids),per)]
# warm every worker
with ThreadPoolExecutor(8) as ex: list(ex.map(get,tasks[:8]))
for rep in range(2):
  for inflight in (2,4,8,16):
    c0=cpu(); t0=time.perf_counter()
    with ThreadPoolExecutor(inflight) as ex: list(ex.map(get,tasks))
    print(f"{per} runs/req ({len(tasks)} req), {inflight:2d} in flight: wall {time.perf_counter()-t0:.2f} s, server cpu {cpu()-c0:.2f} s", flush=True)
