-- wrk script of bench/server.mjs: wrk -s server-wrk.lua URL -- MODE REQUESTS_FILE TOKEN
-- MODE "match" POSTs each body of REQUESTS_FILE to /match/default; MODE "search" GETs each path.
-- REQUESTS_FILE is a Lua file returning a list of strings; each thread starts at its own place.
local items, mode, i
local threads = 0

function setup(thread)
  thread:set("offset", threads * 997)
  threads = threads + 1
end

function init(args)
  mode = args[1]
  items = dofile(args[2])
  wrk.headers["authorization"] = "Bearer " .. args[3]
  if mode == "match" then
    wrk.method = "POST"
    wrk.headers["content-type"] = "application/json"
  end
  i = offset or 0
end

function request()
  i = i % #items + 1
  if mode == "match" then
    return wrk.format(nil, "/match/default", nil, items[i])
  end
  return wrk.format(nil, items[i])
end

-- One machine-readable line for the bench; non-2xx/3xx answers are counted by wrk as "status".
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d bytes=%d seconds=%.3f p50=%.3f p99=%.3f max=%.3f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.bytes, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
