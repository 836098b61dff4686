#!/usr/bin/env bash
# Canvas UI benchmark (issue #4): opens a workflow of BENCH_NODES transform nodes (1,000) and
# 1.5 times as many edges in headless Chromium, and pans and zooms it, BENCH_ROUNDS times (5); prints
# each round and the medians. Needs Debian's chromium and webapp/node_modules (the build installs
# them). See docs/PERFORMANCE.md.
#
# Issue #15 asks for these figures on a busy machine: BENCH_BUSY_CORES (1) processes each keep one core
# busy from before the first round until the bench ends (even on failure); 0 measures without them.
#
#   bench/canvas-ui-bench.sh
#
# To compare two front-end builds on the same server, in the same minutes: BENCH_COMPARE_DIST names
# another build's webapp/dist (the "before"); each round then opens the canvas once with it and once
# with this tree's webapp/dist (the "after"), in alternating order, both served to the browser from the
# files by the page's request interception (the API and the WebSocket still go to the server), and
# the medians are printed for each.
#
#   git archive 212a8d3 webapp | tar -x -C /tmp/before && ln -s $PWD/webapp/node_modules /tmp/before/webapp/ \
#     && (cd /tmp/before/webapp && npx vite build) && BENCH_COMPARE_DIST=/tmp/before/webapp/dist bench/canvas-ui-bench.sh
#
# Settings (environment): those of bench/server.sh, BENCH_NODES (1000), BENCH_ROUNDS (5),
# BENCH_BUSY_CORES (1), BENCH_COMPARE_DIST (unset).
set -euo pipefail
source "$(dirname "$0")/server.sh"
nodes=${BENCH_NODES:-1000}
rounds=${BENCH_ROUNDS:-5}
busy_cores=${BENCH_BUSY_CORES:-1}
compare_dist=${BENCH_COMPARE_DIST:-}

require_tools java curl mariadb python3 node
[ -x /usr/bin/chromium ] || die "Chromium is missing: apt-get install chromium"
case $busy_cores in ''|*[!0-9]*) die "BENCH_BUSY_CORES must be a whole number";; esac
if [ -n "$compare_dist" ]; then
    [ -f "$compare_dist/index.html" ] || die "BENCH_COMPARE_DIST has no index.html: $compare_dist"
    compare_dist=$(cd "$compare_dist" && pwd)
    [ -f webapp/dist/index.html ] || die "no webapp/dist to compare with: cd webapp && npx vite build"
fi
build_if_stale
[ -d webapp/node_modules/playwright-core ] || die "webapp/node_modules is missing: ./mvnw package -DskipTests installs it"
fresh_database
start_server

workflow_id=$(python3 - "http://127.0.0.1:$port/api" "$admin_token" "$nodes" <<'PY'
import json, random, sys, urllib.request
base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())
random.seed(7)
workflow = call("POST", "/workflow/", {"name": "canvas ui bench"})
nodes = [{"id": "n%d" % i, "node_type": "transform", "name": "Step %d" % i,
          "position": {"x": (i % 40) * 220, "y": (i // 40) * 120}, "form_values": {"fields": {"i": i}}} for i in range(count)]
edges = [{"source": "n%d" % random.randrange(i), "target": "n%d" % i} for i in range(1, count)]
edges += [{"source": "n%d" % random.randrange(i), "target": "n%d" % i} for i in random.sample(range(1, count), count // 2)]
edges = list({(e["source"], e["target"]): e for e in edges}.values())
call("PUT", "/workflow/%s/canvas_data/" % workflow["id"], {"version": workflow["version"], "nodes": nodes, "edges": edges})
print(workflow["id"])
PY
)
log "workflow $workflow_id with $nodes nodes; $rounds rounds"

# The busy cores: plain shell loops at normal priority, started after the server is up and the
# workflow saved (the load is the browser's neighbour, not the set-up's), stopped on every exit.
busy_pids=()
stop_busy() {
    [ ${#busy_pids[@]} -gt 0 ] || return 0
    kill "${busy_pids[@]}" 2>/dev/null || true
    wait "${busy_pids[@]}" 2>/dev/null || true
    log "busy load stopped"
    busy_pids=()
}
trap 'stop_busy; stop_server' EXIT
for _ in $(seq 1 "$busy_cores"); do
    sh -c 'while :; do :; done' &
    busy_pids+=($!)
done
if [ "$busy_cores" -gt 0 ]; then
    log "busy load: $busy_cores core(s) kept busy beside the browser (pids ${busy_pids[*]})"
else
    log "no busy load (BENCH_BUSY_CORES=0)"
fi
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"

results=$results_dir/canvas-ui-$(date +%Y%m%d-%H%M%S).txt
measure() { # variant label, dist directory served to the page (empty: the server's own files)
    (cd webapp && ORCHESTRATOR_URL="http://127.0.0.1:$port/" ORCHESTRATOR_TOKEN="$admin_token" WORKFLOW_ID="$workflow_id" \
        NODES="$nodes" VARIANT="$1" UI_DIST="$2" node e2e/canvas-speed.mjs) | tee -a "$results"
}
for round in $(seq 1 "$rounds"); do
    if [ -z "$compare_dist" ]; then
        measure "" ""
    elif (( round % 2 )); then
        measure before "$compare_dist"; measure after "$root/webapp/dist"
    else
        measure after "$root/webapp/dist"; measure before "$compare_dist"
    fi
done
stop_busy
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
keys = ["open_ms", "frame_p50_ms", "frame_p95_ms", "frame_max_ms", "frames_over_50ms",
        "into_detail_max_ms", "detail_p95_ms", "detail_over_50ms"]
for variant in sorted({r.get("variant", "") for r in rows}):
    some = [r for r in rows if r.get("variant", "") == variant]
    keys = [k for k in keys if all(k in r for r in some)]
    print("%smedian of %d rounds: " % (variant + ": " if variant else "", len(some))
          + ", ".join("%s %s" % (k, statistics.median(r[k] for r in some)) for k in keys))
PY
stop_server
