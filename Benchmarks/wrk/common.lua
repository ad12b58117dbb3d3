-- Shared by every Roster wrk script: SCIM headers, loading sample files, and a done() that prints
-- one machine-readable line (BENCH_RESULT {json}) with throughput, latency percentiles and errors.
-- The API key comes from $ROSTER_KEY; sample files are one value per line.
local common = {}

-- Where the server's SCIM endpoints are: Roster's /scim/v2 unless $BENCH_SCIM_BASE says otherwise
-- (python's scim2-server serves them at the root).
common.base = os.getenv("BENCH_SCIM_BASE") or "/scim/v2"

function common.headers()
    local key = os.getenv("ROSTER_KEY")
    if key and key ~= "" then
        wrk.headers["Authorization"] = "Bearer " .. key
    end
    wrk.headers["Accept"] = "application/scim+json"
    wrk.headers["Content-Type"] = "application/scim+json"
end

function common.lines(path)
    local values = {}
    local file = assert(io.open(path, "r"), "cannot open sample file " .. tostring(path))
    for line in file:lines() do
        if line ~= "" then values[#values + 1] = line end
    end
    file:close()
    assert(#values > 0, "sample file " .. path .. " is empty")
    return values
end

-- Percent-encodes a query value (filter strings: spaces, quotes, @).
function common.encode(text)
    return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Gives each wrk thread a distinct id (1, 2, …), read in init() as `thread_id`.
local next_thread = 1
function common.setup(thread)
    thread:set("thread_id", next_thread)
    next_thread = next_thread + 1
end

function common.done(summary, latency, requests)
    local e = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format(
        'BENCH_RESULT {"requests":%d,"seconds":%.6f,"rps":%.2f,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
        '"mean_us":%.1f,"max_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency.mean, latency.max, summary.bytes,
        e.connect, e.read, e.write, e.status, e.timeout))
end

return common
