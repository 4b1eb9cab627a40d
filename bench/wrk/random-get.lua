-- GET a path with a random household id from ids.txt; PATH_TEMPLATE has {id}. Prints p50/p95/p99 and rps at the end.
local ids = {}
local template = os.getenv("PATH_TEMPLATE")
local token = os.getenv("TOKEN")
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
math.randomseed(os.time())

request = function()
  local path = template:gsub("{id}", ids[math.random(#ids)])
  local headers = {}
  if token and #token > 0 then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", path, headers)
end

done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d errors=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
