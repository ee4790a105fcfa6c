-- wrk script of `make bench` (scripts/bench.py): cycles through the requests listed in a file,
-- counts every status, and prints one JSON line that bench.py reads.
--
--   wrk -t2 -c64 -d5s -s bench/wrk.lua http://127.0.0.1:8001 -- requests.tsv
--
-- requests.tsv: one request a line, `path<TAB>Header: value<TAB>Header: value...`.

local requests = {}
local counter = 0
statuses = {}  -- global: done() reads it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function split(line, separator)
  local parts = {}
  for part in string.gmatch(line, "([^" .. separator .. "]+)") do
    table.insert(parts, part)
  end
  return parts
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if line ~= "" then
      local parts = split(line, "\t")
      local headers = {}
      for index = 2, #parts do
        local name, value = string.match(parts[index], "^([^:]+):%s*(.*)$")
        headers[name] = value
      end
      table.insert(requests, wrk.format("GET", parts[1], headers))
    end
  end
  file:close()
  -- Threads start at different places in the list, so together they cover it evenly.
  counter = math.random(#requests) - 1
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests_)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "mean_us": %.1f, "max_us": %d, "statuses": {%s}, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.mean, latency.max, table.concat(parts, ", "),
    errors.connect, errors.read, errors.write, errors.timeout))
end
