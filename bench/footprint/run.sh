#!/usr/bin/env bash
# Footprint of the Weft agent on a library with nothing suspendable: loads every class of
# netty-all (and the jars it aggregates) in a fresh JVM, without and with the agent, alternating
# the sides RUNS times, and prints medians as a Markdown table (wall time and peak RSS of the
# whole process, heap after GC, start-up of an empty main). Four sides: no agent, a no-op agent,
# the Weft agent with the library in a loader that cannot see the runtime (a plug-in or tool
# loader), and the Weft agent with weft-runtime on the class path (an application that uses Weft).
#
#   bench/footprint/run.sh                 # RUNS=9, the JDK on PATH (or JAVA_HOME)
#   RUNS=15 JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/footprint/run.sh
#
# Needs the agent and runtime jars: mvn -q -B -ntp package -pl agent,runtime -am -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-9}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
agent="$(ls "$root"/agent/target/weft-agent-*.jar | grep -v -e original -e -sources -e -javadoc | head -1)"
runtime="$(ls "$root"/runtime/target/weft-runtime-*.jar | grep -v -e original -e -sources -e -javadoc | head -1)"
lib="$here/target/lib"
if [ ! -d "$lib" ]; then
  mvn -q -B -ntp -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" \
    -DexcludeClassifiers=linux-x86_64,linux-aarch_64,linux-riscv64,osx-x86_64,osx-aarch_64,windows-x86_64
fi
mkdir -p "$here/target/classes"
"$javac" -d "$here/target/classes" "$here/src/LoadAll.java"
mkdir -p "$here/target/noop"
"$javac" -d "$here/target/noop" "$here/src/NoopAgent.java"
printf 'Premain-Class: NoopAgent\nCan-Retransform-Classes: true\n' > "$here/target/noop.mf"
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" cfm "$here/target/noop.jar" "$here/target/noop.mf" -C "$here/target/noop" .
jars=("$lib"/*.jar)
flags=()
if [ "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')" -ge 24 ]; then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi

# one <agent flag or empty> <class path> <args...>: prints "wall_ms cpu_ms max_rss_kib loaded refused hwm_kib heap_kib"
one() {
  local agentflag="$1" cp="$2"; shift 2
  local out
  out=$( { /usr/bin/time -f "TIME %e %U %S %M" "$java" ${agentflag:+"$agentflag"} ${flags[@]+"${flags[@]}"} -cp "$cp" LoadAll "$@"; } 2>&1 )
  echo "$out" | awk '/^TIME/ {t = sprintf("%d %d %d", $2 * 1000, ($3 + $4) * 1000, $5)} /^loaded=/ {gsub(/[a-z_]+=/, ""); l = $0} END {print t, l}'
}

samples="$here/target/samples.txt"
: > "$samples"
for i in $(seq 1 "$runs"); do
  # rotate which side goes first, so that drift on a loaded machine hits every side
  case $(( i % 4 )) in
    0) order="plain noop agent agentrt";; 1) order="noop agent agentrt plain";;
    2) order="agent agentrt plain noop";; *) order="agentrt plain noop agent";;
  esac
  for side in $order; do
    cp="$here/target/classes"
    case $side in
      plain) flag="";; noop) flag="-javaagent:$here/target/noop.jar";; agent) flag="-javaagent:$agent";;
      agentrt) flag="-javaagent:$agent"; cp="$cp:$runtime";;
    esac
    echo "load $side $(one "$flag" "$cp" "${jars[@]}")" >> "$samples"
    echo "empty $side $(one "$flag" "$cp")" >> "$samples"
  done
done

python3 - "$samples" "$runs" "$("$java" -version 2>&1 | head -1)" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
COLS = {"wall ms": 2, "CPU ms": 3, "peak RSS MiB": 4, "heap after GC MiB": 8}
def col(kind, side, c):
    return [float(r[c]) for r in rows if r[0] == kind and r[1] == side]
def med(kind, side, c, scale=1):
    return st.median(col(kind, side, c)) / scale
def ratio(kind, side, base, c):
    return st.median(a / b for a, b in zip(col(kind, side, c), col(kind, base, c)))
def diff(kind, side, base, c, scale=1):
    return st.median((a - b) / scale for a, b in zip(col(kind, side, c), col(kind, base, c)))
loaded = [r for r in rows if r[0] == 'load']
print(f"{sys.argv[3]}; {sys.argv[2]} runs per side, sides interleaved; {loaded[0][5]} classes loaded,"
      f" {loaded[0][6]} refused by the JVM (absent optional dependencies)\n")
print("| measure | no agent | no-op agent | Weft, loader without the runtime | Weft, runtime on the class path"
      " | Weft (without / with runtime) / no agent | Weft (without / with runtime) / no-op agent |")
print("|---|---|---|---|---|---|---|")
for name, c in COLS.items():
    kinds = ("load",) if c >= 4 and c != 4 else ("load", "empty")
    for kind in kinds:
        label = ("load every class, " if kind == "load" else "empty main, ") + name
        scale = 1024 if "MiB" in name else 1
        vals = " | ".join(f"{med(kind, s, c, scale):.1f}" for s in ("plain", "noop", "agent", "agentrt"))
        rel = []
        for base in ("plain", "noop"):
            if kind == "load" and "ms" in name:
                rel.append(" / ".join(f"{ratio(kind, s, base, c):.3f}x" for s in ("agent", "agentrt")))
            else:
                unit = " MiB" if scale == 1024 else " ms"
                rel.append(" / ".join(f"{diff(kind, s, base, c, scale):+.1f}{unit}" for s in ("agent", "agentrt")))
        print(f"| {label} | {vals} | {rel[0]} | {rel[1]} |")
PY
