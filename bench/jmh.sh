#!/usr/bin/env bash
# e. Client cost alone (JMH): a recorded real search-runs page (1 000 runs) turned into runs-table
# rows by core's own code, one thread: rows/s per core.
source "$(dirname "$0")/lib.sh"
header "e. JMH: recorded page to rows"
[ -f "$BENCH/data/search-runs-page.json.gz" ] || bash "$BENCH/record-page.sh"
J="$OUT/jmh-$(date +%Y%m%d-%H%M%S).json"
java -cp "$(pinned_cp jmh)" org.openjdk.jmh.Main \
  RunsPageBenchmark -rf json -rff "$J" -jvmArgsAppend "-Dbench.page=$BENCH/data/search-runs-page.json.gz" "$@"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" - "$J" "$LOAD" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for b in d:
    b["load"] = sys.argv[2]
json.dump(d, open(sys.argv[1], "w"), indent=1)
PY
"$PY" "$BENCH/report.py" /dev/null --jmh "$J"
