#!/usr/bin/env bash
# Applies each hand-made concurrency mutant listed in mutants/MUTANTS, runs the tests named for
# it, and expects them to fail; restores the source after each. Prints one line per mutant:
#   KILLED    the named tests failed (the mutant is caught)
#   SURVIVED  the named tests passed with the mutant applied (the tests miss it)
#   STALE     the patch no longer applies to the current source (refresh it)
#   BROKEN    the mutant did not compile (fix the patch)
# Usage: mutants/run.sh [name-regex]    (exit status: number of mutants not KILLED)
# Extra Maven flags (for example -o) may be passed in MVN_FLAGS.
set -uo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
log_dir="${TMPDIR:-/tmp}/weft-mutants"
mkdir -p "$log_dir"
not_killed=0
# modules whose target/ holds a mutant's build output once its source is restored
touched=()

trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; echo "${s%"${s##*[![:space:]]}"}"; }

while IFS='|' read -r patch module tests; do
    patch="$(trim "$patch")"; module="$(trim "$module")"; tests="$(trim "$tests")"
    [[ -z "$patch" || "$patch" == \#* ]] && continue
    [[ -n "$filter" && ! "$patch" =~ $filter ]] && continue
    if ! git apply --check "mutants/$patch" 2>/dev/null; then
        echo "STALE     $patch"; not_killed=$((not_killed + 1)); continue
    fi
    git apply "mutants/$patch"
    trap 'git apply -R "mutants/$patch"' EXIT
    log="$log_dir/${patch%.patch}.log"
    # shellcheck disable=SC2086
    # -Dtest selects JUnit tests; weft.jcstress.tests the jcstress tests of jcstress-tests (a regex);
    # stdin from /dev/null: a forked JVM would otherwise read the rest of mutants/MUTANTS
    mvn -B -ntp ${MVN_FLAGS:-} verify -pl "$module" -am -Dtest="$tests" \
        -Dsurefire.failIfNoSpecifiedTests=false -Dweft.jcstress.tests=".*(${tests//,/|})" < /dev/null > "$log" 2>&1
    rc=$?
    git apply -R "mutants/$patch"
    trap - EXIT
    [[ " ${touched[*]} " == *" $module "* ]] || touched+=("$module")
    if grep -q 'COMPILATION ERROR' "$log"; then
        echo "BROKEN    $patch (see $log)"; not_killed=$((not_killed + 1))
    elif [[ $rc -ne 0 ]] && grep -Eq 'Tests run:.*(Failures: [1-9]|Errors: [1-9])|Failed tests: [1-9]' "$log"; then
        echo "KILLED    $patch by $tests"
    else
        echo "SURVIVED  $patch ($tests passed; see $log)"; not_killed=$((not_killed + 1))
    fi
done < mutants/MUTANTS
if [[ ${#touched[@]} -gt 0 ]]; then
    # rebuild from the restored sources, so no later run picks up the last mutant's classes or jar
    modules=$(IFS=,; echo "${touched[*]}")
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MVN_FLAGS:-} package -pl "$modules" -am -DskipTests -Djacoco.skip=true < /dev/null > "$log_dir/rebuild.log" 2>&1 \
        || echo "REBUILD FAILED ($modules; see $log_dir/rebuild.log): rebuild before running tests"
fi
exit "$not_killed"
