#!/usr/bin/env bash
# Soak (issue #13): mixed load for a long time at a fraction of the measured capacity, and whether
# the server stays correct and flat. Builds the server if needed, measures the engine's capacity with
# a short bench/engine-bench.sh (or takes SOAK_RATE), starts the server on a fresh MariaDB database,
# creates W1-W3 and a workflow to edit (bench/engine-workflows.py ... edits), and runs
# bench/SoakDriver.java: webhooks W1-W3, API edits and reads, development-mode calls, WebSocket
# clients joining and leaving and hostile requests, at constant rates, sampling every 10 s. Then it
# checks in MariaDB that every answered run is there, ended, SUCCESS, with all its node executions.
# See docs/PERFORMANCE.md.
#
#   bench/soak-bench.sh                          # 30 minutes, from the repository root
#   SOAK_MINUTES=3 bench/soak-bench.sh           # a quick try
#   SOAK_RATE=600 bench/soak-bench.sh            # webhook runs/s given, no capacity measure
#
# Settings (environment): those of bench/server.sh, and SOAK_MINUTES (30), SOAK_WARMUP_SECONDS
# (300, or a third of a run shorter than 15 minutes: RSS, threads and p99 are compared from its end),
# SOAK_RATE (webhook runs a second over W1-W3, a third each; unset: SOAK_LOAD_FRACTION of the
# capacity), SOAK_LOAD_FRACTION (0.5), SOAK_CAPACITY_SECONDS (10: each workload's counted load at
# concurrency 16 in the capacity measure), SOAK_API_RATE (4 edits a second, and half that of reads),
# SOAK_DEVMODE_RATE (4 a second), SOAK_HOSTILE_RATE (5 a second), SOAK_SOCKETS (4 WebSocket clients
# at a time).
# The capacity of the mix is that of W1, W2 and W3 in equal shares: 3 / (1/W1 + 1/W2 + 1/W3) runs/s
# at concurrency 16; the other kinds come on top of the fraction.
# Output: the driver's summary and target/bench/soak-<time>-windows.csv (per 10 s and kind: counts by
# status class, p50, p99, max) and -server.csv (per 10 s: RSS, threads, server CPU, load, heap once a
# minute). Exits non-zero on any 5xx, unexpected answer, request without an answer or run missing,
# not ended or not complete.
set -euo pipefail
source "$(dirname "$0")/server.sh"

minutes=${SOAK_MINUTES:-30}
seconds=$(( minutes * 60 ))
warmup=${SOAK_WARMUP_SECONDS:-$(( seconds >= 900 ? 300 : seconds / 3 ))}

rate=${SOAK_RATE:-}
if [ -z "$rate" ]; then
    log "capacity: bench/engine-bench.sh at concurrency 16, ${SOAK_CAPACITY_SECONDS:-10} s a workload"
    capacity_log=$(mktemp)
    BENCH_CONCURRENCY=16 BENCH_DURATION=${SOAK_CAPACITY_SECONDS:-10} BENCH_WARMUP=5 \
        "$root/bench/engine-bench.sh" | tee "$capacity_log"
    # Its table: workload conc runs/s ...
    rate=$(awk -v fraction="${SOAK_LOAD_FRACTION:-0.5}" '$1 ~ /^W[123]$/ && $2 == 16 { sum += 1 / $3; n++ }
        END { if (n == 3) printf "%.0f", fraction * 3 / sum }' "$capacity_log")
    rm -f "$capacity_log"
    [ -n "$rate" ] || die "no capacity measured for W1, W2 and W3"
    log "webhook rate: $rate runs/s (${SOAK_LOAD_FRACTION:-0.5} of the mix's capacity)"
fi

# Every call comes from 127.0.0.1 on one token: past the default limits per address and per token.
BENCH_SERVER_ENV="ORCHESTRATOR_WEBHOOK_RATE_LIMIT=100000000 ORCHESTRATOR_RATE_LIMIT=100000000 ${BENCH_SERVER_ENV:-}" \
    start_bench_server java curl mariadb python3 jcmd

out=$results_dir/soak-$(date +%Y%m%d-%H%M%S)
python3 bench/engine-workflows.py "$base" "$admin_token" edits >"$out-workflows.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "soak: $minutes min (warm-up $warmup s), webhooks $rate runs/s, load average $load_before"
java bench/SoakDriver.java base="$base" token="$admin_token" workflows="$out-workflows.txt" pid="$jvm" \
    seconds="$seconds" warmup="$warmup" webhook_rate="$rate" api_rate="${SOAK_API_RATE:-4}" \
    devmode_rate="${SOAK_DEVMODE_RATE:-4}" hostile_rate="${SOAK_HOSTILE_RATE:-5}" \
    sockets="${SOAK_SOCKETS:-4}" out="$out" | tee "$out-summary.txt"
log "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"

# Every run answered is in the database, ended and complete, and the only runs that failed are those
# a hostile number made fail (answered 502 RUN_FAILED); a request that got no answer may have started
# a run too, so runs may exceed the answers by that many.
failed=0
while read -r _ workflow name answered requests failed_on_purpose; do
    runs=$(settled_run_count "$workflow")
    nodes=$(awk -v w="$name" '$1 == w { print $4 }' "$out-workflows.txt")
    not_success=$(sql "SELECT COUNT(*) FROM run WHERE workflow_id = '$workflow' AND status <> 'SUCCESS'")
    incomplete=$(sql "SELECT COUNT(*) FROM (SELECT r.id FROM run r LEFT JOIN node_execution e ON e.run_id = r.id
                      AND e.status IN ('SUCCESS', 'SKIPPED') WHERE r.workflow_id = '$workflow' AND r.status = 'SUCCESS'
                      GROUP BY r.id HAVING COUNT(e.run_id) <> $nodes) short_runs")
    printf '[bench] %s: %d answered 200 of %d requests, %d runs persisted, %d not SUCCESS (%d made to fail), %d SUCCESS without all %d node executions\n' \
        "$name" "$answered" "$requests" "$runs" "$not_success" "$failed_on_purpose" "$incomplete" "$nodes" | tee -a "$out-summary.txt"
    (( runs >= answered + failed_on_purpose && runs <= requests + failed_on_purpose
       && not_success == failed_on_purpose && incomplete == 0 )) || failed=1
done < <(grep '^ANSWERED' "$out-summary.txt")
not_ended=$(sql "SELECT COUNT(*) FROM run WHERE status NOT IN ('SUCCESS', 'FAILURE', 'REVOKED')")
log "runs not ended (any workflow): $not_ended" | tee -a "$out-summary.txt"
(( not_ended == 0 )) || failed=1
result=$(grep '^RESULT' "$out-summary.txt") || die "no result from the driver"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
[ "$(field fivexx)" = 0 ] && [ "$(field unexpected)" = 0 ] && [ "$(field no_answer)" = 0 ] || failed=1
stop_server
log "samples: ${out#$root/}-windows.csv, -server.csv; summary: ${out#$root/}-summary.txt"
(( failed == 0 )) || die "5xx, unexpected answers, missing or unfinished runs: see above"
