#!/usr/bin/env bash
# Runs the timer, network and channel workloads (bench/RESULTS.md): the JMH
# classes Timers, Echo and PingPong in dev.weft.bench.workloads, with -prof gc, then prints the
# summary tables.
#
#   bench/run-io-sync.sh [out-dir]     (after: mvn -q -B -Pbench package -DskipTests -pl bench -am)
#
# Environment: JAVA (default: Temurin 25), JMH_OPTS (forks/iterations), JMH_FILTER (benchmark
# regex). Optional: STRACE=1 also counts the system calls per echo round trip of each runtime
# (one unforked single-shot JMH run under strace -f -c each; slow, and strace must be installed).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
OUT=${1:-bench/results/io-sync-latest}
JMH_OPTS=${JMH_OPTS:-"-f 2 -wi 3 -w 1 -i 5 -r 1"}
JMH_FILTER=${JMH_FILTER:-'dev.weft.bench.workloads.(Timers|Echo|PingPong)'}
AGENT=agent/target/weft-agent-0.1.0-SNAPSHOT.jar
JAR=bench/target/benchmarks.jar
mkdir -p "$OUT"

feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
FLAGS=""
if [ "${feature%%.*}" -ge 24 ] 2>/dev/null; then
  FLAGS="--sun-misc-unsafe-memory-access=allow"   # Byte Buddy's injector on JDK 24+
fi

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"
} | tee "$OUT/env.txt"

set -x
"$JAVA" -jar "$JAR" -jvmArgsAppend "-javaagent:$AGENT $FLAGS" $JMH_OPTS -prof gc \
  -rf json -rff "$OUT/jmh.json" "$JMH_FILTER" 2>&1 | tee "$OUT/jmh.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+\.)' || true
set +x
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt"

if [ "${STRACE:-0}" = 1 ]; then
  # 1 warm-up + 2 measured single shots = 3 invocations = 600,000 round trips (plus the setup's
  # 100 connects); divide the counts by 600,000.
  for rt in weft netty vthreads; do
    strace -f -c -o "$OUT/strace-echo-$rt.txt" "$JAVA" "-javaagent:$AGENT" $FLAGS -jar "$JAR" \
      -f 0 -bm ss -wi 1 -i 2 -p runtime=$rt 'dev.weft.bench.workloads.Echo' > /dev/null 2>&1
  done
fi

python3 bench/scripts/summarize_io_sync.py "$OUT" | tee "$OUT/summary.md"
