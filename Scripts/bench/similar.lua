-- wrk script: each connection a reader asking /similar for random claim texts.
-- Usage: wrk -t4 -c4 -d10s -s similar.lua URL -- TOKENS_FILE QUERIES_FILE
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

local function encode(text)
    return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
    tokens = lines(args[1])
    queries = lines(args[2])
    math.randomseed(id)
    failures = 0
end

function request()
    local query = queries[math.random(#queries)]
    return wrk.format("GET", "/v1/projects/bench/similar?text=" .. encode(query), { ["Authorization"] = "Bearer " .. tokens[id] })
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
