-- wrk script for benchmark P5 (scripts/bench-admin-latency.sh): counts every response that is not
-- 2xx as an error, and prints one machine-readable line at the end.
--
-- wrk's own summary.errors.status counts only statuses above 399, so a 302 to the login page (the
-- auth cookie was not accepted) would pass unnoticed; response() sees every status instead. Each wrk
-- thread has its own Lua state, so the counts live in per-thread globals and done() adds them up.
--
-- Output (latencies in milliseconds, from wrk's histogram of completed requests):
--   P5 requests=N seconds=S rps=R p50_ms=A p95_ms=B p99_ms=C max_ms=D non2xx=E socket_errors=F first_bad_status=G

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   non2xx = 0
   first_bad_status = 0
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_bad_status == 0 then
         first_bad_status = status
      end
   end
end

function done(summary, latency, requests)
   local bad, first = 0, 0
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("non2xx")
      local status = thread:get("first_bad_status")
      if first == 0 and status ~= 0 then
         first = status
      end
   end

   local e = summary.errors
   local socket = e.connect + e.read + e.write + e.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "P5 requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d first_bad_status=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      bad, socket, first))
end
