#!/usr/bin/env bash
# Cold start of the four functions, each in a fresh JVM with -XX:TieredStopAtLevel=1 as Lambda's Java
# runtime runs it, against the emulators (running in another JVM), next to an empty handler in the same
# JVM setup. Time is JVM start → first event answered:
#   request         first POST /v1/tracks (8 s bass loop: charged, recorded, queued)
#   generate        first SQS batch of one queued 8 s bass job (rendered, WAV/MP3/PNG stored, ready)
#   stripe-webhook  first verified checkout.session.completed (credits granted)
#   publish         first scheduled run (track of the day rendered, teaser cut, outbox written)
# Prints each run, the medians and every ratio to the empty handler.
# Usage: testkit/bench/cold-start.sh [runs]   (after: mvn -B -q -DskipTests package)
#        testkit/bench/cold-start.sh --class-lists
#   regenerates each function's SnapStart class list, functions/<f>/src/main/resources/priming/<f>-classes.txt:
#   the classes its first event loads (-Xlog:class+load) beyond what the empty handler loads, lambda
#   forms and hidden classes left out. Rebuild the jars afterwards.
# COLD_START_NO_PRELOAD=1: without the class preload at init (the init type SnapStart would set), for a before/after.
# COLD_START_MEMORY_MB (default 3538): the memory Lambda reports to the function. From 3,538 MB (two vCPUs, as
#   this machine's two cores) a handler warms up on a second thread beside its first event; below, it runs
#   single-threaded (SnapStartPriming.warmsBesideTheFirstEvent).
# COLD_START_ONE_CORE=1: each measured JVM pinned to one core (taskset), as a function of 1,769 MB (one vCPU)
#   runs; the memory then defaults to 1769.
# COLD_START_JARS=DIR times the <f>-function.jar files in DIR instead (e.g. another commit's, for a before/after).
# COLD_START_JAVA=PATH: the java that runs the measured JVMs (default: java on the PATH).
# COLD_START_AOT=1 (JDK 25 or later in COLD_START_JAVA): before the timed runs, one training run per function
#   (and the empty handler) writes an ahead-of-time cache (-XX:AOTCacheOutput, JEP 483/514/515); the timed
#   runs start from it (-XX:AOTCache). What Lambda's Java 25 runtime could load; this repository deploys java21.
# Works on a fresh clone: Maven may download its dependency plugin on the first run.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=measure
if [ "${1:-}" = "--class-lists" ]; then mode=class-lists; set -- 1; fi
runs=${1:-5}
functions=(request generate stripe-webhook publish)
jar() { echo "${COLD_START_JARS:-functions/$1/target}/$1-function.jar"; }
for f in "${functions[@]}"; do
  [ -f "$(jar "$f")" ] || { echo "build first: mvn -B -q -DskipTests package ($(jar "$f") is missing)" >&2; exit 1; }
done
cpfile=$(mktemp)
# Resolved in the reactor, so the module classes are this checkout's, not whatever ~/.m2 holds.
mvn -B -q -Dstyle.color=never -pl testkit -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >/dev/null
cp_testkit=$(cat "$cpfile"); rm -f "$cpfile"
envfile=$(mktemp -u); fifo=$(mktemp -u); errors=$(mktemp); mkfifo "$fifo"
# The emulators (and each run's fixtures: a queued job, a pending purchase, a fresh table for publish)
# live until their standard input (the fifo) closes; their chatter goes to a log file.
# Warnings only (the runner's logging set-up): at their default DEBUG level the emulators wrote tens of
# megabytes per run, on the CPU the measured JVMs need.
aot=${COLD_START_AOT:-}
# An AOT cache takes classes from jars only, so the probe's classes go into one; training uses one more
# run's fixtures.
probe_jar=testkit/target/cold-start-probe.jar
(cd testkit/target/classes && command jar cf ../cold-start-probe.jar com/cloudmusic/testkit/bench com/cloudmusic/testkit/ApiEvents*.class)
fixtures=$runs; [ -n "$aot" ] && fixtures=$((runs + 1))
java -Dlogback.configurationFile=local/src/main/resources/logback.xml -cp "testkit/target/classes:$cp_testkit" \
  com.cloudmusic.testkit.bench.EmulatorsMain "$envfile" "$fixtures" <"$fifo" >target-emulators.log 2>&1 &
