#!/usr/bin/env bash
# Engine benchmark (issue #3): runs through webhooks answered with their result, under wrk.
# Builds the server if needed, starts it on a fresh MariaDB database, creates three workflows
# (bench/engine-workflows.py) and, for each, at each concurrency: a warm-up, then a counted load
# of BENCH_DURATION seconds. Every answer's body is checked (bench/engine-bench.lua), and after each
# load every run and node execution must be in the database as SUCCESS (or SKIPPED for the branch
# not taken). See docs/PERFORMANCE.md.
#
#   W1  webhook -> transform                       (2 nodes a run)
#   W2  webhook -> 50 transforms in a chain          (51 nodes a run)
#   W3  webhook -> condition -> two transforms      (4 nodes a run, one skipped)
#
#   bench/engine-bench.sh                                  # from the repository root
#   BENCH_WORKLOADS="W1" BENCH_CONCURRENCY="16" bench/engine-bench.sh
#
# Settings (environment): those of bench/server.sh (port, database, rebuild), and
# BENCH_WORKLOADS ("W1 W2 W3"), BENCH_CONCURRENCY ("1 16 64"), BENCH_DURATION (20 s counted),
# BENCH_WARMUP (5 s before each counted load; the first load of the server gets 3 times that),
# BENCH_THREADS (wrk threads, 2), BENCH_SERVER_ENV ("NAME=value ..." given to the server; the bench
# sets ORCHESTRATOR_WEBHOOK_RATE_LIMIT high, as the default 60,000 calls a minute from one address
# would refuse wrk's),
# BENCH_JFR=1 to record the server with JFR during the counted loads (target/bench/engine.jfr).
# Output: one table row per load, also saved under target/bench/. Exits non-zero on any bad answer,
# socket error or missing row.
set -euo pipefail
source "$(dirname "$0")/server.sh"

workloads=${BENCH_WORKLOADS:-"W1 W2 W3"}
concurrencies=${BENCH_CONCURRENCY:-"1 16 64"}
duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-5}
wrk_threads=${BENCH_THREADS:-2}

# Every call comes from 127.0.0.1, thousands a second: past the default limit per caller address.
BENCH_SERVER_ENV="ORCHESTRATOR_WEBHOOK_RATE_LIMIT=100000000 ${BENCH_SERVER_ENV:-}" \
    start_bench_server java curl mariadb wrk python3 jcmd

declare -A workflow_id hook nodes body expected
while read -r name id path node_count request answer; do
    workflow_id[$name]=$id hook[$name]=$path nodes[$name]=$node_count body[$name]=$request expected[$name]=$answer
done < <(python3 bench/engine-workflows.py "$base" "$admin_token")
[ "${#workflow_id[@]}" = 3 ] || die "could not create the benchmark workflows"

for name in $workloads; do
    answer=$(curl -s -X POST -H 'Content-Type: application/json' -d "${body[$name]}" "$base/api/hooks/${hook[$name]}")
    [ "$answer" = "${expected[$name]}" ] || die "$name answered $answer, expected ${expected[$name]}"
done
log "workflows created and answering: $(for n in $workloads; do printf '%s=%s ' "$n" "${expected[$n]}"; done)"

# MariaDB's CPU time is shown too: durability's cost is mostly there, and it shares the machine
# with the server.
mariadb_pid=$(pgrep -x mariadbd | head -n 1 || true)
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }

