#!/usr/bin/env bash
# Lists at scale (issue #12): run and artifact lists and /metrics against a database holding as
# many runs as a busy server keeps. Starts the server on a fresh MariaDB database, creates
# BENCH_WORKFLOWS workflows through the API, then writes BENCH_RUNS runs (spread over 30 days and
# over the workflows; 90 % SUCCESS, 8 % FAILURE, the rest REVOKED, 100 WAITING) and
# BENCH_NODES_PER_RUN node executions each straight into the tables with MariaDB's sequence engine
# (running them would take hours), and times each list BENCH_REPEAT times with curl.
#
#   bench/list-bench.sh                      # from the repository root; seeding takes a few minutes
#   BENCH_RUNS=100000 bench/list-bench.sh
#
# Settings (environment): those of bench/server.sh, and BENCH_WORKFLOWS (100), BENCH_RUNS (500000),
# BENCH_NODES_PER_RUN (10), BENCH_REPEAT (21).
# Output: per request the median and the slowest time (ms, curl's total time), in
# target/bench/list-*.txt too. "deep" pages go on from a cursor 400,000 runs down (or 80 % of
# BENCH_RUNS), as the monitor view does; the same depth by offset is shown for comparison.
set -euo pipefail
source "$(dirname "$0")/server.sh"

workflows=${BENCH_WORKFLOWS:-100}
runs=${BENCH_RUNS:-500000}
nodes_per_run=${BENCH_NODES_PER_RUN:-10}
repeat=${BENCH_REPEAT:-21}
depth=$(( runs * 4 / 5 ))

start_bench_server java curl mariadb python3

log "creating $workflows workflows"
python3 - "$base" "$admin_token" "$workflows" >"$results_dir/list-workflows.txt" <<'PY'
import sys
sys.path.insert(0, "bench")
from bench_api import call
base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    print(call(base, token, "POST", "/api/workflow/", {"name": "list bench %d" % i})["id"])
PY

log "writing $runs runs and $(( runs * nodes_per_run )) node executions"
seed_started=$(date +%s)
{
    echo "CREATE TABLE bench_workflow (n INT PRIMARY KEY, id VARCHAR(36));"
    n=0
    while read -r id; do echo "INSERT INTO bench_workflow VALUES ($n, '$id');"; n=$((n + 1)); done \
        <"$results_dir/list-workflows.txt"
    at="(NOW() - INTERVAL 30 DAY + INTERVAL (s.seq * 2592000 DIV ${runs}) SECOND)"
    cat <<SQL
INSERT INTO run (id, workflow_id, workflow_version, status, trigger_type, created_at, started_at, finished_at, updated_at)
SELECT UUID(), w.id, 1,
       CASE WHEN s.seq <= 100 THEN 'WAITING' WHEN s.seq % 50 = 0 THEN 'REVOKED'
            WHEN s.seq % 12 = 0 THEN 'FAILURE' ELSE 'SUCCESS' END,
       'manual', $at, $at, $at + INTERVAL 1 SECOND, $at + INTERVAL 1 SECOND
FROM seq_1_to_${runs} s
JOIN bench_workflow w ON w.n = s.seq % ${workflows};
INSERT INTO node_execution (run_id, node_id, attempt, seq, node_name, node_type, status, route, started_at, finished_at)
SELECT r.id, CONCAT('node-', n.seq), 1, n.seq, CONCAT('Step ', n.seq), 'transform', 'SUCCESS', 'default',
       r.started_at, r.finished_at
FROM run r JOIN seq_1_to_${nodes_per_run} n;
DROP TABLE bench_workflow;
ANALYZE TABLE run, node_execution;
SQL
} | mariadb "${mariadb_args[@]}" -N -B "$db" >/dev/null
log "seeded in $(( $(date +%s) - seed_started )) s: $(sql "SELECT COUNT(*) FROM run") runs," \
    "$(sql "SELECT COUNT(*) FROM node_execution") node executions"

first_workflow=$(head -1 "$results_dir/list-workflows.txt")
cursor_at() { # the next_cursor a client would hold after reading $1 rows of the list filtered by $2
    local row
    row=$(sql "SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%s.%fZ'), id FROM run $2
               ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $(( $1 - 1 ))")
    python3 -c 'import base64, sys, datetime
at, run_id = sys.argv[1].split("\t")
instant = datetime.datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
text = instant.isoformat().replace("+00:00", "Z")
print(base64.urlsafe_b64encode((text + "|" + run_id).encode()).decode().rstrip("="))' "$row"
}
deep=$(cursor_at "$depth" "")
workflow_deep=$(cursor_at $(( runs / workflows * 4 / 5 )) "WHERE workflow_id = '$first_workflow'")
since=$(date -u -d '10 days ago' +%Y-%m-%dT%H:%M:%SZ)

summary=$results_dir/list-$(date +%Y%m%d-%H%M%S).txt
time_request() { # name, path: median and slowest of $repeat requests, after one to warm up
    local name=$1 path=$2 times status
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin_token" "$base$path")
    [ "$status" = 200 ] || die "$path answered $status"
    times=$(for _ in $(seq 1 "$repeat"); do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $admin_token" "$base$path"
    done | sort -n)
    awk -v name="$name" -v n="$repeat" '{ t[NR] = $1 * 1000 }
        END { printf "%-44s median %7.1f ms   slowest %7.1f ms\n", name, t[int((n + 1) / 2)], t[n] }' \
        <<<"$times" | tee -a "$summary"
}
{
    echo "list-bench: $runs runs, $(( runs * nodes_per_run )) node executions, $workflows workflows;" \
         "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee "$summary"
time_request "runs, first page"                "/api/runs/?limit=50"
time_request "runs, $depth down by cursor"     "/api/runs/?limit=50&cursor=$deep"
time_request "runs, $depth down by offset"     "/api/runs/?limit=50&offset=$depth"
time_request "runs of one workflow"            "/api/runs/?workflow_id=$first_workflow&limit=50"
time_request "runs of one workflow, deep"      "/api/runs/?workflow_id=$first_workflow&limit=50&cursor=$workflow_deep"
time_request "runs by status FAILURE"          "/api/runs/?status=failure&limit=50"
time_request "runs by status REVOKED"          "/api/runs/?status=revoked&limit=50"
time_request "runs by status WAITING"          "/api/runs/?status=waiting&limit=50"
time_request "runs of the last 10 days"        "/api/runs/?since=$since&limit=50"
time_request "artifacts, first page"           "/api/artifacts/?limit=50"
time_request "/metrics"                        "/metrics"
log "written to ${summary#$root/}"
