-- ARGV: cutoff, limit
-- Fair-level (no stand keys): candidates unseen since the cutoff, with their
-- stands; one in an interview, or called for a booked slot (its grace is the
-- call's deadline), keeps the place and gets the cutoff as mark.
local cutoff, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local result = {}
for _, cand in ipairs(redis.call('ZRANGEBYSCORE', K_presence, '-inf', '(' .. cutoff, 'LIMIT', 0, limit)) do
  local raw = redis.call('HGET', K_busy, cand)
  local busy = raw and cjson.decode(raw)
  if busy and (busy.s == 'interviewing' or busy.b) then
    redis.call('ZADD', K_presence, cutoff, cand)
  else
    table.insert(result, { cand, redis.call('HGET', K_candidateStands, cand) or '' })
  end
end
return cjson.encode(result)
