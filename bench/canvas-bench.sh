#!/usr/bin/env bash
# Canvas API benchmark: builds the server if needed, starts it on a fresh MariaDB database, measures
# its start time, runs bench/CanvasBench.java against it (a 1,000-node, 1,500-edge workflow; canvas
# reads, node adds and position updates in one warm-up round and five counted rounds) and stops it
# again. See docs/PERFORMANCE.md.
#
#   bench/canvas-bench.sh                      # from the repository root
#   BENCH_ROUNDS=3 bench/canvas-bench.sh       # fewer rounds (default 5); the summary is their median
#   bench/canvas-bench.sh --nodes 200 --edges 300   # other arguments go to the load client
#
# Settings (environment): BENCH_PORT (7990), BENCH_DB (orchestrator_bench, dropped and recreated),
# BENCH_DB_HOST (127.0.0.1), BENCH_DB_PORT (3306), BENCH_DB_USER (root), BENCH_DB_PASSWORD (empty),
# BENCH_ROUNDS (5), BENCH_REBUILD=1 to build even when the deployed WAR looks current,
# BENCH_JFR=1 to record the server with JFR during the rounds (target/bench/rounds.jfr), to see where time goes.
# Exits non-zero on any unexpected response, a server that does not start, or a time limit passed.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD

port=${BENCH_PORT:-7990}
db=${BENCH_DB:-orchestrator_bench}
db_host=${BENCH_DB_HOST:-127.0.0.1}
db_port=${BENCH_DB_PORT:-3306}
db_user=${BENCH_DB_USER:-root}
db_password=${BENCH_DB_PASSWORD:-}
rounds=${BENCH_ROUNDS:-5}
admin_token=bench-admin-token-0123456789
wlp=$root/target/liberty/wlp
war=$wlp/usr/servers/orchestrator/apps/orchestrator.war
output_dir=$root/target/bench-server
results_dir=$root/target/bench
start_limit_s=120

log() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] FAILED: %s\n' "$*" >&2; exit 1; }

for tool in java curl mariadb; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
case $db in *[!A-Za-z0-9_]*) die "BENCH_DB must be letters, digits and _ only (it is dropped and recreated)";; esac

# Build when there is no deployed WAR or a source is newer than it: a stale WAR would measure old code.
if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f "$war" ] \
        || [ -n "$(find src/main pom.xml liberty -newer "$war" -print -quit)" ]; then
    log "building the WAR and the Liberty server (./mvnw package liberty:deploy)"
    ./mvnw -B -q package -DskipTests liberty:deploy
fi
[ -f "$war" ] || die "no WAR at $war after the build"

if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    die "something already answers on port $port: stop it or set BENCH_PORT"
fi

# Other programs on this machine slow the server down and make the figures noisy: say so up front.
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

log "fresh database $db on $db_host:$db_port"
mariadb_args=(-u"$db_user" -h"$db_host" -P"$db_port")
[ -n "$db_password" ] && mariadb_args+=(-p"$db_password")
mariadb "${mariadb_args[@]}" -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"

mkdir -p "$output_dir" "$results_dir"
console=$results_dir/server-console.log
server_pid=

# Whatever happens (failure, Ctrl-C), the server we started is stopped: a leftover server would
# hold the port and skew the next run. TERM first so Liberty shuts down cleanly, KILL if it hangs.
stop_server() {
    [ -n "$server_pid" ] || return 0
    if kill -0 "$server_pid" 2>/dev/null; then
        log "stopping the server (pid $server_pid)"
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 300); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$server_pid" 2>/dev/null; then
            log "server still running after 30 s: killing it"
            kill -KILL "$server_pid" 2>/dev/null || true
        fi
    fi
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}
trap stop_server EXIT
trap 'exit 130' INT TERM

log "starting the server on port $port (console: ${console#$root/})"
launched_ns=$(date +%s%N)
# env -i keeps stray ORCHESTRATOR_* settings of the caller's shell out of the measurement.
env -i PATH="$PATH" HOME="$HOME" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    ORCHESTRATOR_HTTP_PORT="$port" ORCHESTRATOR_HTTP_HOST=127.0.0.1 \
    ORCHESTRATOR_DB_URL="jdbc:mariadb://$db_host:$db_port/$db" \
    ORCHESTRATOR_DB_USER="$db_user" ORCHESTRATOR_DB_PASSWORD="$db_password" \
    ORCHESTRATOR_ADMIN_TOKEN="$admin_token" WLP_OUTPUT_DIR="$output_dir" \
    "$wlp/bin/server" run orchestrator >"$console" 2>&1 &
server_pid=$!

# Start time: launch of `server run` to the first 200 from /api/health/, polled every 50 ms.
while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/api/health/" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        tail -n 40 "$console" >&2 || true
        die "the server exited during start (console above)"
    fi
    if (( ($(date +%s%N) - launched_ns) / 1000000000 >= start_limit_s )); then
        tail -n 40 "$console" >&2 || true
        die "no 200 from /api/health/ within $start_limit_s s (last status $code)"
    fi
    sleep 0.05
done
start_ms=$(( ($(date +%s%N) - launched_ns) / 1000000 ))
log "server up in $start_ms ms"

summary=$results_dir/summary-$(date +%Y%m%d-%H%M%S).txt
set +e
jfr_args=()
[ "${BENCH_JFR:-0}" = 1 ] && jfr_args=(--jfr "$results_dir/rounds.jfr")
java bench/CanvasBench.java --base "http://127.0.0.1:$port" --admin-token "$admin_token" \
    --pid "$server_pid" --start-ms "$start_ms" --rounds "$rounds" "${jfr_args[@]}" "$@" | tee "$summary"
bench_status=${PIPESTATUS[0]}
set -e

stop_server
if [ "$bench_status" -ne 0 ]; then
    tail -n 20 "$console" >&2 || true
    die "the load client failed (exit $bench_status); server console above, full log in ${console#$root/}"
fi
log "summary saved in ${summary#$root/}"
