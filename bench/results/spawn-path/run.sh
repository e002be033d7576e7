#!/bin/bash
# Three builds alternated, two rounds: A (72 B task), B (+ task ids in per-thread blocks),
# C (+ no wake after the LIFO cap). A, B, C are checkouts with the bench jar and agent built.
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
F=--sun-misc-unsafe-memory-access=allow
OUT=${OUT:-$(dirname "$(readlink -f "$0")")}
for round in 1 2; do
for side in A B C; do
  D=${!side}
  cd "$D"
  $J -jar bench/target/benchmarks.jar -jvmArgsAppend "-javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar $F" \
     -f 1 -wi 2 -w 1 -i 5 -r 1 -p runtime=weft,kotlinx -prof gc \
     'dev.weft.bench.workloads.(SpawnMany|ChainedSpawn)' > "$OUT/$side-$round.txt" 2>&1
done
done
echo DONE
