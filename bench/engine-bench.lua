-- wrk script for bench/engine-bench.sh: POSTs one JSON body to a webhook and checks every answer.
-- A run that answers 200 with the wrong body is an error here, not a success: a benchmark that
-- counts error pages as throughput measures nothing.
--
--   wrk ... -s bench/engine-bench.lua URL -- BODY EXPECTED
--
-- At the end it prints one line the shell script parses:
--   RESULT requests=N ok=N bad=N errors=N p50_us=N p99_us=N max_us=N first_bad=<status>:<body>

dofile("bench/wrk-result.lua")

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.body = args[1]
    expected = args[2]
    ok = 0
    bad = 0
    first_bad = ""
end

function response(status, headers, body)
    if status == 200 and body == expected then
        ok = ok + 1
    else
        bad = bad + 1
        if first_bad == "" then
            first_bad = status .. ":" .. string.sub(body or "", 1, 200)
        end
    end
end

function done(summary, latency, requests)
    write_result(threads, summary, latency)
end
