-- wrk script: each connection a different viewer reading the first page of 100 articles of the project.
-- Usage: wrk -t32 -c32 -d10s -s list.lua URL -- TOKENS_FILE
local counter = 0
local all_threads = {}

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(all_threads, thread)
end

function init(args)
    tokens = {}
    for line in io.lines(args[1]) do
        if #line > 0 then table.insert(tokens, line) end
    end
    failures = 0
end

function request()
    return wrk.format("GET", "/v1/projects/bench/articles?limit=100", { ["Authorization"] = "Bearer " .. tokens[id] })
end

function response(status, headers, body)
    if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(all_threads) do failed = failed + thread:get("failures") end
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f non200=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed))
end
