-- One fixed request (METHOD, PATH, BODY_FILE optional), for latency percentiles. Prints p50/p95/p99 at the end.
local method = os.getenv("METHOD") or "GET"
local path = os.getenv("REQ_PATH")
local token = os.getenv("TOKEN")
local body = nil
local body_file = os.getenv("BODY_FILE")
if body_file and #body_file > 0 then local f = io.open(body_file, "rb"); body = f:read("*a"); f:close() end

request = function()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, path, headers, body)
end

done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d non2xx=%d errors=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
