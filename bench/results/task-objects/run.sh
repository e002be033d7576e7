#!/bin/bash
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
F=--sun-misc-unsafe-memory-access=allow
for round in 1 2; do
for side in before after; do
  [ $side = before ] && D=/tmp/pitclone || D=/work/main
  cd $D
  $J -jar bench/target/benchmarks.jar -jvmArgsAppend "-javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar $F" -f 1 -wi 2 -w 1 -i 4 -r 1 -p runtime=weft,kotlinx -prof gc -rf json -rff /tmp/benchcmp/$side-$round.json 'dev.weft.bench.workloads.(SpawnMany|YieldMany|ChainedSpawn)' > /tmp/benchcmp/$side-$round.txt 2>&1
  $J -Xmx4g -Xms4g $F -javaagent:$D/agent/target/weft-agent-0.1.0-SNAPSHOT.jar -cp bench/target/benchmarks.jar dev.weft.bench.workloads.MemoryIdle weft 1000000 1 3 > /tmp/benchcmp/mem-$side-$round.txt 2>&1
done
done
echo DONE
