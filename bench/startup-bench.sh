#!/usr/bin/env bash
# Start-up, memory and warm-up benchmark (issue #14): the server on H2, as a newcomer runs it, started
# STARTUP_RUNS times one after the other. For each start it measures
#   - the time from launching `server run` to the first 200 of /api/health/ (polled every 20 ms),
#     and to the first 200 of Liberty's /health/ready;
#   - the resident memory (VmRSS of the server's JVM) a few seconds after that answer, and after
#     STARTUP_IDLE seconds of idling;
#   - the warm-up: from the first webhook request, W1 of bench/engine-bench.sh (webhook -> transform,
#     answered with its result) under wrk at STARTUP_CONCURRENCY, in consecutive slices of 2 s for
#     STARTUP_LOAD seconds; steady state is the median of the last quarter of the slices, and the
#     warm-up time is the end of the first slice at 90 % of it or more;
#   - the RSS under that load (peak, sampled every 0.5 s) and at its end.
# It prints one line per start and the medians, and saves them under target/bench/startup-*.txt, with
# where each start's time went, phase by phase, from Liberty's messages.log (bench/startup-phases.py).
# See docs/PERFORMANCE.md ("Start-up, memory and warm-up").
#
#   bench/startup-bench.sh                                   # from the repository root
#   STARTUP_RUNS=5 STARTUP_LOAD=0 bench/startup-bench.sh     # start time and idle RSS only
#   STARTUP_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/startup-bench.sh
#   # two variants, started alternately (a, b, a, b, ...), each with its own medians:
#   STARTUP_VARIANTS="g1 serial" STARTUP_JVM_ARGS_g1=-XX:+UseG1GC STARTUP_JVM_ARGS_serial= bench/startup-bench.sh
#
# Settings (environment): STARTUP_RUNS (5), STARTUP_PORT (7995), STARTUP_IDLE (60 s; 0 skips the
# second idle reading), STARTUP_LOAD (40 s of load; 0 skips load and warm-up), STARTUP_CONCURRENCY
# (16), STARTUP_JAVA_HOME (the JDK the server runs on; default the one `server` finds: JAVA_HOME,
# then java on the PATH), STARTUP_JVM_ARGS (extra JVM options, given to `server` as JVM_ARGS),
# STARTUP_LABEL (a name for the saved results), BENCH_REBUILD=1 (as the other benches).
# STARTUP_VARIANTS ("default"): names of server set-ups measured alternately in each round, so that
# they share the machine's noise; variant NAME takes STARTUP_JAVA_HOME_NAME and STARTUP_JVM_ARGS_NAME
# when they are set (even empty), else STARTUP_JAVA_HOME and STARTUP_JVM_ARGS, and
# STARTUP_USER_DIR_NAME: another Liberty user directory (its servers/orchestrator with its own
# server.xml, jvm.options and WAR), e.g. a copy of target/liberty/wlp/usr made before a change. Each variant keeps its
# own Liberty output directory (workarea, logs) and gets one uncounted start of its own first.
# The H2 database and Liberty's workarea are made by a first start that is not counted (the
# migrations, Liberty's feature cache, the three workflows): the counted starts are restarts, as a
# user's every start after the first.
# Needs java, curl, python3 and wrk. The machine's load average is printed with each start: compare
# figures measured in one run (or alternating runs), not across busy and quiet hours.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

runs=${STARTUP_RUNS:-5}
port=${STARTUP_PORT:-7995}
idle_s=${STARTUP_IDLE:-60}
load_s=${STARTUP_LOAD:-40}
concurrency=${STARTUP_CONCURRENCY:-16}
variants=${STARTUP_VARIANTS:-default}
label=${STARTUP_LABEL:-default}
slice_s=2
admin_token=bench-admin-token-0123456789
wlp=$root/target/liberty/wlp
war=$wlp/usr/servers/orchestrator/apps/orchestrator.war
work=$root/target/startup-bench
results_dir=$root/target/bench
base=http://127.0.0.1:$port
server_pid=

log() { printf '[startup] %s\n' "$*" >&2; }
die() { printf '[startup] FAILED: %s\n' "$*" >&2; exit 1; }
for tool in java curl python3 wrk; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done

if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f "$war" ] \
        || [ -n "$(find src/main pom.xml liberty -newer "$war" -print -quit)" ]; then
    log "building the WAR and the Liberty server (./mvnw package liberty:create liberty:deploy)"
    ./mvnw -B -q -DskipTests package liberty:create liberty:deploy
