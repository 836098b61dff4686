-- wrk script for bench/human-bench.sh: answers each waiting run once (POST /api/runs/{id}/resume/),
-- the run ids split between wrk's threads. A thread whose ids are all sent keeps its connections
-- busy with a slow trickle of GET /api/health/ until every answer of its share has come back, then
-- stops and creates the file DONE_PREFIX<thread index>: wrk itself runs for its whole duration, so
-- the caller interrupts it once every thread has said it is done.
--
--   wrk -tT ... -s bench/human-bench.lua BASE_URL -- TOKEN RUN_IDS_FILE NODE_ID T DONE_PREFIX
--
-- Prints: RESULT requests=N ok=N bad=N errors=N p50_us=N p99_us=N max_us=N first_bad=<status>:<body>
-- An answer is good only if it is 200 and says the selection was taken; requests and the latency
-- percentiles include the few health checks of the end.

dofile("bench/wrk-result.lua")

local threads = {}
local counter = 0

function setup(thread)
    thread:set("index", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    token = args[1]
    done_file = args[5] .. index
    local node_id = args[3]
    local thread_count = tonumber(args[4])
    ids = {}
    local line_number = 0
    for line in io.lines(args[2]) do
        if line_number % thread_count == index then table.insert(ids, line) end
        line_number = line_number + 1
    end
    next_id = 1
    -- wrk calls the first thread's request() once before any connection, to check what it returns:
    -- that call gets a health check, not a run's answer.
    checked = index ~= 0
    answered = 0
    ok = 0
    bad = 0
    first_bad = ""
    body = '{"node_id":"' .. node_id .. '","action":"select","selected":[1]}'
    headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
end

function delay()
    return next_id > #ids and 50 or 0
end

function request()
    if not checked then
        checked = true
        return wrk.format("GET", "/api/health/")
    end
    if next_id > #ids then
        if answered >= #ids and not finished then
            finished = true
            io.open(done_file, "w"):close()
            wrk.thread:stop()
        end
        return wrk.format("GET", "/api/health/")
    end
    local id = ids[next_id]
    next_id = next_id + 1
    return wrk.format("POST", "/api/runs/" .. id .. "/resume/", headers, body)
end

-- Answers to the resumes name the run (task_id) or are errors; the health checks are neither.
function response(status, headers, body)
    body = body or ""
    if status == 200 and not string.find(body, '"task_id"', 1, true) then return end
    answered = answered + 1
    if status == 200 and string.find(body, '"action":"select"', 1, true) then
        ok = ok + 1
    else
        bad = bad + 1
        if first_bad == "" then first_bad = status .. ":" .. string.sub(body, 1, 200) end
    end
end

function done(summary, latency, requests)
    write_result(threads, summary, latency)
end
