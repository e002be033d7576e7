#!/usr/bin/env bash
# Runs the runtime workloads of bench/RESULTS.md: the JMH classes in dev.weft.bench.workloads
# (with -prof gc) and the memory_idle main, then prints the summary tables.
#
#   bench/run-workloads.sh [out-dir]        (after: mvn -q -B -Pbench package -DskipTests -pl bench -am)
#
# Environment: JAVA (default: Temurin 25), JMH_OPTS (forks/iterations), MEM_ARGS
# ("tasks warmup rounds"), JMH_FILTER (benchmark regex). On JDK < 21 the vthreads variants
# fail their setup with a message and JMH goes on with the others.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
OUT=${1:-bench/results/latest}
JMH_OPTS=${JMH_OPTS:-"-f 3 -wi 3 -w 1 -i 5 -r 1"}
MEM_ARGS=${MEM_ARGS:-"1000000 2 5"}
JMH_FILTER=${JMH_FILTER:-'dev.weft.bench.workloads.(SpawnMany|YieldMany|ChainedSpawn|DeepYield)'}   # Timers, Echo, PingPong: run-io-sync.sh
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

: > "$OUT/memory_idle.txt"
for rt in weft vthreads kotlinx cf; do
  agent=""
  [ "$rt" = weft ] && agent="-javaagent:$AGENT"
  "$JAVA" -Xmx4g -Xms4g $FLAGS $agent -cp "$JAR" dev.weft.bench.workloads.MemoryIdle $rt $MEM_ARGS 2>&1 \
    | tee -a "$OUT/memory_idle.txt" || echo "memory_idle $rt failed" | tee -a "$OUT/memory_idle.txt"
done
set +x
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt"
python3 bench/scripts/summarize.py "$OUT" | tee "$OUT/summary.md"
