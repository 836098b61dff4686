#!/usr/bin/env bash
# Cluster benchmark (issue #14): the same webhook load on one server, then on two servers sharing one
# MariaDB database, each answered with its run's result (W1 of bench/engine-bench.sh: webhook ->
# transform, last_node mode). Every answer's body is checked (bench/engine-bench.lua), and after each
# load every run must be in the database as SUCCESS with both node executions: nothing lost.
#
#   bench/cluster-bench.sh                        # from the repository root
#   BENCH_CONCURRENCY=16 BENCH_DURATION=20 bench/cluster-bench.sh
#
# Three loads, each after a warm-up:
#   one      one server, wrk with BENCH_CONCURRENCY connections
#   two      two servers, wrk on each with half the connections, at the same time
#   watched  as two, while a WebSocket client of the second server watches the workflow: the first
#            server then writes each of its runs' events to the outbox for the second to relay
#            (bench/WatchClient.java counts the workflow_completed it receives)
# For each: runs/s, CPU ms per run of the server JVMs and of MariaDB, and the machine's busy %.
#
# Settings (environment): those of bench/server.sh (BENCH_PORT for the first server, the second on
# BENCH_PORT + 1; database, rebuild), BENCH_CONCURRENCY (16), BENCH_DURATION (20 s counted),
# BENCH_WARMUP (10 s before each counted load), BENCH_THREADS (wrk threads per wrk, 1).
# Exits non-zero on any bad answer, socket error or missing row.
set -euo pipefail
source "$(dirname "$0")/server.sh"

concurrency=${BENCH_CONCURRENCY:-16}
duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-10}
wrk_threads=${BENCH_THREADS:-1}
first_port=$port
second_port=$(( port + 1 ))
first_pid= second_pid=

server_env=(ORCHESTRATOR_WEBHOOK_RATE_LIMIT=100000000 ORCHESTRATOR_SECRET_KEY=$(head -c 32 /dev/urandom | base64))

stop_both() {
    server_pid=$second_pid; stop_server; second_pid=
    server_pid=$first_pid; stop_server; first_pid=
}

start_first() {
    port=$first_port output_dir=$root/target/bench-server console=$results_dir/server-console.log
    start_server ORCHESTRATOR_SERVER_NAME=bench-one "${server_env[@]}"
    first_pid=$server_pid
    trap stop_both EXIT
}

start_second() {
    port=$second_port output_dir=$root/target/bench-server-2 console=$results_dir/server-2-console.log
    server_pid=
    start_server ORCHESTRATOR_SERVER_NAME=bench-two "${server_env[@]}"
    second_pid=$server_pid
    trap stop_both EXIT
    port=$first_port
}

jvm_of() { server_pid=$1; server_jvm_pid; }

require_tools java curl mariadb wrk python3
build_if_stale
fresh_database
start_first
base=http://127.0.0.1:$first_port
read -r _ workflow hook _ body expected < <(python3 bench/engine-workflows.py "$base" "$admin_token" | grep '^W1 ')
[ -n "$workflow" ] || die "could not create the benchmark workflow"

mariadb_pid=$(pgrep -x mariadbd | head -n 1 || true)
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

wrk_on() { # port connections seconds -> RESULT line
    wrk -t"$(( $2 < wrk_threads ? $2 : wrk_threads ))" -c"$2" -d"${3}s" --timeout 10s \
        -s bench/engine-bench.lua "http://127.0.0.1:$1/api/hooks/$hook" -- "$body" "$expected" | grep '^RESULT'
}

