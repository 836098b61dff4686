#!/usr/bin/env bash
# Artifact transfer benchmark (issue #12): a large file uploaded to and downloaded from
# /api/artifacts/ over loopback with curl, the server's RSS sampled throughout. Builds the server if
# needed, starts it on a fresh MariaDB database, runs one workflow (a manual trigger) to have a run
# to attach the file to, then BENCH_ROUNDS rounds of: upload (multipart, as `curl -F` sends it),
# download to /dev/null. Each round's file differs in its first bytes, so that no round is served by
# content the server already has. See docs/PERFORMANCE.md.
#
#   bench/artifact-bench.sh                    # from the repository root
#   BENCH_SIZE_MB=256 bench/artifact-bench.sh
#
# Settings (environment): those of bench/server.sh, and BENCH_SIZE_MB (1024), BENCH_ROUNDS (3),
# BENCH_SERVER_ENV ("NAME=value ..." given to the server; the bench raises
# ORCHESTRATOR_ARTIFACT_MAX_MB to fit the file).
# Output: per round the upload and download rates (MB/s, curl's own timing from the first byte sent
# to the last received), and the server's RSS before, at its peak (sampled every 0.1 s) and after.
# Exits non-zero when an upload is not 201, a download not 200, or the bytes differ in size or
# SHA-256 (the stored SHA-256 every round, the downloaded bytes in the first, outside the timing).
set -euo pipefail
source "$(dirname "$0")/server.sh"

size_mb=${BENCH_SIZE_MB:-1024}
rounds=${BENCH_ROUNDS:-3}

BENCH_SERVER_ENV="ORCHESTRATOR_ARTIFACT_MAX_MB=$(( size_mb + 16 )) ${BENCH_SERVER_ENV:-}" \
    start_bench_server java curl mariadb python3 sha256sum

run_id=$(python3 - "$base" "$admin_token" <<'PY'
import sys, time
sys.path.insert(0, "bench")
from bench_api import call
base, token = sys.argv[1], sys.argv[2]
workflow = call(base, token, "POST", "/api/workflow/", {"name": "artifact bench"})
call(base, token, "POST", "/api/workflow/%s/nodes/add/" % workflow["id"],
     {"nodeTemplate": "manual-trigger", "position": {"x": 0, "y": 0}})
task = call(base, token, "POST", "/api/workflow/%s/start_execution/" % workflow["id"], {})["task_id"]
for _ in range(300):
    if call(base, token, "GET", "/api/runs/%s/" % task)["status"] == "SUCCESS":
        break
    time.sleep(0.1)
print(task)
PY
)
file=$results_dir/artifact-bench.bin
log "writing a $size_mb MB file (${file#$root/})"
head -c $(( size_mb * 1024 * 1024 )) /dev/urandom >"$file"

peak_file=$results_dir/artifact-rss-peak
sample_rss() { # writes the highest RSS seen (MB) to $peak_file until killed
    local peak=0 now
    while :; do
        now=$(rss_mb)
        (( now > peak )) && { peak=$now; echo "$peak" >"$peak_file"; }
        sleep 0.1
    done
}
mb_per_s() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

summary=$results_dir/artifact-$(date +%Y%m%d-%H%M%S).txt
for round in $(seq 1 "$rounds"); do
    printf 'round %d %s' "$round" "$(date +%s%N)" | dd of="$file" bs=1 seek=0 conv=notrunc status=none
    expected=$(sha256sum "$file" | cut -d' ' -f1)
    rss_before=$(rss_mb)
    echo "$rss_before" >"$peak_file"
    sample_rss &
    sampler=$!
    upload=$(curl -s -o "$results_dir/artifact-upload.json" -w '%{http_code} %{speed_upload}' \
        -H "Authorization: Bearer $admin_token" -F "run_id=$run_id" -F "file=@$file" "$base/api/artifacts/")
    [ "${upload%% *}" = 201 ] || { kill "$sampler"; die "upload answered ${upload%% *}: $(cat "$results_dir/artifact-upload.json")"; }
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$results_dir/artifact-upload.json")
    stored=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$results_dir/artifact-upload.json")
    [ "$stored" = "$expected" ] || { kill "$sampler"; die "the server stored SHA-256 $stored, expected $expected"; }
    download=$(curl -s -o /dev/null -w '%{http_code} %{speed_download} %{size_download}' \
        -H "Authorization: Bearer $admin_token" "$base/api/artifacts/$id/download/")
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    sleep 0.5
    read -r code speed bytes <<<"$download"
    [ "$code" = 200 ] || die "download answered $code"
    [ "$bytes" = $(( size_mb * 1024 * 1024 )) ] || die "downloaded $bytes bytes"
    if [ "$round" = 1 ]; then # the bytes themselves, once, outside the timing
        got=$(curl -s -H "Authorization: Bearer $admin_token" "$base/api/artifacts/$id/download/" | sha256sum | cut -d' ' -f1)
        [ "$got" = "$expected" ] || die "the downloaded bytes differ (SHA-256 $got)"
    fi
    printf 'RESULT round=%d size_mb=%d upload_mb_s=%s download_mb_s=%s rss_before_mb=%s rss_peak_mb=%s rss_after_mb=%s load=%s\n' \
        "$round" "$size_mb" "$(mb_per_s "${upload#* }")" "$(mb_per_s "$speed")" "$rss_before" "$(cat "$peak_file")" \
        "$(rss_mb)" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$summary"
done
rm -f "$file"
log "summary saved in ${summary#$root/}"
