-- Shared by the wrk scripts of bench/: the RESULT line their shell scripts parse, from the counts
-- each thread kept (ok, bad, first_bad) and wrk's own summary. Loaded with dofile from the
-- repository root, where the bench scripts run.
--
--   RESULT requests=N ok=N bad=N errors=N p50_us=N p99_us=N max_us=N first_bad=<status>:<body>

function write_result(threads, summary, latency)
    local ok_total, bad_total, first = 0, 0, ""
    for _, thread in ipairs(threads) do
        ok_total = ok_total + thread:get("ok")
        bad_total = bad_total + thread:get("bad")
        if first == "" then first = thread:get("first_bad") end
    end
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    io.write(string.format(
        "RESULT requests=%d ok=%d bad=%d errors=%d p50_us=%d p99_us=%d max_us=%d first_bad=%s\n",
        summary.requests, ok_total, bad_total, socket_errors,
        latency:percentile(50), latency:percentile(99), latency.max, (string.gsub(first, "%s", "_"))))
end
