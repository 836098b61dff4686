#!/usr/bin/env bash
# What reading model streams costs (issue #11): BENCH_STREAMS streams of a model server pacing
# BENCH_PACE tokens/s each (io.orchestrator.testing.FakeModelServer from the test classes), read in
# one JVM by the server's own code (ModelHttp.stream over plain http) and by the JDK's HTTP client,
# alternately BENCH_ROUNDS times; bench/StreamReadBench.java prints the JVM's CPU over the
# streams' middle. No application server, no database. See docs/PERFORMANCE.md.
#
#   bench/stream-read-bench.sh              # from the repository root
#
# Settings (environment): BENCH_STREAMS (50), BENCH_PACE (100), BENCH_ROUNDS (3), BENCH_MODEL_PORT (8593).
set -euo pipefail
source "$(dirname "$0")/server.sh"

streams=${BENCH_STREAMS:-50}
pace=${BENCH_PACE:-100}
rounds=${BENCH_ROUNDS:-3}
port=${BENCH_MODEL_PORT:-8593}
require_tools java curl
[ -d target/classes ] && [ -d target/test-classes ] || ./mvnw -B -q test-compile -Dfrontend.skip=true
classpath=$(test_classpath)
trap stop_model_servers EXIT
# Long enough for the 8 s the bench watches: tokens at the pace for 12 s.
start_model_server "$port" --tokens-per-second "$pace" --stamp-tokens $(( pace * 12 ))
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $streams streams at $pace tokens/s"
for round in $(seq 1 "$rounds"); do
    for reader in server jdk; do
        # As liberty/jvm.options: requests go to the checked address with the name in Host.
        java -Djdk.httpclient.allowRestrictedHeaders=host -cp "$classpath" bench/StreamReadBench.java "http://127.0.0.1:$port/v1" "$streams" "$reader" \
            | grep RESULT | sed "s/^/round=$round /"
    done
done
