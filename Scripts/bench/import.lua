-- wrk script: 8 connections, one thread each, every request importing one article record
-- (POST /v1/projects/bench/articles, JSON); thread i takes records i, i+8, i+16, … of the records file,
-- so no two requests carry the same text. Non-201 answers are counted as failures.
-- Usage: wrk -t8 -c8 -d10s -s import.lua URL -- TOKENS_FILE RECORDS_FILE
local counter = 0
local all_threads = {}

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(all_threads, thread)
end

function init(args)
    tokens = {}
    for line in io.lines(args[1]) do if #line > 0 then table.insert(tokens, line) end end
    records = {}
    local k = 0
    for line in io.lines(args[2]) do
        k = k + 1
        if #line > 0 and (k - id) % 8 == 0 then table.insert(records, line) end
    end
    n = 0
    failures = 0
end

function request()
    n = n + 1
    return wrk.format("POST", "/v1/projects/bench/articles",
        { ["Authorization"] = "Bearer " .. tokens[id], ["Content-Type"] = "application/json" },
        records[(n - 1) % #records + 1])
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
