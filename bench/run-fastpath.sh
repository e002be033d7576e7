#!/bin/sh
# The agent's fast path: SuspendableCallBench with the inlining and the DONT_INLINE variants.
# Usage: bench/run-fastpath.sh [extra JMH options]   (defaults to a short run)
set -e
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests -pl runtime,agent,bench
java -jar bench/target/benchmarks.jar -jvmArgsAppend -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
     -f 1 -wi 1 -w 1 -i 2 -r 1 -prof gc "$@" 'SuspendableCallBench'
