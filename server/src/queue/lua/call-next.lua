-- ARGV: standId, now, recruiterId, recruiterLanguagesCsv, deadline, onlineSince, scanLimit, maxSkips
-- Looks at the head of the waiting line only (scanLimit entries): the first
-- eligible candidate (online, not busy elsewhere) who was passed over
-- maxSkips times already, else the first sharing a language with the
-- recruiter, else the first eligible. Those passed over count a skip.
local recruiter, langs = ARGV[3], ARGV[4]
local deadline, online_since = tonumber(ARGV[5]), tonumber(ARGV[6])
local scan_limit, max_skips = tonumber(ARGV[7]), tonumber(ARGV[8])
if redis.call('HGET', K_meta, 'open') == '0' then return reply({ s = 'stand_closed' }) end
local presence = redis.call('HGET', K_recruiters, recruiter)
if presence and cjson.decode(presence).p then return reply({ s = 'paused' }) end
if redis.call('HEXISTS', K_recruiterBusy, recruiter) == 1 then
  return reply({ s = 'recruiter_busy' })
end
local eligible, chosen = {}, nil
for _, cand in ipairs(redis.call('ZRANGE', K_waiting, 0, scan_limit - 1)) do
  local entry = get_entry(cand)
  if entry and entry.s == 'waiting' and redis.call('HEXISTS', K_busy, cand) == 0 then
    local seen = tonumber(redis.call('ZSCORE', K_presence, cand) or '0')
    if seen >= online_since then
      if (entry.k or 0) >= max_skips or langs == '' or shares_language(entry.l, langs) then
        chosen = { cand, entry }
        break
      end
      table.insert(eligible, { cand, entry })
    end
  end
end
if not chosen then
  chosen = table.remove(eligible, 1)
  eligible = {}
end
if not chosen then return reply({ s = 'empty' }) end
for _, passed in ipairs(eligible) do
  passed[2].k = (passed[2].k or 0) + 1
  put_entry(passed[1], passed[2], 'waiting')
end
local cand, entry = chosen[1], chosen[2]
entry.s = 'called'
entry.d = deadline
entry.r = recruiter
put_entry(cand, entry, 'waiting')
redis.call('HSET', K_busy, cand, cjson.encode({ st = STAND, s = 'called' }))
redis.call('HSET', K_recruiterBusy, recruiter, call_member(cand))
redis.call('ZADD', K_callDeadlines, deadline, call_member(cand))
event('call', cand, recruiter)
return reply({ s = 'called', c = cand, e = entry })
