-- wrk script for scripts/bench: POSTs the JSON body in the file named by $BENCH_BODY on
-- every request (keep-alive), and prints one machine-readable line at the end so the
-- driver does not parse wrk's human summary. Latencies are in microseconds.
local path = os.getenv("BENCH_BODY")
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), latency.max, errors))
end
