-- wrk script for scripts/load-test.sh. Arguments after "--": the file's size in bytes and the range size,
-- or nothing for plain GETs. With a size, each request asks for one random range of the file and each answer
-- must be a 206 with exactly that many bytes; otherwise each answer must be a 200. Anything else counts as bad.
-- At the end one line: "RESULT requests=N seconds=S rps=R p50_ms=A p99_ms=B errors=E bad=K (errors: ...)", where
-- errors are wrk's socket errors (a timeout is an answer that took over wrk's 2 s) and bad the wrong answers.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  size = tonumber(args[1])
  span = tonumber(args[2])
  bad = 0
  math.randomseed(os.time() * 100 + id) -- each thread its own sequence of ranges
end

function request()
  if size == nil then
    return wrk.format("GET")
  end
  local first = math.random(0, size - span)
  return wrk.format("GET", nil, { ["Range"] = "bytes=" .. first .. "-" .. (first + span - 1) })
end

function response(status, headers, body)
  if size == nil then
    if status ~= 200 then bad = bad + 1 end
  elseif status ~= 206 or #body ~= span then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total_bad = 0
  for _, thread in ipairs(threads) do
    total_bad = total_bad + thread:get("bad")
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d bad=%d"
    .. " (errors: connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors, total_bad, e.connect, e.read, e.write, e.status, e.timeout))
end
