#!/usr/bin/env bash
# HTTP hello under wrk: the examples' HttpServer (Weft) against a Netty 4.2 HttpServerCodec server
# (dev.weft.bench.http.NettyHttpHello), same machine, same run, alternating servers, a fresh JVM
# for every measurement. Each measurement: start the server, a warm-up wrk run, then
# `wrk -t1 -c64 -d10s --latency`; the table gives the median requests/s and p99 over the rounds.
#
#   bench/run-http-wrk.sh [rounds] [out-dir]   (after: mvn -q -B -ntp package -DskipTests -pl runtime,agent,examples,bench -am)
#
# Environment: JAVA (default: the java on PATH), WORKERS (threads of each server, default 2),
# DURATION (default 10s), WARMUP (default 5s), CONNS (default 64), PORT (default 18080).
# Installs wrk from Debian's packages if it is missing (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
OUT=${2:-bench/results/http-wrk-latest}
JAVA=${JAVA:-java}
WORKERS=${WORKERS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNS=${CONNS:-64}
PORT=${PORT:-18080}
AGENT=$(ls agent/target/weft-agent-*.jar | grep -v -e sources -e javadoc | head -1)
mkdir -p "$OUT"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }

feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
FLAGS=""
if [ "${feature%%.*}" -ge 24 ] 2>/dev/null; then
  FLAGS="--sun-misc-unsafe-memory-access=allow"
fi

server_cmd() {
  case "$1" in
    weft)  echo "$JAVA -javaagent:$AGENT $FLAGS -cp runtime/target/classes:examples/target/classes dev.weft.examples.http.HttpServer $PORT 0 127.0.0.1 $WORKERS" ;;
    netty) echo "$JAVA -cp bench/target/benchmarks.jar dev.weft.bench.http.NettyHttpHello $PORT $WORKERS" ;;
  esac
}

measure() {   # server round -> appends "server round rps p99_ms" to $OUT/raw.txt
  local server=$1 round=$2 pid
  $(server_cmd "$server") > "$OUT/$server-$round.server.txt" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do
    grep -q "listening on" "$OUT/$server-$round.server.txt" 2>/dev/null && break
    sleep 0.1
  done
  wrk -t1 -c"$CONNS" -d"$WARMUP" "http://127.0.0.1:$PORT/" > /dev/null
  wrk -t1 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/" > "$OUT/$server-$round.wrk.txt"
  kill "$pid"; wait "$pid" 2> /dev/null || true
  python3 - "$OUT/$server-$round.wrk.txt" "$server" "$round" >> "$OUT/raw.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
v, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
ms = float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", text)
print(sys.argv[2], sys.argv[3], rps, ms, "errors" if errors else "ok")
PY
}

{
  echo "date: $(date -u +%FT%TZ)  nproc: $(nproc)  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)  git: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"
  echo "wrk -t1 -c$CONNS -d$DURATION --latency, $WORKERS server threads, $ROUNDS rounds"
} | tee "$OUT/env.txt"
: > "$OUT/raw.txt"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="weft netty"; else order="netty weft"; fi
  for s in $order; do measure "$s" "$round"; done
done
python3 - "$OUT/raw.txt" <<'PY' | tee "$OUT/summary.md"
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
by = {}
for server, rnd, rps, p99, status in rows:
    by.setdefault(server, []).append((float(rps), float(p99), status))
med = {s: (statistics.median(r for r, _, _ in v), statistics.median(p for _, p, _ in v)) for s, v in by.items()}
print("| server | requests/s (median) | p99 ms (median) | runs | all runs requests/s |")
print("|---|---|---|---|---|")
for s, v in by.items():
    print(f"| {s} | {med[s][0]:,.0f} | {med[s][1]:.2f} | {len(v)} | {', '.join(f'{r:,.0f}' for r, _, _ in v)} |")
if "weft" in med and "netty" in med:
    print(f"\nWeft/Netty requests/s: {med['weft'][0] / med['netty'][0]:.2f}x (goal >= 1.1x); "
          f"p99 Weft {med['weft'][1]:.2f} ms vs Netty {med['netty'][1]:.2f} ms (goal <=)")
PY
