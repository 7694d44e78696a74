-- One draft agreement per request, each with a title of its own, so that every request is a new stream.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local run = os.getenv("BENCH_RUN") or "bench"
local region = os.getenv("BENCH_REGION") or "BY-VI"
local partner = os.getenv("BENCH_PARTNER") or "CN-HL"
function request()
  counter = counter + 1
  local body = string.format(
    '{"kind":"cooperation","title":"Bench %s %d-%d","parties":[{"code":"%s"},{"code":"%s"}],"spheres":["trade-economic"]}',
    run, tid or 0, counter, region, partner)
  return wrk.format("POST", nil, nil, body)
end
