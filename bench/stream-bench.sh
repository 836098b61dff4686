#!/usr/bin/env bash
# Token streaming benchmark (issue #11): many candidates streaming at once to several WebSocket
# clients. Builds the server if needed, starts it on a fresh MariaDB database, and starts two model
# servers from the test classes (io.orchestrator.testing.FakeModelServer): one streams
# BENCH_TOKENS tokens a candidate at BENCH_PACE tokens/s, each token carrying the time it was sent
# (" t<epoch ms>"); the other answers the same number of tokens without streaming, after as long as
# the streaming takes. Two workflows, webhook -> llm with BENCH_MODELS models of one candidate each
# (cache off), one per model server (bench/llm-workflows.py).
#
#   1. baseline: BENCH_RUNS runs of the non-streaming workflow at once: the server's CPU time while
#      its llm nodes wait for the answers as long as the streaming will take;
#   2. streaming: BENCH_CLIENTS WebSocket clients watch the streaming workflow (bench/StreamClient.java),
#      then BENCH_RUNS runs of it at once: BENCH_RUNS x BENCH_MODELS candidates streaming together.
#      Each client times every token: lag = arrival - the time the model server sent it.
#
# The streaming's cost is the server's CPU time in window 2 minus window 1, as a share of one core
# over the window. See docs/PERFORMANCE.md.
#
#   bench/stream-bench.sh                          # from the repository root
#   BENCH_CLIENTS=20 bench/stream-bench.sh
#
# Settings (environment): those of bench/server.sh, and BENCH_RUNS (10), BENCH_MODELS (5: 10 x 5 =
# 50 candidates at once), BENCH_TOKENS (1000 a candidate), BENCH_PACE (100 tokens/s),
# BENCH_CLIENTS (10), BENCH_WARMUP_ROUNDS (2 streaming rounds before the measure; with 4-6 the
# compiler threads' share of the measured window falls from 12-19 % to about 3 % of a core), BENCH_MODEL_PORT (the first model server's port, 8591; the second takes the
# next one), BENCH_SERVER_ENV ("NAME=value ..." given to the server), BENCH_JFR=1 to record the
# streaming window with JFR (target/bench/stream.jfr; BENCH_JFR_SETTINGS names the settings, "profile" by
# default, or a .jfc file with a finer sampling period).
# Output: the clients' lag (p50, p99, max over every token, and the worst client's p99), tokens and
# messages received, the server's CPU in both windows. Exits non-zero when a run fails or a client
# misses tokens.
set -euo pipefail
source "$(dirname "$0")/server.sh"

runs=${BENCH_RUNS:-10}
models=${BENCH_MODELS:-5}
tokens=${BENCH_TOKENS:-1000}
pace=${BENCH_PACE:-100}
clients=${BENCH_CLIENTS:-10}
model_port=${BENCH_MODEL_PORT:-8591}
stream_ms=$(( tokens * 1000 / pace ))

BENCH_SERVER_ENV="ORCHESTRATOR_HTTP_ALLOW=127.0.0.1 ${BENCH_SERVER_ENV:-}" \
    start_bench_server java curl mariadb python3 jcmd

stop_all() {
    stop_model_servers
    stop_server
}
trap stop_all EXIT
start_model_server "$model_port" --tokens-per-second "$pace" --stamp-tokens "$tokens"
start_model_server "$(( model_port + 1 ))" --latency-ms "$stream_ms" --stamp-tokens "$tokens"

llm() { python3 bench/llm-workflows.py "$@"; }
streaming=$(llm connection "$base" "$admin_token" "Streaming" "http://127.0.0.1:$model_port/v1")
waiting=$(llm connection "$base" "$admin_token" "Answering at once" "http://127.0.0.1:$(( model_port + 1 ))/v1")
stream_workflow=$(llm stream "$base" "$admin_token" "$streaming" bench-stream "$models" true)
still_workflow=$(llm stream "$base" "$admin_token" "$waiting" bench-still "$models" false)
log "workflows: streaming $stream_workflow, baseline $still_workflow; $runs runs x $models models, $tokens tokens at $pace/s ($stream_ms ms a candidate)"

