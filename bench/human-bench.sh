#!/usr/bin/env bash
# People-in-the-loop benchmark (issue #11): many runs waiting in a human-input node at once, then
# all answered over REST. Builds the server if needed, starts it on a fresh MariaDB database,
# creates webhook -> human-input (select_one over the candidates the webhook was sent)
# (bench/human-workflow.py), starts BENCH_RUNS runs and waits until every one is WAITING, then
# answers them all with wrk (bench/human-bench.lua, one POST /api/runs/{id}/resume/ per run) and
# waits until every run is SUCCESS in the database. See docs/PERFORMANCE.md.
#
#   bench/human-bench.sh                    # from the repository root
#   BENCH_RUNS=2000 bench/human-bench.sh
#
# Settings (environment): those of bench/server.sh, and BENCH_RUNS (10000), BENCH_WARM_RUNS (2000
# runs started, waiting and answered before the measure, so that the JIT and the heap's size are
# those of this load), BENCH_CONCURRENCY (32 connections answering at once), BENCH_THREADS (wrk's,
# 2), BENCH_SERVER_ENV ("NAME=value ..." given to the server; the bench sets
# ORCHESTRATOR_RATE_LIMIT high, as the default 6,000 requests a minute per token would refuse the
# answers), BENCH_JFR=1 to record the answering with JFR (target/bench/human.jfr; BENCH_JFR_SETTINGS names
# the settings, "profile" by default, or a .jfc file with a finer sampling period).
# Output: the server's RSS, heap in use and committed, and live threads, after the warm-up and with
# all the runs waiting, RSS and threads at their peak while they are answered; the answering rate
# (runs/s from the first answer sent to the last run SUCCESS in the database), the server's CPU time
# per answer, and the answers' latency. Exits non-zero when a run is missing, not waiting, answered
# with an error, or not SUCCESS with both its steps at the end.
set -euo pipefail
source "$(dirname "$0")/server.sh"

runs=${BENCH_RUNS:-10000}
concurrency=${BENCH_CONCURRENCY:-32}
wrk_threads=${BENCH_THREADS:-2}

# The server limits each token to 6,000 requests a minute by default: the answers come faster.
BENCH_SERVER_ENV="ORCHESTRATOR_RATE_LIMIT=10000000 ${BENCH_SERVER_ENV:-}" \
    start_bench_server java curl mariadb wrk python3 jcmd
