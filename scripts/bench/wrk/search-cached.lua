-- Cached search: twenty filter sets asked over and over (the first of each fills the cache).
local queries = {
  "q=maths", "q=physics", "q=chemistry", "q=algebra", "q=grammar", "q=revision", "q=piano", "q=exam",
  "q=patient", "q=calculus", "level=GCSE", "level=A_LEVEL", "sort=rating", "sort=newest", "q=spanish",
  "q=essays", "q=olympiad", "q=online", "q=experiments", "q=literature"
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/tutors?" .. queries[(i % #queries) + 1])
end
