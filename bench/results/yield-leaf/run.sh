#!/bin/bash
# Task.yieldNow rewritten (FRAME, the commit before) or a leaf (LEAF), alternated, two rounds.
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
F=--sun-misc-unsafe-memory-access=allow
OUT=${OUT:-$(dirname "$(readlink -f "$0")")}
for round in 1 2; do
for side in FRAME LEAF; do
  D=${!side}
  cd "$D"
  $J -jar bench/target/benchmarks.jar -jvmArgsAppend "-javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar $F" \
     -f 2 -wi 3 -w 1 -i 4 -r 1 -p runtime=weft,kotlinx -prof gc \
     'dev.weft.bench.workloads.(YieldMany|DeepYield)' > "$OUT/$side-$round.txt" 2>&1
done
done
echo DONE