start_runs() { # hook path -> starts BENCH_RUNS runs at once
    for _ in $(seq 1 "$runs"); do
        curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' -d '{}' \
            "$base/api/hooks/$1" &
    done | { ! grep -v '^202$'; } || die "a run did not start"
}
await_runs() { # workflow expected_runs -> waits until that many runs ended; fails on any not SUCCESS
    local ended
    for _ in $(seq 1 $(( stream_ms / 100 + 600 ))); do
        ended=$(sql "SELECT COUNT(*) FROM run WHERE workflow_id = '$1' AND status IN ('SUCCESS', 'FAILURE', 'REVOKED')")
        [ "$ended" -ge "$2" ] && break
        sleep 0.1
    done
    local bad
    bad=$(sql "SELECT COUNT(*) FROM run WHERE workflow_id = '$1' AND status <> 'SUCCESS'")
    [ "$bad" = 0 ] || die "$bad runs of workflow $1 did not succeed: $(sql "SELECT error FROM run WHERE workflow_id = '$1' AND status <> 'SUCCESS' LIMIT 1")"
    [ "$ended" -ge "$2" ] || die "only $ended of $2 runs of workflow $1 ended"
}
window() { # hook workflow expected_runs -> "ticks ms" of the server's CPU from the runs' start to their end
    local before started
    before=$(cpu_ticks) started=$(date +%s%N)
    start_runs "$1"
    await_runs "$2" "$3"
    echo "$(( $(cpu_ticks) - before )) $(( ($(date +%s%N) - started) / 1000000 ))"
}
percent_of_core() { awk -v t="$1" -v ms="$2" -v hz="$ticks_per_second" 'BEGIN { printf "%.1f", t / hz * 1000 / ms * 100 }'; }

client_log=$results_dir/stream-clients.txt
# Starts the WebSocket clients on the streaming workflow and waits until each has its state_sync.
# The clients write to a file, read once they have ended: a coproc's pipe is gone (and its variable
# unset) as soon as it exits, which lost the reason when the clients failed to start.
start_clients() {
    java bench/StreamClient.java \
        "ws://127.0.0.1:$port/ws/workflow/$stream_workflow/?token=$admin_token" "$clients" "$runs" $(( stream_ms / 1000 + 120 )) \
        >"$client_log" 2>&1 &
    clients_pid=$!
    for _ in $(seq 1 600); do
        grep -q '^READY' "$client_log" && return
        kill -0 "$clients_pid" 2>/dev/null || die "the WebSocket clients ended before they were ready: $(cat "$client_log")"
        sleep 0.1
    done
    die "the WebSocket clients were not ready within 60 s: $(cat "$client_log")"
}

# Warm-up, unmeasured: one round of the baseline and two of the streaming, watched by the clients as
# measured: the JIT compiles the sending paths here and not inside the measured window (after one
# round without clients, a third of that window's CPU went to the compiler threads; after one with
# them, still a fifth).
window bench-still "$still_workflow" "$runs" >/dev/null
warmup_rounds=${BENCH_WARMUP_ROUNDS:-2}
for round in $(seq 1 "$warmup_rounds"); do
    start_clients
    window bench-stream "$stream_workflow" $(( runs * round )) >/dev/null
    wait "$clients_pid" || true
done
log "warmed up"

read -r still_ticks still_ms < <(window bench-still "$still_workflow" $(( runs * 2 )))
log "baseline (no streaming): $still_ms ms, server CPU $(percent_of_core "$still_ticks" "$still_ms") % of a core"

start_clients
[ "${BENCH_JFR:-0}" = 1 ] && jcmd "$jvm" JFR.start name=bench settings="${BENCH_JFR_SETTINGS:-profile}" filename="$results_dir/stream.jfr" >/dev/null
read -r stream_ticks stream_ms_measured < <(window bench-stream "$stream_workflow" $(( runs * (warmup_rounds + 1) )))
[ "${BENCH_JFR:-0}" = 1 ] && jcmd "$jvm" JFR.stop name=bench >/dev/null
wait "$clients_pid" || true
result=$(grep '^RESULT' "$client_log") || die "no result from the clients: $(cat "$client_log")"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
log "clients: $result"
[ "$(field complete)" = true ] || die "a client did not see every candidate end"
expected_tokens=$(( clients * runs * models * tokens ))
[ "$(field tokens)" = "$expected_tokens" ] || die "the clients got $(field tokens) tokens, expected $expected_tokens"

stream_percent=$(percent_of_core "$stream_ticks" "$stream_ms_measured")
still_percent=$(percent_of_core "$still_ticks" "$still_ms")
summary=$results_dir/stream-$(date +%Y%m%d-%H%M%S).txt
printf 'RESULT candidates=%d clients=%d tokens_per_candidate=%d pace=%d lag_p50_ms=%s lag_p99_ms=%s lag_max_ms=%s worst_client_p99_ms=%s messages=%s stream_cpu_pct=%s baseline_cpu_pct=%s streaming_cost_pct=%s load=%s\n' \
    $(( runs * models )) "$clients" "$tokens" "$pace" "$(field p50_ms)" "$(field p99_ms)" "$(field max_ms)" \
    "$(field worst_p99_ms)" "$(field messages)" "$stream_percent" "$still_percent" \
    "$(awk -v a="$stream_percent" -v b="$still_percent" 'BEGIN { printf "%.1f", a - b }')" \
    "$(cut -d' ' -f1 /proc/loadavg)" | tee "$summary"
[ "${BENCH_JFR:-0}" = 1 ] && log "JFR recording in ${results_dir#$root/}/stream.jfr"
log "summary saved in ${summary#$root/}"
