-- wrk script: 32 reviewers submitting first verdicts on claims no other reviewer is on at that moment
-- (reviewer r walks the claim list from offset 60*r). With one connection per thread (the default), thread
-- i is reviewer i. With K connections per thread (fewer wrk threads, so the load generator takes less of a
-- small machine), thread i's requests take its K reviewers in turn, (i-1)*K+1 ... i*K, each on its own
-- next claim.
-- OFFSET (default 0) moves every reviewer's walk further along the list: a warm-up run with OFFSET 1500 uses
-- claims the measured run (OFFSET 0) does not reach, so every measured verdict is still a first one.
-- Usage: wrk -t32 -c32 -d10s -s verdicts.lua URL -- TOKENS_FILE CLAIMS_FILE [K [OFFSET]]
local counter = 0
local all_threads = {}

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(all_threads, thread)
end

local function lines(path)
    local result = {}
    for line in io.lines(path) do
        if #line > 0 then table.insert(result, line) end
    end
    return result
end

function init(args)
    tokens = lines(args[1])
    claims = lines(args[2])
    per_thread = tonumber(args[3] or "1")
    offset = tonumber(args[4] or "0")
    n = 0
    failures = 0
end

function request()
    local reviewer = (id - 1) * per_thread + n % per_thread + 1
    local step = math.floor(n / per_thread) + 1
    n = n + 1
    local claim = claims[((reviewer - 1) * 60 + offset + step) % #claims + 1]
    return wrk.format("PUT", "/v1/claims/" .. claim .. "/verdicts/mine",
        { ["Authorization"] = "Bearer " .. tokens[reviewer], ["Content-Type"] = "application/json" },
        '{"rating":"mostly-true","confidence":0.7,"rationale":"Benchmark verdict."}')
end

function response(status, headers, body)
    if status ~= 201 then failures = failures + 1 end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(all_threads) do failed = failed + thread:get("failures") end
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f non201=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed))
end