fi

stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}
trap stop_server EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
jvm_pid() { # the `server run` script's java child (or the script itself once it exec'd java)
    local pid=$server_pid child
    for _ in 1 2 3; do
        [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ] && { echo "$pid"; return; }
        child=$(pgrep -P "$pid" | head -n 1) || true
        [ -n "$child" ] || break
        pid=$child
    done
    die "no java process under pid $server_pid"
}
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base$1" || true; }

# Launches the server and waits for /api/health/ and /health/ready; sets server_pid, jvm, health_ms,
# ready_ms and cpu_ms: the CPU time the JVM used until both answered, which moves much less than the
# wall-clock time when other processes share the machine.
launch() {
    if curl -s -o /dev/null --max-time 2 "$base/"; then
        die "something already answers on port $port: stop it or set STARTUP_PORT"
    fi
    local launched
    health_ms= ready_ms=
    launched=$(now_ms)
    launched_ms=$launched
    # env -i: stray ORCHESTRATOR_* settings of the caller's shell stay out of the measurement.
    env -i PATH="$PATH" HOME="$HOME" ${java_home:+JAVA_HOME="$java_home"} ${jvm_args:+JVM_ARGS="$jvm_args"} \
        ${user_dir:+WLP_USER_DIR="$user_dir"} \
        ORCHESTRATOR_HTTP_PORT="$port" ORCHESTRATOR_HTTP_HOST=127.0.0.1 \
        ORCHESTRATOR_DATA_DIR="$work/data" ORCHESTRATOR_ADMIN_TOKEN="$admin_token" \
        ORCHESTRATOR_WEBHOOK_RATE_LIMIT=100000000 WLP_OUTPUT_DIR="$work/output-$variant" \
        "$wlp/bin/server" run orchestrator >"$work/console.log" 2>&1 &
    server_pid=$!
    while [ -z "$health_ms" ] || [ -z "$ready_ms" ]; do
        if [ -z "$health_ms" ] && [ "$(status_of /api/health/)" = 200 ]; then
            health_ms=$(( $(now_ms) - launched ))
        fi
        if [ -z "$ready_ms" ] && [ "$(status_of /health/ready)" = 200 ]; then
            ready_ms=$(( $(now_ms) - launched ))
        fi
        kill -0 "$server_pid" 2>/dev/null || { tail -n 40 "$work/console.log" >&2; die "the server exited during start"; }
        (( $(now_ms) - launched < 600000 )) || { tail -n 40 "$work/console.log" >&2; die "not healthy within 600 s"; }
        sleep 0.02
    done
    jvm=$(jvm_pid)
    cpu_ms=$(( $(awk '{ print $14 + $15 }' "/proc/$jvm/stat") * 1000 / $(getconf CLK_TCK) ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Selects a variant: sets variant, java_home and jvm_args.
use_variant() {
    variant=$1
    local home_var=STARTUP_JAVA_HOME_$1 args_var=STARTUP_JVM_ARGS_$1
    if [ -n "${!home_var+set}" ]; then java_home=${!home_var}; else java_home=${STARTUP_JAVA_HOME:-${JAVA_HOME:-}}; fi
    if [ -n "${!args_var+set}" ]; then jvm_args=${!args_var}; else jvm_args=${STARTUP_JVM_ARGS:-}; fi
    local user_var=STARTUP_USER_DIR_$1
    user_dir=${!user_var:-}
}

# One slice of load: wrk for $slice_s s; prints the good answers per second.
slice() {
    local result ok bad errors
    result=$(wrk -t2 -c"$concurrency" -d"${slice_s}s" --timeout 10s -s bench/engine-bench.lua \
        "$base/api/hooks/$hook" -- "$request" "$expected" | grep '^RESULT')
    ok=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<<"$result")
    bad=$(sed -n 's/.* bad=\([0-9]*\).*/\1/p' <<<"$result")
    errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$result")
    [ "$bad" = 0 ] && [ "$errors" = 0 ] || die "bad answers under load: $result"
    echo $(( ok / slice_s ))
}

mkdir -p "$work" "$results_dir"
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); variants: $variants"

# The first start of each variant is not counted: it makes Liberty's workarea (the feature and
# annotation caches) and, for the first variant, the H2 file with its migrations and the workflows,
# which every counted start then finds.
rm -rf "$work"/data "$work"/output-*
for name in $variants; do
    use_variant "$name"
    log "variant $variant: java ${java_home:-default}, JVM_ARGS ${jvm_args:-none}, user dir ${user_dir:-default}; first start (not counted)"
    launch
    if [ ! -s "$work/workflows.txt" ] || [ "$name" = "${variants%% *}" ]; then
        python3 bench/engine-workflows.py "$base" "$admin_token" >"$work/workflows.txt" \
            || die "could not create the benchmark workflows"
    fi
    read -r _ _ hook _ request expected < <(grep '^W1 ' "$work/workflows.txt")
    answer=$(curl -s -X POST -H 'Content-Type: application/json' -d "$request" "$base/api/hooks/$hook")
    [ "$answer" = "$expected" ] || die "W1 answered $answer, expected $expected"
    stop_server
done

summary=$results_dir/startup-$label-$(date +%Y%m%d-%H%M%S).txt
columns='%-10s %5s %6s %9s %9s %8s %9s %9s %8s %9s %9s %9s %8s %5s\n'
printf "$columns" variant start load health_ms ready_ms cpu_ms rss_start rss_idle warm_s90 steady/s first2s/s rss_peak rss_end java \
    | tee "$summary"
rows=$work/rows.txt
: >"$rows"
: >"$work/phases.txt"
for run in $(seq 1 "$runs"); do
    for name in $variants; do
        use_variant "$name"
        load_avg=$(cut -d' ' -f1 /proc/loadavg)
        launch
        sleep 5
        rss_start=$(rss_mb "$jvm")
        rss_idle=-
        if (( idle_s > 0 )); then
            sleep "$idle_s"
            rss_idle=$(rss_mb "$jvm")
        fi
        warm=- steady=- first=- peak=- end=-
        if (( load_s > 0 )); then
            # RSS sampled in the background over the whole load.
            ( while kill -0 "$jvm" 2>/dev/null; do rss_mb "$jvm"; echo; sleep 0.5; done ) >"$work/rss.txt" 2>/dev/null &
            sampler=$!
            rates=()
            for _ in $(seq 1 $(( load_s / slice_s ))); do rates+=("$(slice)"); done
            end=$(rss_mb "$jvm")
            kill "$sampler" 2>/dev/null || true
            wait "$sampler" 2>/dev/null || true
            peak=$(sort -n "$work/rss.txt" | tail -n 1)
            quarter=$(( ${#rates[@]} / 4 > 0 ? ${#rates[@]} / 4 : 1 ))
            steady=$(printf '%s\n' "${rates[@]: -$quarter}" | median)
            first=${rates[0]}
            for i in "${!rates[@]}"; do
                if (( rates[i] * 10 >= ${steady%.*} * 9 )); then warm=$(( (i + 1) * slice_s )); break; fi
            done
            log "$variant start $run: answers/s per $slice_s s from the first request: ${rates[*]}"
        fi
        java_version=$(sed -n 's/^java.version = \([0-9]*\).*/\1/p' "$work/output-$variant/orchestrator/logs/messages.log" | head -n 1)
        phases=$(python3 bench/startup-phases.py "$launched_ms" "$work/output-$variant/orchestrator/logs/messages.log")
        echo "$variant $phases" >>"$work/phases.txt"
        log "$variant start $run phases (s): $phases"
        row=$(printf "$columns" "$variant" "$run" "$load_avg" "$health_ms" "$ready_ms" "$cpu_ms" "$rss_start" "$rss_idle" \
            "$warm" "$steady" "$first" "$peak" "$end" "$java_version")
        echo "$row" | tee -a "$summary"
        echo "$row" >>"$rows"
        stop_server
    done
done

# Medians per variant, column by column.
for name in $variants; do
    meds=()
    for column in 4 5 6 7 8 9 10 11 12 13; do
        meds+=("$(awk -v v="$name" -v c="$column" '$1 == v && $c != "-" { print $c }' "$rows" | median)")
    done
    printf "$columns" "$name" median "" "${meds[@]}" "" | tee -a "$summary"
done
# And the median of each phase per variant.
for name in $variants; do
    line=
    for phase in jvm kernel features app_scan jpa cdi_web migrations schema quartz rest total; do
        value=$(awk -v v="$name" -v p="$phase" '$1 == v { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == p && kv[2] != "-") print kv[2] } }' \
            "$work/phases.txt" | median)
        line+=" $phase=$value"
    done
    echo "phases $name (median s):$line" | tee -a "$summary"
done
log "saved in ${summary#$root/}"
