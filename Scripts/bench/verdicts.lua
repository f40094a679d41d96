-- wrk script: 32 connections, one thread each, each a different reviewer submitting first verdicts on
-- claims no other reviewer is on at that moment (thread i walks the claim list from offset 60*i).
-- Usage: wrk -t32 -c32 -d10s -s verdicts.lua URL -- TOKENS_FILE CLAIMS_FILE
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
    n = 0
    failures = 0
end

function request()
    n = n + 1
    local claim = claims[((id - 1) * 60 + n) % #claims + 1]
    return wrk.format("PUT", "/v1/claims/" .. claim .. "/verdicts/mine",
        { ["Authorization"] = "Bearer " .. tokens[id], ["Content-Type"] = "application/json" },
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