load() { # workload concurrency seconds -> the RESULT line of bench/engine-bench.lua
    wrk -t"$(( $2 < wrk_threads ? $2 : wrk_threads ))" -c"$2" -d"${3}s" --timeout 10s \
        -s bench/engine-bench.lua "$base/api/hooks/${hook[$1]}" -- "${body[$1]}" "${expected[$1]}" \
        | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

summary=$results_dir/engine-$(date +%Y%m%d-%H%M%S).txt
printf '%-4s %5s %9s %8s %8s %8s %7s %10s %9s %8s %7s %7s\n' workload conc 'runs/s' 'p50 ms' 'p99 ms' 'max ms' errors 'CPU ms/run' 'DB ms/run' 'RSS MB' 'peakMB' 'busy%' | tee "$summary"
first=1
jfr_started=0
for name in $workloads; do
    for concurrency in $concurrencies; do
        warm=$warmup
        [ "$first" = 1 ] && warm=$(( warmup * 3 )) first=0
        result=$(load "$name" "$concurrency" "$warm")
        [ "$(field bad "$result")" = 0 ] && [ "$(field errors "$result")" = 0 ] \
            || die "$name warm-up at concurrency $concurrency: $result"
        before_runs=$(settled_run_count "${workflow_id[$name]}")

        if [ "${BENCH_JFR:-0}" = 1 ] && [ "$jfr_started" = 0 ]; then
            jcmd "$jvm" JFR.start name=bench settings=profile filename="$results_dir/engine.jfr" >/dev/null
            jfr_started=1
        fi
        cpu_before=$(cpu_ticks)
        db_cpu_before=$(cpu_ticks "$mariadb_pid")
        read -r busy_before idle_before < <(machine_busy)
        peak_file=$(mktemp)
        ( peak=0; while sleep 0.5; do r=$(rss_mb); (( r > peak )) && peak=$r && echo "$peak" >"$peak_file"; done ) &
        sampler=$!
        result=$(load "$name" "$concurrency" "$duration")
        kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
        cpu_after=$(cpu_ticks)
        db_cpu_after=$(cpu_ticks "$mariadb_pid")
        read -r busy_after idle_after < <(machine_busy)
        rss=$(rss_mb)
        peak=$(cat "$peak_file"); rm -f "$peak_file"
        [ -n "$peak" ] || peak=$rss

        ok=$(field ok "$result") bad=$(field bad "$result") errors=$(field errors "$result")
        runs=$(( $(settled_run_count "${workflow_id[$name]}") - before_runs ))
        # Runs still going when wrk stopped count in the database but got no answer: at most one per connection.
        (( runs >= ok && runs <= ok + concurrency )) \
            || die "$name c$concurrency: $ok answers but $runs new runs in the database"
        bad_runs=$(sql "SELECT COUNT(*) FROM run WHERE workflow_id = '${workflow_id[$name]}' AND status <> 'SUCCESS'")
        [ "$bad_runs" = 0 ] || die "$name: $bad_runs runs are not SUCCESS"
        missing=$(sql "SELECT COUNT(*) FROM run r WHERE r.workflow_id = '${workflow_id[$name]}'
                       AND (SELECT COUNT(*) FROM node_execution e WHERE e.run_id = r.id
                            AND e.status IN ('SUCCESS', 'SKIPPED')) <> ${nodes[$name]}")
        [ "$missing" = 0 ] || die "$name: $missing runs lack some of their ${nodes[$name]} node executions"

        cpu_ms_per_run=$(awk -v t=$(( cpu_after - cpu_before )) -v hz="$ticks_per_second" -v n="$ok" \
            'BEGIN { printf "%.3f", t * 1000 / hz / (n > 0 ? n : 1) }')
        db_ms_per_run=$(awk -v t=$(( db_cpu_after - db_cpu_before )) -v hz="$ticks_per_second" -v n="$ok" \
            'BEGIN { printf "%.3f", t * 1000 / hz / (n > 0 ? n : 1) }')
        busy=$(awk -v b=$(( busy_after - busy_before )) -v i=$(( idle_after - idle_before )) \
            'BEGIN { printf "%.0f", 100 * b / (b + i) }')
        printf '%-4s %5d %9.0f %8.2f %8.2f %8.1f %7d %10s %9s %8s %7s %7s\n' "$name" "$concurrency" \
            "$(awk -v n="$ok" -v d="$duration" 'BEGIN { print n / d }')" \
            "$(awk -v u="$(field p50_us "$result")" 'BEGIN { print u / 1000 }')" \
            "$(awk -v u="$(field p99_us "$result")" 'BEGIN { print u / 1000 }')" \
            "$(awk -v u="$(field max_us "$result")" 'BEGIN { print u / 1000 }')" \
            $(( bad + errors )) "$cpu_ms_per_run" "$db_ms_per_run" "$rss" "$peak" "$busy" | tee -a "$summary"
        (( bad + errors == 0 )) || die "$name c$concurrency: $result"
    done
done
if [ "$jfr_started" = 1 ]; then
    jcmd "$jvm" JFR.stop name=bench >/dev/null
    log "JFR recording in ${results_dir#$root/}/engine.jfr (jfr print --events jdk.ExecutionSample ...)"
fi
total_runs=$(sql "SELECT COUNT(*) FROM run")
total_steps=$(sql "SELECT COUNT(*) FROM node_execution")
log "checked: every answer's body; $total_runs runs and $total_steps node executions in $db, all SUCCESS/SKIPPED"
stop_server
log "summary saved in ${summary#$root/}"
