-- One draft agreement per request, each with a title of its own, so that every request is a new stream.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local run = os.getenv("BENCH_RUN") or "bench"
function request()
  counter = counter + 1
  local body = string.format(
    '{"kind":"cooperation","title":"Bench %s %d-%d","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"spheres":["trade-economic"]}',
    run, tid or 0, counter)
  return wrk.format("POST", nil, nil, body)
end