emulators=$!
exec {keep}>"$fifo"
# Closing the fifo stops them; whatever still runs after 10 s (a lingering actor system) is killed.
stop_emulators() {
  exec {keep}>&-
  for _ in $(seq 100); do kill -0 "$emulators" 2>/dev/null || break; sleep 0.1; done
  kill "$emulators" 2>/dev/null || true
  wait "$emulators" 2>/dev/null || true
  rm -rf "$fifo" "$envfile" "$errors" target-emulators.log ${aotdir:+"$aotdir"}
}
trap stop_emulators EXIT
for _ in $(seq 1200); do [ -s "$envfile" ] && break; sleep 0.1; done
[ -s "$envfile" ] || { echo "emulators did not start; see target-emulators.log" >&2; cat target-emulators.log >&2; exit 1; }
set -a; . "$envfile"; set +a
export FINGERPRINT_SECRET=bench-fingerprint-secret-0123456789 FREE_DAILY_LIMIT=1000 MAX_ACTIVE_JOBS=100
# Configured as deployed: checkout on (never called here), the webhook's secret, no channels (outbox).
export STRIPE_SECRET_KEY=sk_test_bench_only_0123456789 STRIPE_BASE_URL=http://127.0.0.1:9
export STRIPE_WEBHOOK_SECRET=whsec_bench_only_0123456789abcdef
unset TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID DISCORD_WEBHOOK_URL MUSIC_ENGINE
# What Lambda sets in an on-demand environment: credentials from the variables, the class preload at init.
# COLD_START_NO_PRELOAD=1 times the functions without that preload (the init type SnapStart would set).
export AWS_LAMBDA_FUNCTION_NAME=cloudmusic-bench
export AWS_LAMBDA_INITIALIZATION_TYPE=$([ -n "${COLD_START_NO_PRELOAD:-}" ] && echo snap-start || echo on-demand)
pin=()
if [ -n "${COLD_START_ONE_CORE:-}" ]; then pin=(taskset -c 1); fi
export AWS_LAMBDA_FUNCTION_MEMORY_SIZE=${COLD_START_MEMORY_MB:-$([ -n "${COLD_START_ONE_CORE:-}" ] && echo 1769 || echo 3538)}

