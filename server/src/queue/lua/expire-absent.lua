-- ARGV: prefix, cutoff
-- Candidates not seen since the cutoff lose their places (the reconnect grace
-- ran out), except while interviewing. Returns a flat list: candidateId,
-- count, standId x count, ...
local cutoff = tonumber(ARGV[2])
local result = {}
for _, cand in ipairs(redis.call('ZRANGEBYSCORE', K.presence(P), '-inf', '(' .. cutoff)) do
  local busy = get_busy(cand)
  if busy and busy.s == 'interviewing' then
    redis.call('ZADD', K.presence(P), cutoff, cand)
  else
    local stands = redis.call('SMEMBERS', K.candidateStands(P, cand))
    table.insert(result, cand)
    table.insert(result, #stands)
    for _, stand in ipairs(stands) do
      remove_entry(stand, cand)
      table.insert(result, stand)
    end
    redis.call('ZREM', K.presence(P), cand)
  end
end
return result
