-- Uncached text search with typos: a misspelt word and a filter set never seen before (a maximum price above every
-- tutor's, different on each request), so neither the page nor its counts are cached.
local typos = {
  "physcs", "mathematcs", "chemestry", "algebr", "calculs", "grammer", "revison", "pronunciaton", "literatur",
  "examner", "geometri", "statistcs", "vocabulery", "experimets", "probabilty", "equatons"
}
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local q = typos[math.random(#typos)]
  return wrk.format("GET", "/api/v1/tutors?q=" .. q .. "&maxPrice=" .. (1000000 + math.random(1, 1000000000)))
end