# Loads the given ports at once, connections split between them; prints "ok bad+errors".
load() { # seconds port...
    local seconds=$1; shift
    local per=$(( concurrency / $# )) files=() pids=() p f ok=0 failed=0 result
    for p in "$@"; do
        f=$(mktemp); files+=("$f")
        wrk_on "$p" "$per" "$seconds" >"$f" &
        pids+=($!)
    done
    wait "${pids[@]}" # not a bare wait: the WebSocket watcher runs in the background too
    for f in "${files[@]}"; do
        result=$(cat "$f"); rm -f "$f"
        ok=$(( ok + $(field ok "$result") ))
        failed=$(( failed + $(field bad "$result") + $(field errors "$result") ))
    done
    echo "$ok $failed"
}

settled_runs() { settled_run_count "$workflow"; }

summary=$results_dir/cluster-$(date +%Y%m%d-%H%M%S).txt
printf '%-8s %8s %9s %7s %15s %10s %7s %7s\n' load servers 'runs/s' errors 'app CPU ms/run' 'DB ms/run' 'busy%' 'outbox' | tee "$summary"

measure() { # name ports...
    local name=$1; shift
    local jvms=() j cpu_before=0 cpu_after=0 ok failed runs before db_before db_after busy_before idle_before busy_after idle_after relayed=-
    read -r ok failed < <(load "$warmup" "$@")
    (( failed == 0 )) || die "$name warm-up: $failed bad answers or socket errors"
    for p in "$@"; do
        [ "$p" = "$first_port" ] && jvms+=("$(jvm_of "$first_pid")") || jvms+=("$(jvm_of "$second_pid")")
    done
    before=$(settled_runs)
    for j in "${jvms[@]}"; do cpu_before=$(( cpu_before + $(cpu_ticks "$j") )); done
    db_before=$(cpu_ticks "$mariadb_pid")
    read -r busy_before idle_before < <(machine_busy)
    read -r ok failed < <(load "$duration" "$@")
    for j in "${jvms[@]}"; do cpu_after=$(( cpu_after + $(cpu_ticks "$j") )); done
    db_after=$(cpu_ticks "$mariadb_pid")
    read -r busy_after idle_after < <(machine_busy)
    (( failed == 0 )) || die "$name: $failed bad answers or socket errors"
    runs=$(( $(settled_runs) - before ))
    (( runs >= ok && runs <= ok + concurrency )) || die "$name: $ok answers but $runs new runs in the database"
    local bad_runs missing
    bad_runs=$(sql "SELECT COUNT(*) FROM run WHERE workflow_id = '$workflow' AND status <> 'SUCCESS'")
    [ "$bad_runs" = 0 ] || die "$name: $bad_runs runs are not SUCCESS"
    missing=$(sql "SELECT COUNT(*) FROM run r WHERE r.workflow_id = '$workflow'
                   AND (SELECT COUNT(*) FROM node_execution e WHERE e.run_id = r.id AND e.status = 'SUCCESS') <> 2")
    [ "$missing" = 0 ] || die "$name: $missing runs lack a node execution"
    [ -n "${watch_file:-}" ] && relayed=$(sql "SELECT COUNT(*) FROM run_event_outbox")
    true
    printf '%-8s %8d %9.0f %7d %15.3f %10.3f %7.0f %7s\n' "$name" "$#" \
        "$(awk -v n="$ok" -v d="$duration" 'BEGIN { print n / d }')" "$failed" \
        "$(awk -v t=$(( cpu_after - cpu_before )) -v hz="$ticks_per_second" -v n="$ok" 'BEGIN { print t * 1000 / hz / n }')" \
        "$(awk -v t=$(( db_after - db_before )) -v hz="$ticks_per_second" -v n="$ok" 'BEGIN { print t * 1000 / hz / n }')" \
        "$(awk -v b=$(( busy_after - busy_before )) -v i=$(( idle_after - idle_before )) 'BEGIN { print 100 * b / (b + i) }')" \
        "$relayed" | tee -a "$summary"
}

measure one "$first_port"
start_second
measure two "$first_port" "$second_port"

watch_file=$(mktemp)
# It counts for the warm-up, the load and the settling after them, then prints its RESULT.
watch_seconds=$(( warmup + duration + 20 ))
java bench/WatchClient.java "ws://127.0.0.1:$second_port/ws/workflow/$workflow/?token=$admin_token" \
    "$watch_seconds" >"$watch_file" &
watcher=$!
for _ in $(seq 1 150); do grep -q READY "$watch_file" && break; sleep 0.2; done
grep -q READY "$watch_file" || die "the WebSocket watcher did not connect"
sleep 3 # the first server learns of the watcher at its next heartbeat
runs_before=$(settled_runs)
measure watched "$first_port" "$second_port"
runs_watched=$(( $(settled_runs) - runs_before ))
wait "$watcher" 2>/dev/null || true
log "the second server's watcher, over $watch_seconds s: $(grep RESULT "$watch_file" || echo 'no result') for $runs_watched runs of both servers (warm-up and load)$(grep CLOSED "$watch_file" | sed 's/^/; the server /')"
rm -f "$watch_file"
log "checked: every answer's body; every run SUCCESS with its two node executions in $db"
stop_both
log "summary saved in ${summary#$root/}"
