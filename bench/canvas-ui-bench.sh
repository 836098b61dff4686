#!/usr/bin/env bash
# Canvas UI benchmark (issue #4): opens a workflow of BENCH_NODES transform nodes (1,000) and
# 1.5 times as many edges in headless Chromium, and pans and zooms it, BENCH_ROUNDS times (5); prints
# each round and the medians. Needs Debian's chromium and webapp/node_modules (the build installs
# them). See docs/PERFORMANCE.md.
#
#   bench/canvas-ui-bench.sh
#
# Settings (environment): those of bench/server.sh, BENCH_NODES (1000), BENCH_ROUNDS (5).
set -euo pipefail
source "$(dirname "$0")/server.sh"
nodes=${BENCH_NODES:-1000}
rounds=${BENCH_ROUNDS:-5}

require_tools java curl mariadb python3 node
[ -x /usr/bin/chromium ] || die "Chromium is missing: apt-get install chromium"
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
results=$results_dir/canvas-ui-$(date +%Y%m%d-%H%M%S).txt
for round in $(seq 1 "$rounds"); do
    (cd webapp && ORCHESTRATOR_URL="http://127.0.0.1:$port/" ORCHESTRATOR_TOKEN="$admin_token" WORKFLOW_ID="$workflow_id" \
        NODES="$nodes" node e2e/canvas-speed.mjs) | tee -a "$results"
done
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
keys = ["open_ms", "frame_p50_ms", "frame_p95_ms", "frame_max_ms", "frames_over_50ms"]
print("median of %d rounds: " % len(rows) + ", ".join("%s %s" % (k, statistics.median(r[k] for r in rows)) for k in keys))
PY
stop_server