# probe JAR FUNCTION [ARGS...]: the probe's result is its one line that starts with the milliseconds (the
# handlers log JSON lines around it).
probe() {
  local jar=$1; shift
  local out
  local cache=()
  if [ -n "$aot" ] && [ -z "${PROBE_FLAGS:-}" ]; then cache=("-XX:AOTCache=$aotdir/$1.aot"); fi
  out=$("${pin[@]}" "${COLD_START_JAVA:-java}" -XX:+TieredCompilation -XX:TieredStopAtLevel=1 ${PROBE_FLAGS:-} "${cache[@]}" -cp "$jar:$probe_jar" \
    com.cloudmusic.testkit.bench.ColdStartProbe "$@" 2>"$errors" | grep -E '^[0-9]+ ' | tail -n 1)
  [ -n "$out" ] || { echo "probe $1 failed:" >&2; tail -n 20 "$errors" >&2; exit 1; }
  echo "$out"
}
# Signed now, as Stripe signs (t=<unix time>,v1=HMAC-SHA256 of "<t>.<payload>"), outside the measured JVM.
signature() {
  local t; t=$(date +%s)
  echo "t=$t,v1=$(printf '%s.%s' "$t" "$1" | openssl dgst -sha256 -hmac "$STRIPE_WEBHOOK_SECRET" | sed 's/^.*= //')"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

event() {
  local session_var=BENCH_SESSION_$1
  echo "{\"id\":\"evt_bench_$1\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"${!session_var}\",\"object\":\"checkout.session\",\"payment_status\":\"paid\",\"payment_intent\":\"pi_bench_$1\"}}}"
}
# Class names a probe loaded from the JDK or its jar (not hidden classes, lambda forms or the probe's own).
loaded() { grep -E 'source: (jrt:/|shared objects file|file:.*-function\.jar)' "$1" | awk '{print $2}' \
  | grep -vE '\$\$Lambda|LambdaForm\$|/0x|^com\.cloudmusic\.testkit\.' | sort -u; }

if [ "$mode" = class-lists ]; then
  # The list is what a first event loads by itself, so no preload from the committed list (as under
  # SnapStart, whose beforeCheckpoint loads the list instead).
  export AWS_LAMBDA_INITIALIZATION_TYPE=snap-start
  log=$(mktemp -d)
  PROBE_FLAGS="-Xlog:class+load=info:file=$log/empty.txt" probe $(jar request) empty >/dev/null
  PROBE_FLAGS="-Xlog:class+load=info:file=$log/request.txt" probe $(jar request) request >/dev/null
  PROBE_FLAGS="-Xlog:class+load=info:file=$log/generate.txt" probe $(jar generate) generate "$BENCH_JOB_1" >/dev/null
  payload=$(event 1)
  PROBE_FLAGS="-Xlog:class+load=info:file=$log/stripe-webhook.txt" probe $(jar stripe-webhook) stripe-webhook "$payload" "$(signature "$payload")" >/dev/null
  TABLE_NAME=$BENCH_PUBLISH_TABLE_1 PROBE_FLAGS="-Xlog:class+load=info:file=$log/publish.txt" probe $(jar publish) publish >/dev/null
  loaded "$log/empty.txt" >"$log/empty.names"
  for f in "${functions[@]}"; do
    list=functions/$f/src/main/resources/priming/$f-classes.txt
    mkdir -p "$(dirname "$list")"
    { echo "# Classes the first $f event loads beyond an empty handler; SnapStart priming loads them before"
      echo "# the snapshot. Generated by testkit/bench/cold-start.sh --class-lists; do not edit by hand."
      loaded "$log/$f.txt" | comm -23 - "$log/empty.names"; } >"$list"
    echo "$list: $(grep -vc '^#' "$list") classes"
  done
  rm -rf "$log"
  exit 0
fi

if [ -n "$aot" ]; then
  # Training: one run of each function, on the last fixtures, writing the cache the timed runs load.
  aotdir=$(mktemp -d); t=$((runs + 1)); job_var=BENCH_JOB_$t; table_var=BENCH_PUBLISH_TABLE_$t; payload=$(event "$t")
  PROBE_FLAGS="-XX:AOTCacheOutput=$aotdir/empty.aot" probe $(jar request) empty >/dev/null
  PROBE_FLAGS="-XX:AOTCacheOutput=$aotdir/request.aot" probe $(jar request) request >/dev/null
  PROBE_FLAGS="-XX:AOTCacheOutput=$aotdir/generate.aot" probe $(jar generate) generate "${!job_var}" >/dev/null
  PROBE_FLAGS="-XX:AOTCacheOutput=$aotdir/stripe-webhook.aot" probe $(jar stripe-webhook) stripe-webhook "$payload" "$(signature "$payload")" >/dev/null
  TABLE_NAME=${!table_var} PROBE_FLAGS="-XX:AOTCacheOutput=$aotdir/publish.aot" probe $(jar publish) publish >/dev/null
  echo "AOT caches written: $(cd "$aotdir" && ls -s *.aot | tr '\n' ' ')"
fi

declare -A times
for i in $(seq "$runs"); do
  job_var=BENCH_JOB_$i; table_var=BENCH_PUBLISH_TABLE_$i
  payload=$(event "$i")
  e=$(probe $(jar request) empty)
  r=$(probe $(jar request) request)
  g=$(probe $(jar generate) generate "${!job_var}")
  w=$(probe $(jar stripe-webhook) stripe-webhook "$payload" "$(signature "$payload")")
  p=$(TABLE_NAME=${!table_var} probe $(jar publish) publish)
  echo "run $i: empty ${e%% *} ms | request ${r%% *} ms (${r#* }) | generate ${g%% *} ms (${g#* }) |" \
    "stripe-webhook ${w%% *} ms (${w#* }) | publish ${p%% *} ms (${p#* })"
  times[empty]+="${e%% *} "; times[request]+="${r%% *} "; times[generate]+="${g%% *} "
  times[stripe-webhook]+="${w%% *} "; times[publish]+="${p%% *} "
done
me=$(printf '%s\n' ${times[empty]} | median)
echo "median of $runs runs: empty handler $me ms"
declare -A goal=([request]="<= 5x (stretch 3x)" [generate]="<= 10x, render included" [stripe-webhook]="<= 5x" [publish]="no goal")
for f in "${functions[@]}"; do
  m=$(printf '%s\n' ${times[$f]} | median)
  printf '  %-15s %6s ms  ratio %6s  goal %s\n' "$f" "$m" "$(awk "BEGIN {printf \"%.2f\", $m/$me}")" "${goal[$f]}"
done
