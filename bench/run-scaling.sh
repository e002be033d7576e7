#!/usr/bin/env bash
# Scaling of Weft with the number of worker threads: spawn_many, yield_many and echo (JMH, Weft
# only, throughput mode) and HTTP hello (the examples' server under wrk), each at every worker
# count, each in a fresh JVM. Prints throughput per worker count, the speed-up over one worker
# and the efficiency (speed-up / workers; the goal is >= 0.8, i.e. 0.8x linear).
#
#   bench/run-scaling.sh [out-dir]   (after: mvn -q -B -ntp package -DskipTests -pl runtime,agent,examples,bench -am)
#
# Environment: WORKER_COUNTS (default "1 2 4 8 16"), JAVA (default: java on PATH), JMH_OPTS
# (default "-f 1 -wi 3 -w 1 -i 5 -r 1"), HTTP_DURATION (default 10s), WRK_THREADS (default: as
# many as workers, at most 8), PORT (default 18090). Run it on a machine with at least as many
# cores as the largest worker count; fewer cores measure the machine, not the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/scaling-latest}
WORKER_COUNTS=${WORKER_COUNTS:-"1 2 4 8 16"}
JAVA=${JAVA:-java}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -w 1 -i 5 -r 1"}
HTTP_DURATION=${HTTP_DURATION:-10s}
PORT=${PORT:-18090}
AGENT=$(ls agent/target/weft-agent-*.jar | grep -v -e sources -e javadoc | head -1)
JAR=bench/target/benchmarks.jar
mkdir -p "$OUT"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
FLAGS=""
if [ "${feature%%.*}" -ge 24 ] 2>/dev/null; then
  FLAGS="--sun-misc-unsafe-memory-access=allow"
fi
{
  echo "date: $(date -u +%FT%TZ)  nproc: $(nproc)  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)  git: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"
  echo "worker counts: $WORKER_COUNTS  JMH: $JMH_OPTS  HTTP: wrk -c64 -d$HTTP_DURATION"
} | tee "$OUT/env.txt"
: > "$OUT/raw.txt"
for w in $WORKER_COUNTS; do
  "$JAVA" -jar "$JAR" -jvmArgsAppend "-javaagent:$AGENT $FLAGS -Dweft.bench.workers=$w" $JMH_OPTS \
    -bm thrpt -tu s -p runtime=weft -rf json -rff "$OUT/jmh-$w.json" \
    'dev.weft.bench.workloads.(SpawnMany|YieldMany|Echo)\.' > "$OUT/jmh-$w.txt" 2>&1
  python3 - "$OUT/jmh-$w.json" "$w" >> "$OUT/raw.txt" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1])):
    name = b["benchmark"].split(".")[-2]
    print(name, sys.argv[2], b["primaryMetric"]["score"])
PY
  wt=$(( w < 8 ? w : 8 ))
  $JAVA -javaagent:"$AGENT" $FLAGS -cp runtime/target/classes:examples/target/classes \
    dev.weft.examples.http.HttpServer "$PORT" 0 127.0.0.1 "$w" > "$OUT/http-$w.server.txt" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do grep -q "listening on" "$OUT/http-$w.server.txt" 2>/dev/null && break; sleep 0.1; done
  wrk -t"${WRK_THREADS:-$wt}" -c64 -d3s "http://127.0.0.1:$PORT/" > /dev/null
  wrk -t"${WRK_THREADS:-$wt}" -c64 -d"$HTTP_DURATION" "http://127.0.0.1:$PORT/" > "$OUT/http-$w.wrk.txt"
  kill "$pid"; wait "$pid" 2> /dev/null || true
  echo "http $w $(sed -n 's/^Requests\/sec:\s*//p' "$OUT/http-$w.wrk.txt")" >> "$OUT/raw.txt"
done
python3 - "$OUT/raw.txt" <<'PY' | tee "$OUT/summary.md"
import sys
data = {}
for line in open(sys.argv[1]):
    name, w, score = line.split()
    data.setdefault(name, {})[int(w)] = float(score)
counts = sorted({w for v in data.values() for w in v})
print("| workload (ops/s) | " + " | ".join(f"{w} workers" for w in counts) + " |")
print("|---|" + "---|" * len(counts))
for name, v in data.items():
    base = v.get(counts[0])
    cells = []
    for w in counts:
        if w not in v:
            cells.append("—")
            continue
        eff = (v[w] / base) / (w / counts[0]) if base else float("nan")
        cells.append(f"{v[w]:,.0f} ({v[w] / base:.2f}x, eff {eff:.2f})")
    print(f"| {name} | " + " | ".join(cells) + " |")
print("\n(speed-up over the smallest worker count; eff = speed-up / worker ratio, goal >= 0.8)")
PY
