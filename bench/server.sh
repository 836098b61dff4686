# Sourced by the bench/*-bench.sh scripts: builds the server when stale, gives it a fresh MariaDB
# database, starts it, and stops it whatever happens. Not meant to be run on its own.
#
# Settings (environment): BENCH_PORT (7990), BENCH_DB (orchestrator_bench, dropped and recreated),
# BENCH_DB_HOST (127.0.0.1), BENCH_DB_PORT (3306), BENCH_DB_USER (root), BENCH_DB_PASSWORD (empty),
# BENCH_REBUILD=1 to build even when the deployed WAR looks current, BENCH_START_LIMIT (120 s) for the
# server to answer /api/health/ (more on a machine that is busy with other work).

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

port=${BENCH_PORT:-7990}
db=${BENCH_DB:-orchestrator_bench}
db_host=${BENCH_DB_HOST:-127.0.0.1}
db_port=${BENCH_DB_PORT:-3306}
db_user=${BENCH_DB_USER:-root}
db_password=${BENCH_DB_PASSWORD:-}
admin_token=bench-admin-token-0123456789
wlp=$root/target/liberty/wlp
war=$wlp/usr/servers/orchestrator/apps/orchestrator.war
output_dir=$root/target/bench-server
results_dir=$root/target/bench
console=$results_dir/server-console.log
start_limit_s=${BENCH_START_LIMIT:-120}
server_pid=
start_ms=

log() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] FAILED: %s\n' "$*" >&2; exit 1; }

require_tools() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is not installed${tool_hint[$tool]:+ (${tool_hint[$tool]})}"
    done
}
declare -A tool_hint=([wrk]="apt-get install wrk")

mariadb_args=(-u"$db_user" -h"$db_host" -P"$db_port")
[ -n "$db_password" ] && mariadb_args+=(-p"$db_password")
sql() { mariadb "${mariadb_args[@]}" -N -B "$db" -e "$1"; }

# Build when there is no deployed WAR or a source is newer than it: a stale WAR would measure old code.
build_if_stale() {
    if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f "$war" ] \
            || [ -n "$(find src/main pom.xml liberty -newer "$war" -print -quit)" ]; then
        log "building the WAR and the Liberty server (./mvnw package liberty:deploy)"
        ./mvnw -B -q package -DskipTests liberty:deploy
    fi
    [ -f "$war" ] || die "no WAR at $war after the build"
}

fresh_database() {
    case $db in *[!A-Za-z0-9_]*) die "BENCH_DB must be letters, digits and _ only (it is dropped and recreated)";; esac
    log "fresh database $db on $db_host:$db_port"
    mariadb "${mariadb_args[@]}" -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
}

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

# Starts the server with the given extra environment (NAME=value ...) and waits for /api/health/.
# Sets server_pid and start_ms (launch of `server run` to the first 200, polled every 50 ms).
start_server() {
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
        die "something already answers on port $port: stop it or set BENCH_PORT"
    fi
    mkdir -p "$output_dir" "$results_dir"
    trap stop_server EXIT
    trap 'exit 130' INT TERM
    log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    log "starting the server on port $port (console: ${console#$root/})"
    local launched_ns code
    launched_ns=$(date +%s%N)
    # env -i keeps stray ORCHESTRATOR_* settings of the caller's shell out of the measurement.
    env -i PATH="$PATH" HOME="$HOME" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
        ORCHESTRATOR_HTTP_PORT="$port" ORCHESTRATOR_HTTP_HOST=127.0.0.1 \
        ORCHESTRATOR_DB_URL="jdbc:mariadb://$db_host:$db_port/$db" \
        ORCHESTRATOR_DB_USER="$db_user" ORCHESTRATOR_DB_PASSWORD="$db_password" \
        ORCHESTRATOR_ADMIN_TOKEN="$admin_token" WLP_OUTPUT_DIR="$output_dir" "$@" \
        "$wlp/bin/server" run orchestrator >"$console" 2>&1 &
    server_pid=$!
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
}

# The journal commits in batches a few milliseconds apart: wait until the run count stops moving.
settled_run_count() { # workflow id -> its runs in the database, once the count holds still
    local previous=-1 count
    for _ in $(seq 1 100); do
        count=$(sql "SELECT COUNT(*) FROM run WHERE workflow_id = '$1'")
        [ "$count" = "$previous" ] && { echo "$count"; return; }
        previous=$count
        sleep 0.2
    done
    die "the run count of workflow $1 is still moving after 20 s"
}

# The server's JVM: the `server run` script's java child (or the script itself if it exec'd java).
server_jvm_pid() {
    local pid=$server_pid child
    for _ in 1 2 3; do
        [ "$(cat /proc/$pid/comm 2>/dev/null)" = java ] && { echo "$pid"; return; }
        child=$(pgrep -P "$pid" | head -n 1) || true
        [ -n "$child" ] || break
        pid=$child
    done
    die "no java process under pid $server_pid"
}

# A bench's usual start: checks the tools, builds when stale, a fresh database, then the server
# with BENCH_SERVER_ENV ("NAME=value ...") and, with BENCH_JFR=1, JFR's stacks deep enough to reach
# the application's frames (the default 64 end inside Liberty's HTTP stack). Sets jvm and base.
start_bench_server() {
    require_tools "$@"
    build_if_stale
    fresh_database
    local server_env=(${BENCH_SERVER_ENV:-})
    [ "${BENCH_JFR:-0}" = 1 ] && server_env+=(JVM_ARGS=-XX:FlightRecorderOptions:stackdepth=512)
    start_server "${server_env[@]}"
    jvm=$(server_jvm_pid)
    base=http://127.0.0.1:$port
}

# utime + stime of a process (the server's JVM by default), in clock ticks (USER_HZ, almost always
# 100 a second), and the server's resident memory and live threads.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${1:-$jvm}/stat" 2>/dev/null || echo 0; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$jvm/status"; }
thread_count() { awk '/^Threads/ { print $2 }' "/proc/$jvm/status"; }
ticks_per_second=$(getconf CLK_TCK)

# The classpath of the test classes (the test model server and the benches that use the server's
# classes outside it): target/test-classes, target/classes and every test dependency, asked of
# Maven once and kept until pom.xml changes.
test_classpath() {
    local saved=$results_dir/test-classpath.txt
    mkdir -p "$results_dir"
    if [ ! -s "$saved" ] || [ pom.xml -nt "$saved" ]; then
        ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$saved" >&2 \
            || die "could not get the test classpath from Maven"
    fi
    echo "target/test-classes:target/classes:$(cat "$saved")"
}

# The test model server (io.orchestrator.testing.FakeModelServer, from the test classes) on a port,
# with its options; returns once it answers, its output in $results_dir/model-server-PORT.log.
# stop_model_servers stops every one started.
model_pids=()
start_model_server() { # port, options...
    local port=$1
    shift
    local classpath
    classpath=$(test_classpath)
    java -cp "$classpath" io.orchestrator.testing.FakeModelServer --port "$port" "$@" \
        >"$results_dir/model-server-$port.log" 2>&1 &
    model_pids+=($!)
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "http://127.0.0.1:$port/v1/models" && return
        sleep 0.1
    done
    die "the model server on port $port did not start: $(cat "$results_dir/model-server-$port.log")"
}
stop_model_servers() {
    for pid in "${model_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
