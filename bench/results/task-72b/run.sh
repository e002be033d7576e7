#!/bin/bash
# Before (the commit before the one-object coroutine) and after, alternated, two rounds of each.
# BEFORE and AFTER are checkouts with bench/target/benchmarks.jar and the agent jar built.
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
F=--sun-misc-unsafe-memory-access=allow
OUT=${OUT:-$(dirname "$0")}
for round in 1 2; do
for side in before after; do
  [ $side = before ] && D=$BEFORE || D=$AFTER
  cd "$D"
  $J -jar bench/target/benchmarks.jar -jvmArgsAppend "-javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar $F" \
     -f 1 -wi 2 -w 1 -i 4 -r 1 -p runtime=weft,kotlinx -prof gc -rf json -rff "$OUT/$side-$round.json" \
     'dev.weft.bench.workloads.(SpawnMany|YieldMany|ChainedSpawn)' > "$OUT/$side-$round.txt" 2>&1
  $J -Xmx4g -Xms4g $F -javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar -cp bench/target/benchmarks.jar \
     dev.weft.bench.workloads.MemoryIdle weft 1000000 1 3 > "$OUT/mem-$side-$round.txt" 2>&1
done
done
echo DONE
