# Two parallel search-runs streams (start_time halves, pages of 1 000 runs), as a 2-partition Spark
# scan reads: kept-alive connections (one per stream, as a pool keeps them) against a fresh
# connection per page; the server's CPU per worker process from /proc, and which processes served.
import json, time, sys, os, http.client
from concurrent.futures import ThreadPoolExecutor
port=int(sys.argv[1]); d=sys.argv[2]; reps=int(sys.argv[3]); streams=int(sys.argv[4]) if len(sys.argv)>4 else 2
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
def call(conn, body):
    conn.request("POST","/api/2.0/mlflow/runs/search",json.dumps(body),{"Content-Type":"application/json"})
    r=conn.getresponse(); return json.loads(r.read())
c=http.client.HTTPConnection("127.0.0.1",port)
c.request("POST","/api/2.0/mlflow/experiments/search",json.dumps({"max_results":1000}),{"Content-Type":"application/json"})
ids=[e["experiment_id"] for e in json.loads(c.getresponse().read())["experiments"]]
first=call(c,{"experiment_ids":ids,"max_results":1,"order_by":["attributes.start_time ASC"]})["runs"][0]["info"]["start_time"]
last=call(c,{"experiment_ids":ids,"max_results":1,"order_by":["attributes.start_time DESC"]})["runs"][0]["info"]["start_time"]
c.close()
width=(last-first)//streams+1
def stream(i, fresh):
    lo=first+i*width; body={"experiment_ids":ids,"max_results":1000,"filter":f"attributes.start_time >= {lo} AND attributes.start_time < {lo+width}"}
    conn=None; n=0
    while True:
        if conn is None or fresh:
            if conn: conn.close()
            conn=http.client.HTTPConnection("127.0.0.1",port)
        page=call(conn, body); n+=len(page.get("runs",[]))
        if not page.get("next_page_token"): break
        body=dict(body, page_token=page["next_page_token"])
    conn.close(); return n
for rep in range(reps):
    for mode in (("kept","fresh") if rep%2==0 else ("fresh","kept")):
        c0=cpus(); t0=time.perf_counter()
        with ThreadPoolExecutor(streams) as ex: n=sum(ex.map(lambda i: stream(i, mode=="fresh"), range(streams)))
        w=time.perf_counter()-t0; c1=cpus()
        per=sorted((c1[p]-c0.get(p,0) for p in c1), reverse=True)
        tot=sum(per)
        print(f"{rep} {mode:5s} {n} runs, {streams} streams: wall {w:.1f} s, server cpu {tot:.1f} s, wall/(cpu/2) {w/(tot/2):.2f}, per process {[round(x,1) for x in per if x>0.2]}", flush=True)
