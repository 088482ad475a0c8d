-- POST /bookings by many students (issue 15): 100 signed-in students book 20 tutors open 06:00-22:00 UTC every day
-- (scripts/bench/bookings.sql). Request i books tutor i % 20 at hour (i / 20) of the sequence of open hours starting
-- at BENCH_BOOKING_FROM, as student i % 100, so no two requests ask for the same tutor's hour and no student holds two
-- lessons at once. run.sh writes the students' tokens and the tutors' (tutor, subject, level) to the files named by
-- BENCH_BOOKING_TOKENS and BENCH_BOOKING_TUTORS.
local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

local tokens = lines(os.getenv("BENCH_BOOKING_TOKENS"))
local tutors = {}
for _, line in ipairs(lines(os.getenv("BENCH_BOOKING_TUTORS"))) do
  local id, subject, level = line:match("^(%S+)|(%S+)|(%S+)$")
  tutors[#tutors + 1] = { id = id, subject = subject, level = level }
end
local from = tonumber(os.getenv("BENCH_BOOKING_FROM")) -- epoch seconds of the first day's 00:00 UTC
local OPEN_HOURS, FIRST_HOUR = 16, 6

local threads, counter = 0, 0
function setup(thread)
  thread:set("index", threads)
  threads = threads + 1
end

function init(args)
  counter = index
end

request = function()
  local i = counter
  counter = counter + 2 -- wrk -t2: thread 0 takes the even requests, thread 1 the odd ones
  local tutor = tutors[(i % #tutors) + 1]
  local k = math.floor(i / #tutors)
  local day, hour = math.floor(k / OPEN_HOURS), FIRST_HOUR + k % OPEN_HOURS
  local starts = os.date("!%Y-%m-%dT%H:00:00Z", from + day * 86400 + hour * 3600)
  local body = string.format(
    '{"tutorId":"%s","subjectId":"%s","level":"%s","startsAt":"%s","durationMinutes":60}',
    tutor.id, tutor.subject, tutor.level, starts)
  return wrk.format("POST", "/api/v1/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1]
  }, body)
end
