-- ARGV: prefix, now
-- Every call whose deadline passed counts as a no-show. Returns a flat list
-- of standId, candidateId, recruiterId, outcome.
local now = tonumber(ARGV[2])
local result = {}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', K.callDeadlines(P), '-inf', now)) do
  local sep = string.find(member, '|', 1, true)
  local stand, cand = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
  local entry = get_entry(stand, cand)
  if entry and entry.s == 'called' then
    local recruiter = entry.r or ''
    local outcome = no_show(stand, cand, entry)
    table.insert(result, stand)
    table.insert(result, cand)
    table.insert(result, recruiter)
    table.insert(result, outcome)
  else
    redis.call('ZREM', K.callDeadlines(P), member)
  end
end
return result
