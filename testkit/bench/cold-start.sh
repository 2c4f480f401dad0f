#!/usr/bin/env bash
# Cold start of the request function: JVM start → first POST /v1/tracks answered, against the
# emulators (running in another JVM), with -XX:TieredStopAtLevel=1 as Lambda's Java runtime uses,
# next to an empty handler in the same JVM setup. Prints each run and the medians and their ratio.
# Usage: testkit/bench/cold-start.sh [runs]   (after: mvn -B -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
jar=functions/request/target/request-function.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
cpfile=$(mktemp)
# Resolved in the reactor, so the module classes are this checkout's, not whatever ~/.m2 holds.
mvn -B -q -o -Dstyle.color=never -pl testkit -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >/dev/null
cp_testkit=$(cat "$cpfile"); rm -f "$cpfile"
envfile=$(mktemp -u); fifo=$(mktemp -u); mkfifo "$fifo"
# The emulators run until their standard input (the fifo) closes; their chatter goes to a log file.
java -cp "testkit/target/classes:$cp_testkit" com.cloudmusic.testkit.bench.EmulatorsMain "$envfile" \
  <"$fifo" >target-emulators.log 2>&1 &
emulators=$!
exec {keep}>"$fifo"
trap 'exec {keep}>&-; wait $emulators 2>/dev/null; rm -f "$fifo" "$envfile" target-emulators.log' EXIT
for _ in $(seq 600); do [ -s "$envfile" ] && break; sleep 0.1; done
[ -s "$envfile" ] || { echo "emulators did not start; see target-emulators.log" >&2; exit 1; }
set -a; . "$envfile"; set +a
export FINGERPRINT_SECRET=bench-fingerprint-secret-0123456789 FREE_DAILY_LIMIT=1000 MAX_ACTIVE_JOBS=100
# The probe's own result is its last line (the handler logs its JSON line before it).
probe() { java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp "$jar:testkit/target/classes" \
  com.cloudmusic.testkit.bench.ColdStartProbe "$1" 2>/dev/null | tail -n 1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
full=(); empty=()
for i in $(seq "$runs"); do
  f=$(probe com.cloudmusic.request.RequestFunction); e=$(probe 'com.cloudmusic.testkit.bench.ColdStartProbe$EmptyHandler')
  echo "run $i: request handler ${f% *} ms (status ${f#* }), empty handler ${e% *} ms"
  full+=("${f% *}"); empty+=("${e% *}")
done
mf=$(printf '%s\n' "${full[@]}" | median); me=$(printf '%s\n' "${empty[@]}" | median)
echo "median: request handler $mf ms, empty handler $me ms, ratio $(awk "BEGIN {printf \"%.2f\", $mf/$me}")"
