#!/usr/bin/env bash
# What Liberty's messaging features cost at start and in memory (queue nodes, issue #14): starts the
# packaged server on H2 alternately with ORCHESTRATOR_MESSAGING=on and off, each start on a copy of
# the same already-migrated database, and prints per start the time to a healthy answer, Liberty's
# own "server started" and "application started" times, the process's CPU time at that moment and
# its RSS 20 s later. See docs/PERFORMANCE.md, "Queue nodes".
#
#   ./mvnw -DskipTests package && bench/messaging-start.sh          # from the repository root
#   ROUNDS=5 PORT=7890 bench/messaging-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
port=${PORT:-7890}
wlp=target/liberty/wlp
work=target/bench/messaging-start
rm -rf "$work" && mkdir -p "$work"

start_once() { # $1 on|off, $2 data dir, $3 label
    local out="$work/out-$1" pid t0 t1 cpu rss
    mkdir -p "$out"
    rm -f "$out/orchestrator/logs/messages.log"
    t0=$(date +%s%N)
    ORCHESTRATOR_MESSAGING=$1 ORCHESTRATOR_HTTP_PORT=$port ORCHESTRATOR_DATA_DIR=$2 WLP_OUTPUT_DIR=$out \
        ORCHESTRATOR_ADMIN_TOKEN=messaging-start-token-0123456789 \
        "$wlp/bin/server" run orchestrator > "$out/console.log" 2>&1 &
    until curl -sf -o /dev/null "http://127.0.0.1:$port/api/health/"; do sleep 0.05; done
    t1=$(date +%s%N)
    pid=$(pgrep -f "ws-server.jar.*orchestrator" -n)
    cpu=$(awk '{print ($14+$15)*10}' "/proc/$pid/stat")
    sleep 20
    rss=$(ps -o rss= -p "$pid")
    echo "$3 messaging=$1 healthy_ms=$(( (t1 - t0) / 1000000 )) cpu_ms=$cpu rss_mb=$(( rss / 1024 ))" \
        "liberty_s=$(grep -o 'server started in [0-9.]*' "$out/orchestrator/logs/messages.log" | grep -o '[0-9.]*$')" \
        "app_s=$(grep -o 'orchestrator started in [0-9.]*' "$out/orchestrator/logs/messages.log" | grep -o '[0-9.]*$')" \
        "load=$(cut -d' ' -f1 /proc/loadavg)"
    WLP_OUTPUT_DIR=$out "$wlp/bin/server" stop orchestrator > /dev/null 2>&1 || true
}

# A first start of each kind migrates the database and fills Liberty's workarea; not counted.
start_once off "$work/db" warm-up > /dev/null
start_once on "$work/db-on" warm-up > /dev/null
for round in $(seq 1 "$rounds"); do
    for mode in on off; do
        rm -rf "$work/run" && cp -r "$work/db" "$work/run"
        start_once "$mode" "$work/run" "round=$round" | tee -a "$work/results.txt"
    done
done
