#!/bin/bash
# The injection queue behind a monitor (MONITOR, the commit before) or a SpinLock (SPIN):
# memory_idle (every wake comes from the main thread, through the injection queue) and
# ping_pong_many (1,000 pairs spawned from the benchmark thread), alternated, three rounds.
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
F=--sun-misc-unsafe-memory-access=allow
OUT=${OUT:-$(dirname "$(readlink -f "$0")")}
for round in 1 2 3; do
for side in MONITOR SPIN; do
  D=${!side}
  cd "$D"
  $J -Xmx4g -Xms4g $F -javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar -cp bench/target/benchmarks.jar \
     dev.weft.bench.workloads.MemoryIdle weft 1000000 1 3 > "$OUT/mem-$side-$round.txt" 2>&1
done
done
echo DONE
