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
# Settings (environment): those of bench/server.sh (port, database, rebuild), and BENCH_ROUNDS (5),
# BENCH_JFR=1 to record the server with JFR during the rounds (target/bench/rounds.jfr), to see where time goes.
# Exits non-zero on any unexpected response, a server that does not start, or a time limit passed.
set -euo pipefail
source "$(dirname "$0")/server.sh"
rounds=${BENCH_ROUNDS:-5}

require_tools java curl mariadb
build_if_stale
fresh_database
start_server

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
