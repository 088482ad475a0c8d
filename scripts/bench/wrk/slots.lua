-- Available slots of the demo's busiest tutor over four weeks (BENCH_TUTOR, BENCH_FROM, BENCH_TO from run.sh).
local path = "/api/v1/tutors/" .. os.getenv("BENCH_TUTOR") .. "/available-slots?from=" .. os.getenv("BENCH_FROM")
  .. "&to=" .. os.getenv("BENCH_TO")
request = function()
  return wrk.format("GET", path)
end
