#!/usr/bin/env bash
# Command output benchmark (issue #12): a command node whose program prints BENCH_LINES lines as
# fast as it can, against the same program writing them to /dev/null. Builds the server if needed,
# starts it on a fresh MariaDB database with ORCHESTRATOR_COMMANDS=python3,bash, makes two
# workflows (manual trigger -> command), and runs them alternately BENCH_ROUNDS times each while a
# WebSocket client (bench/LogClient.java) watches the printing one. A third workflow pipes the same
# program into `cat > /dev/null`: what reading a pipe costs at all on this machine, with no server
# work on the lines (the floor any reader stands on). See docs/PERFORMANCE.md.
#
#   bench/command-bench.sh                     # from the repository root
#   BENCH_LINES=1000000 bench/command-bench.sh
#
# Settings (environment): those of bench/server.sh, and BENCH_LINES (200000), BENCH_ROUNDS (9),
# BENCH_WARMUP (3 unmeasured rounds of each first: the JIT compiles the reading path there),
# BENCH_WATCH (1; 0 points the WebSocket client at the /dev/null workflow, so nobody watches the log),
# BENCH_SERVER_ENV ("NAME=value ..." given to the server).
# Output: the node's duration (its output's duration_ms) printing through the server, to
# /dev/null and through cat, medians and their ratios; the server's RSS before and at its peak (sampled every 0.1 s);
# what the WebSocket client got (messages, lines shown, lines dropped, the last line number, the
# longest silence between two log messages); the stored log's size and whether it is complete.
# Exits non-zero when a run does not succeed.
set -euo pipefail
source "$(dirname "$0")/server.sh"

lines=${BENCH_LINES:-200000}
rounds=${BENCH_ROUNDS:-9}
warmup=${BENCH_WARMUP:-3}

BENCH_SERVER_ENV="ORCHESTRATOR_COMMANDS=python3,bash ${BENCH_SERVER_ENV:-}" \
    start_bench_server java curl mariadb python3

program="import sys
w = sys.stdout.write
for i in range($lines):
    w('line %d of the benchmark, with some words to make it as long as a real log line\n' % i)"

workflows=$(python3 - "$base" "$admin_token" "$program" <<'PY'
import json, sys
sys.path.insert(0, "bench")
from bench_api import call
base, token, program = sys.argv[1:4]
def workflow(name, command):
    flow = call(base, token, "POST", "/api/workflow/", {"name": name})
    start = call(base, token, "POST", "/api/workflow/%s/nodes/add/" % flow["id"],
                 {"nodeTemplate": "manual-trigger", "position": {"x": 0, "y": 0}})
    node = call(base, token, "POST", "/api/workflow/%s/nodes/add/" % flow["id"],
                {"nodeTemplate": "command", "name": "Print", "position": {"x": 250, "y": 0},
                 "form_values": {"command": command}})
    call(base, token, "POST", "/api/workflow/%s/edges/add/" % flow["id"], {"source": start["id"], "target": node["id"]})
    return flow["id"]
print(workflow("printing", ["python3", "-c", program]),
      workflow("to /dev/null", ["bash", "-c", 'exec python3 -c "$0" > /dev/null', program]),
      workflow("through cat", ["bash", "-c", 'python3 -c "$0" | cat > /dev/null', program]))
PY
)
read -r printing silent piped <<<"$workflows"

# Starts a run, waits for its end; prints the Print node's output as JSON.
run_once() {
    python3 - "$base" "$admin_token" "$1" <<'PY'
import json, sys, time
sys.path.insert(0, "bench")
from bench_api import call
base, token, workflow = sys.argv[1:4]
task = call(base, token, "POST", "/api/workflow/%s/start_execution/" % workflow, {})["task_id"]
while True:
    run = call(base, token, "GET", "/api/runs/%s/" % task)
    if run["status"] in ("SUCCESS", "FAILURE", "REVOKED"):
        break
    time.sleep(0.2)
if run["status"] != "SUCCESS":
    sys.exit("run %s: %s %s" % (task, run["status"], run.get("error")))
print(json.dumps([e for e in run["node_executions"] if e["node_name"] == "Print"][-1]["output"]))
PY
}
field() { python3 -c 'import json,sys; o=json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, {"o": o}))' "$1" "$2"; }

log "warming up ($warmup rounds of each)"
for _ in $(seq 1 "$warmup"); do
    run_once "$printing" >/dev/null
    run_once "$silent" >/dev/null
    run_once "$piped" >/dev/null
done

client_log=$results_dir/command-client.txt
if [ "${BENCH_WATCH:-1}" = 0 ]; then rounds_watched=0; else rounds_watched=$rounds; fi
java bench/LogClient.java "ws://127.0.0.1:$port/ws/workflow/$([ "$rounds_watched" = 0 ] && echo "$silent" || echo "$printing")/?token=$admin_token" "$rounds" 600 >"$client_log" 2>&1 &
client=$!
for _ in $(seq 1 300); do grep -q '^READY' "$client_log" && break; sleep 0.1; done
grep -q '^READY' "$client_log" || die "the WebSocket client did not start: $(cat "$client_log")"

peak_file=$results_dir/command-rss-peak
rss_before=$(rss_mb)
echo "$rss_before" >"$peak_file"
( peak=0; while :; do now=$(rss_mb); (( now > peak )) && { peak=$now; echo "$peak" >"$peak_file"; }; sleep 0.1; done ) &
sampler=$!
printing_ms=() silent_ms=() piped_ms=()
for round in $(seq 1 "$rounds"); do
    out=$(run_once "$printing")
    printing_ms+=("$(field "$out" 'o["duration_ms"]')")
    log_summary=$(field "$out" 'o["log"]')
    silent_ms+=("$(field "$(run_once "$silent")" 'o["duration_ms"]')")
    piped_ms+=("$(field "$(run_once "$piped")" 'o["duration_ms"]')")
    log "round $round: printing ${printing_ms[-1]} ms, to /dev/null ${silent_ms[-1]} ms, through cat ${piped_ms[-1]} ms"
done
kill "$sampler" 2>/dev/null || true
wait "$client" || true
result=$(grep '^RESULT' "$client_log") || die "no result from the WebSocket client: $(cat "$client_log")"
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
p=$(median "${printing_ms[@]}") s=$(median "${silent_ms[@]}") c=$(median "${piped_ms[@]}")
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (a / b - 1) * 100 }'; }
summary=$results_dir/command-$(date +%Y%m%d-%H%M%S).txt
printf 'RESULT lines=%d rounds=%d printing_ms=%s devnull_ms=%s slowdown_pct=%s through_cat_ms=%s cat_slowdown_pct=%s vs_cat_pct=%s rss_before_mb=%s rss_peak_mb=%s client=[%s] log=%s load=%s\n' \
    "$lines" "$rounds" "$p" "$s" "$(percent "$p" "$s")" "$c" "$(percent "$c" "$s")" "$(percent "$p" "$c")" \
    "$rss_before" "$(cat "$peak_file")" "${result#RESULT }" "$log_summary" "$(cut -d' ' -f1 /proc/loadavg)" | tee "$summary"
log "summary saved in ${summary#$root/}"