wrk_pid= sampler=
stop_all() {
    for pid in $wrk_pid $sampler; do kill "$pid" 2>/dev/null || true; done
    stop_server
}
trap stop_all EXIT
# The heap in use after a full collection (what the waiting runs themselves hold, without garbage)
# and the heap's committed size, in MB: "used committed".
heap_mb() {
    jcmd "$jvm" GC.run >/dev/null
    sleep 1
    # Serial GC lists its generations (G1 one heap line); Metaspace and class space are not heap.
    jcmd "$jvm" GC.heap_info | awk '/generation|heap/ { for (i = 1; i <= NF; i++) {
                                        if ($i == "used") { v = $(i + 1); sub("K,?", "", v); used += v }
                                        if ($i == "total") { v = $(i + 1); sub("K,?", "", v); total += v } } }
                                    END { printf "%.0f %.0f\n", used / 1024, total / 1024 }'
}
count() { sql "SELECT COUNT(*) FROM run WHERE workflow_id = '$workflow' AND status = '$1'"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

read -r workflow node < <(python3 bench/human-workflow.py create "$base" "$admin_token")
[ -n "$node" ] || die "could not create the benchmark workflow"
log "workflow $workflow: webhook -> human-input $node"
run_ids=$results_dir/human-runs.txt
done_prefix=$results_dir/human-wrk-done-
answer_with_wrk() { # run ids file, connections -> wrk in the background, its output in $results_dir/human-wrk.txt
    wrk_used_threads=$(( $2 < wrk_threads ? $2 : wrk_threads ))
    rm -f "$done_prefix"*
    wrk -t"$wrk_used_threads" -c"$2" -d3600s --timeout 20s -s bench/human-bench.lua "$base" -- \
        "$admin_token" "$1" "$node" "$wrk_used_threads" "$done_prefix" >"$results_dir/human-wrk.txt" 2>&1 &
    wrk_pid=$!
}
# wrk runs for its whole duration even when every thread has stopped: it is interrupted (and prints
# its summary) once each of its threads has had all its answers back, or after 60 s more.
stop_wrk() {
    for _ in $(seq 1 600); do
        [ "$(ls "$done_prefix"* 2>/dev/null | wc -l)" -ge "$wrk_used_threads" ] && break
        sleep 0.1
    done
    kill -INT "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" || true
    wrk_pid=
    rm -f "$done_prefix"*
}
await_status() { # status expected_count seconds
    local seen=0
    for _ in $(seq 1 $(( $3 * 10 ))); do
        seen=$(count "$1")
        [ "$seen" -ge "$2" ] && { echo "$seen"; return; }
        sleep 0.1
    done
    echo "$seen"
}

# A warm-up: a few hundred runs started, waiting and answered, so that the measured state is the
# server's warm one.
warm=${BENCH_WARM_RUNS:-2000}
python3 bench/human-workflow.py start "$base" bench-human "$warm" >"$run_ids"
[ "$(await_status WAITING "$warm" 60)" -ge "$warm" ] || die "the warm-up runs did not all wait"
answer_with_wrk "$run_ids" "$concurrency"
warm_done=$(await_status SUCCESS "$warm" 60)
stop_wrk
[ "$warm_done" -ge "$warm" ] || die "$warm_done of $warm warm-up runs ended SUCCESS; wrk: $(cat "$results_dir/human-wrk.txt")"
grep -q '^RESULT.* bad=0 errors=0 ' "$results_dir/human-wrk.txt" || die "warm-up answers: $(cat "$results_dir/human-wrk.txt")"
sleep 2
read -r heap_before committed_before < <(heap_mb)
rss_before=$(rss_mb) threads_before=$(thread_count)
log "after $warm runs of warm-up: RSS $rss_before MB, heap in use $heap_before MB of $committed_before MB committed, $threads_before threads"

started_ms=$(now_ms)
python3 bench/human-workflow.py start "$base" bench-human "$runs" >"$run_ids"
[ "$(wc -l <"$run_ids")" = "$runs" ] || die "could not start $runs runs"
waiting=$(await_status WAITING "$runs" 600)
[ "$waiting" -ge "$runs" ] || die "only $waiting of $runs runs are WAITING after 10 minutes"
log "$runs runs started and waiting in $(( $(now_ms) - started_ms )) ms"
sleep 2
read -r heap_waiting committed_waiting < <(heap_mb)
rss_waiting=$(rss_mb) threads_waiting=$(thread_count)
log "with $runs runs waiting: RSS $rss_waiting MB ($(( rss_waiting - rss_before )) MB more), heap in use $heap_waiting MB ($(( heap_waiting - heap_before )) MB more) of $committed_waiting MB committed, $threads_waiting threads ($(( threads_waiting - threads_before )) more)"

if [ "${BENCH_JFR:-0}" = 1 ]; then
    jcmd "$jvm" JFR.start name=bench settings="${BENCH_JFR_SETTINGS:-profile}" filename="$results_dir/human.jfr" >/dev/null
fi
peak_file=$(mktemp)
echo "$rss_waiting $threads_waiting" >"$peak_file"
( peak_rss=$rss_waiting peak_threads=$threads_waiting
  while sleep 0.2; do
      r=$(rss_mb) t=$(thread_count)
      (( r > peak_rss )) && peak_rss=$r
      (( t > peak_threads )) && peak_threads=$t
      # Written whole or not at all: a read of a file truncated mid-write would end the bench.
      echo "$peak_rss $peak_threads" >"$peak_file.new" && mv "$peak_file.new" "$peak_file"
  done ) &
sampler=$!
cpu_before=$(cpu_ticks)
answer_ms=$(now_ms)
answer_with_wrk "$run_ids" "$concurrency"
done_count=$(await_status SUCCESS "$runs" 600)
elapsed_ms=$(( $(now_ms) - answer_ms ))
cpu_after=$(cpu_ticks)
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
sampler=
read -r rss_peak threads_peak <"$peak_file"; rm -f "$peak_file" "$peak_file.new"
[ "${BENCH_JFR:-0}" = 1 ] && jcmd "$jvm" JFR.stop name=bench >/dev/null
stop_wrk
result=$(grep '^RESULT' "$results_dir/human-wrk.txt") || die "no result from wrk: $(cat "$results_dir/human-wrk.txt")"
log "wrk: $result"
[ "$done_count" -ge "$runs" ] || die "only $done_count of $runs runs SUCCESS 10 minutes after the answers"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
[ "$(field ok)" = "$runs" ] && [ "$(field bad)" = 0 ] && [ "$(field errors)" = 0 ] \
    || die "expected $runs good answers: $result"

not_done=$(sql "SELECT COUNT(*) FROM run WHERE workflow_id = '$workflow' AND status <> 'SUCCESS'")
[ "$not_done" = 0 ] || die "$not_done runs are not SUCCESS"
missing=$(sql "SELECT COUNT(*) FROM run r WHERE r.workflow_id = '$workflow'
               AND (SELECT COUNT(*) FROM node_execution e WHERE e.run_id = r.id AND e.status = 'SUCCESS') <> 2")
[ "$missing" = 0 ] || die "$missing runs lack a SUCCESS step"

rate=$(( runs * 1000 / elapsed_ms ))
cpu_ms_per_run=$(awk -v t=$(( cpu_after - cpu_before )) -v hz="$ticks_per_second" -v n="$runs" \
    'BEGIN { printf "%.3f", t * 1000 / hz / n }')
log "answered $runs runs to SUCCESS in $elapsed_ms ms: $rate runs/s, server CPU $cpu_ms_per_run ms a run; RSS peak $rss_peak MB, threads peak $threads_peak"
summary=$results_dir/human-$(date +%Y%m%d-%H%M%S).txt
printf 'RESULT runs=%d rss_before_mb=%d rss_waiting_mb=%d rss_peak_mb=%d heap_before_mb=%d heap_waiting_mb=%d committed_before_mb=%d committed_waiting_mb=%d threads_before=%d threads_waiting=%d threads_peak=%d answer_ms=%d runs_per_s=%d cpu_ms_per_run=%s p50_ms=%s p99_ms=%s max_ms=%s load=%s\n' \
    "$runs" "$rss_before" "$rss_waiting" "$rss_peak" "$heap_before" "$heap_waiting" "$committed_before" "$committed_waiting" \
    "$threads_before" "$threads_waiting" "$threads_peak" "$elapsed_ms" "$rate" "$cpu_ms_per_run" \
    "$(awk -v u="$(field p50_us)" 'BEGIN { print u / 1000 }')" \
    "$(awk -v u="$(field p99_us)" 'BEGIN { print u / 1000 }')" \
    "$(awk -v u="$(field max_us)" 'BEGIN { print u / 1000 }')" \
    "$(cut -d' ' -f1 /proc/loadavg)" | tee "$summary"
[ "${BENCH_JFR:-0}" = 1 ] && log "JFR recording in ${results_dir#$root/}/human.jfr"
stop_server
log "summary saved in ${summary#$root/}"
