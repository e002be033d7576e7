#!/bin/bash
# The owned-task shard lock: monitor (MONITOR, the commit before) against spin lock (SPIN),
# alternated, three rounds; each a checkout with the bench jar and agent built.
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
F=--sun-misc-unsafe-memory-access=allow
OUT=${OUT:-$(dirname "$(readlink -f "$0")")}
for round in 1 2 3; do
for side in MONITOR SPIN; do
  D=${!side}
  cd "$D"
  $J -jar bench/target/benchmarks.jar -jvmArgsAppend "-javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar $F" \
     -f 1 -wi 3 -w 1 -i 5 -r 1 -p runtime=weft,kotlinx -prof gc \
     'dev.weft.bench.workloads.(SpawnMany|ChainedSpawn)' > "$OUT/$side-$round.txt" 2>&1
done
done
echo DONE
