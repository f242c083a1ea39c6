-- ARGV: standId, now, open ('1' | '0'), recruiterId
-- Closing removes every entry that is not in an interview (the only script
-- that reads a whole stand: a closing stand sends everyone away).
local open, recruiter = ARGV[3] == '1', ARGV[4]
local was_open = redis.call('HGET', K_meta, 'open') ~= '0'
redis.call('HSET', K_meta, 'open', open and '1' or '0')
if was_open ~= open then changed = true end
event(open and 'stand_open' or 'stand_closed', nil, recruiter)
local removed = {}
if not open then
  for _, cand in ipairs(redis.call('ZRANGE', K_queue, 0, -1)) do
    local entry = get_entry(cand)
    if entry and entry.s ~= 'interviewing' then
      remove_entry(cand, entry)
      event('removed', cand, recruiter, { reason = 'stand_closed' })
      table.insert(removed, cand)
    end
  end
end
return reply({ s = 'ok', x = removed })
