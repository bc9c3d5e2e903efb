# get-history-bulk requests of our client's shape, fresh connection per request vs kept-alive
# connections (one per thread, as a pool does); server CPU per worker process from /proc.
import json, time, urllib.request, sys, os, threading, http.client
from concurrent.futures import ThreadPoolExecutor
port=int(sys.argv[1]); d=sys.argv[2]; per=int(sys.argv[3]); inflight=int(sys.argv[4]); reps=int(sys.argv[5])
U=f"http://127.0.0.1:{port}"
pgid=os.getpgid(int(open(d+"/server.pid").read()))
def cpus():
    out={}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                st=open(f"/proc/{p}/stat").read().rsplit(")",1)[1].split()
                if int(st[2])==pgid: out[p]=(int(st[11])+int(st[12]))/os.sysconf("SC_CLK_TCK")
            except Exception: pass
    return out
def post(path, body):
    r=urllib.request.Request(U+path, data=json.dumps(body).encode(), headers={"Content-Type":"application/json"})
    return urllib.request.urlopen(r).read()
def fresh(path): return len(urllib.request.urlopen(U+path).read())
local=threading.local()
def kept(path):
    c=getattr(local,"c",None)
    if c is None: c=local.c=http.client.HTTPConnection("127.0.0.1",port)
    c.request("GET",path); r=c.getresponse(); return len(r.read())
exp=json.loads(urllib.request.urlopen(U+"/api/2.0/mlflow/experiments/get-by-name?experiment_name=history").read())["experiment"]["experiment_id"]
ids=sorted(r["info"]["run_id"] for r in json.loads(post("/api/2.0/mlflow/runs/search",{"experiment_ids":[exp],"max_results":1000}))["runs"])
q=lambda rs,k: "/ajax-api/2.0/mlflow/metrics/get-history-bulk?"+"&".join("run_id="+r for r in rs)+"&metric_key="+k+"&max_results=25000"
tasks=[q(ids[i:i+per],k) for k in ("h0","h1","h2","h3","h4") for i in range(0,len(ids),per)]
with ThreadPoolExecutor(8) as ex: list(ex.map(fresh,tasks[:8]))
for rep in range(reps):
  for name,fn in (("fresh",fresh),("kept",kept)):
    local=threading.local()
    c0=cpus(); t0=time.perf_counter()
    with ThreadPoolExecutor(inflight) as ex: list(ex.map(fn,tasks))
    w=time.perf_counter()-t0; c1=cpus()
    per_pid=sorted((c1[p]-c0.get(p,0) for p in c1), reverse=True)
    print(f"{rep} {name:5s} {per} runs/req ({len(tasks)} req) {inflight} in flight: wall {w:.2f} s, server cpu {sum(per_pid):.2f} s, per process {[round(x,1) for x in per_pid if x>0.05]}", flush=True)
