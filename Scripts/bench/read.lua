-- wrk script: each connection a different viewer reading random articles with their spans, or, when the
-- second argument is an API path (/v1/…), that one page (a list page) over and over.
-- Usage: wrk -t32 -c32 -d10s -s read.lua URL -- TOKENS_FILE ARTICLES_FILE
--        wrk -t32 -c32 -d10s -s read.lua URL -- TOKENS_FILE /v1/projects/bench/articles?limit=100
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
    if string.sub(args[2], 1, 4) == "/v1/" then path = args[2] else articles = lines(args[2]) end
    math.randomseed(id)
    failures = 0
end

function request()
    local target = path or ("/v1/articles/" .. articles[math.random(#articles)])
    return wrk.format("GET", target, { ["Authorization"] = "Bearer " .. tokens[id] })
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
