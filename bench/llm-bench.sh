#!/usr/bin/env bash
# LLM call overhead benchmark (issue #11): what the protocol code adds to a model call, and what a
# response-cache hit adds to an llm node. See docs/PERFORMANCE.md.
#
#   1. protocols (bench/ProtocolBench.java, no server): each protocol's generate() against the
#      test model server, call by call in turn with a bare JDK HttpClient exchange of the same
#      request; the difference of the medians is the protocol code.
#   2. cache hit (bench/DevModeBench.java): the server on a fresh MariaDB database, a model server
#      answering at once, and development-mode executions of a transform node, of an llm node
#      answered from the cache, and of the llm node asking the model, in turn; the hit's cost is its
#      median minus the transform's.
#
#   bench/llm-bench.sh                          # from the repository root
#
# Settings (environment): those of bench/server.sh, and BENCH_PROTOCOL_CALLS (20000 of each kind,
# after BENCH_PROTOCOL_WARMUP 5000), BENCH_NODE_CALLS (2000 of each case, after BENCH_NODE_WARMUP
# 500), BENCH_MODEL_PORT (8591), BENCH_SERVER_ENV.
set -euo pipefail
source "$(dirname "$0")/server.sh"

model_port=${BENCH_MODEL_PORT:-8591}
summary=$results_dir/llm-$(date +%Y%m%d-%H%M%S).txt
build_if_stale
mkdir -p "$results_dir"
classpath=$(test_classpath)

log "protocols: ${BENCH_PROTOCOL_CALLS:-20000} calls of each kind (load average $(cut -d' ' -f1-3 /proc/loadavg))"
java -cp "$classpath" bench/ProtocolBench.java "${BENCH_PROTOCOL_CALLS:-20000}" "${BENCH_PROTOCOL_WARMUP:-5000}" \
    | tee "$summary"

# The rate limit is raised: the bench makes more than the default 6,000 calls a minute per token.
BENCH_SERVER_ENV="ORCHESTRATOR_HTTP_ALLOW=127.0.0.1 ORCHESTRATOR_RATE_LIMIT=1000000 ${BENCH_SERVER_ENV:-}" \
    start_bench_server java curl mariadb python3
trap 'stop_model_servers; stop_server' EXIT
start_model_server "$model_port"
connection=$(python3 bench/llm-workflows.py connection "$base" "$admin_token" "Local" "http://127.0.0.1:$model_port/v1")
read -r workflow llm_node transform_node < <(python3 bench/llm-workflows.py devmode "$base" "$admin_token" "$connection")
log "cache hit: ${BENCH_NODE_CALLS:-2000} development-mode calls of each case (load average $(cut -d' ' -f1-3 /proc/loadavg))"
java bench/DevModeBench.java "$base" "$admin_token" "$workflow" "$llm_node" "$transform_node" \
    "${BENCH_NODE_CALLS:-2000}" "${BENCH_NODE_WARMUP:-500}" | tee -a "$summary"
echo "load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$summary"
log "summary saved in ${summary#$root/}"
