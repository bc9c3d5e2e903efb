import json, time, urllib.request, sys, os, subprocess
from concurrent.futures import ThreadPoolExecutor
U="http://127.0.0.1:5722"
pid=int(open(os.path.expanduser("~/.cache/mlflow-tables/bench/size-5000/history/server.pid")).read())
def cpu():
    # CPU seconds of the server's process group
    out=subprocess.run(["ps","-o","cputimes=","-g",str(os.getpgid(pid))],capture_output=True,text=True).stdout.split()
    return sum(int(x) for x in out)
def cpu_precise():
    t=0
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                st=open(f"/proc/{p}/stat").read().rsplit(")",1)[1].split()
                if int(st[2])==os.getpgid(pid): t+=int(st[11])+int(st[12])
            except Exception: pass
    return t/os.sysconf("SC_CLK_TCK")
def post(path, body):
    r=urllib.request.Request(U+path, data=json.dumps(body).encode(), headers={"Content-Type":"application/json"})
    return urllib.request.urlopen(r).read()
def get(path): return urllib.request.urlopen(U+path).read()
exp=json.loads(get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=history"))["experiment"]["experiment_id"]
ids=sorted(r["info"]["run_id"] for r in json.loads(post("/api/2.0/mlflow/runs/search",{"experiment_ids":[exp],"max_results":1000}))["runs"])
q=lambda rs,k: "/ajax-api/2.0/mlflow/metrics/get-history-bulk?"+"&".join("run_id="+r for r in rs)+"&metric_key="+k+"&max_results=25000"
for per in (20,10):
  tasks=[q(ids[i:i+per],k) for k in ("h0","h1","h2","h3","h4") for i in range(0,20,per)]
  for inflight in (1,2,4,8):
    res=[]
    for rep in range(3):
        c0=cpu_precise(); t0=time.perf_counter()
        with ThreadPoolExecutor(inflight) as ex: list(ex.map(get,tasks))
        res.append((time.perf_counter()-t0, cpu_precise()-c0))
    res.sort()
    print(f"{per:2d} runs/req ({len(tasks)} req), {inflight} in flight: wall {res[1][0]:.2f} s, server cpu {res[1][1]:.2f} s")
