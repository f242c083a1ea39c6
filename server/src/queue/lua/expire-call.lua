-- ARGV: standId, now, candidateId
-- One call whose deadline passed (listed by due-calls.lua) becomes a no-show.
local cand = ARGV[3]
local entry = get_entry(cand)
if not entry or entry.s ~= 'called' then
  redis.call('ZREM', K_callDeadlines, call_member(cand))
  return reply({ s = 'gone' })
end
if entry.d > NOW then return reply({ s = 'pending' }) end
local recruiter = entry.r or ''
local outcome, _, booking = no_show(cand, entry, 'no_show')
return reply({ s = outcome, r = recruiter, b = booking or false })
