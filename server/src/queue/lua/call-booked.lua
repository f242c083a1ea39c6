-- ARGV: standId, now, candidateId, recruiterId, languagesCsv, deadline, bookingId, plannedEndsAt
-- Slot time: the booked candidate is called as a walk-in is (same call state,
-- deadline and answer), whether or not they hold a place in this line. A
-- place made for the booking alone (o) goes when the call is not answered;
-- a walk-in place that took the call keeps its ticket. The same booking
-- called again answers `already`.
local cand, recruiter, langs = ARGV[3], ARGV[4], ARGV[5]
local deadline, booking, planned_end = tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8])
local entry = get_entry(cand)
if entry and entry.b == booking then return reply({ s = 'already', e = entry }) end
if redis.call('HEXISTS', K_recruiterBusy, recruiter) == 1 then
  return reply({ s = 'recruiter_busy' })
end
if redis.call('HEXISTS', K_busy, cand) == 1 then return reply({ s = 'candidate_busy' }) end
local prev = nil
if entry then
  prev = entry.s
else
  -- Below every walk-in's ticket, so the console's head shows it first.
  local ticket = -redis.call('INCR', K_ticketCounter)
  entry = { t = ticket, l = langs, n = 0, j = NOW, k = 0, o = 1 }
  redis.call('ZADD', K_queue, ticket, cand)
  local stands = stands_of(cand)
  table.insert(stands, STAND)
  set_stands(cand, stands)
  redis.call('ZADD', K_presence, 'NX', NOW, cand)
end
entry.s = 'called'
entry.d = deadline
entry.r = recruiter
entry.b = booking
entry.p = planned_end
put_entry(cand, entry, prev)
redis.call('HSET', K_busy, cand, cjson.encode({ st = STAND, s = 'called', b = 1 }))
redis.call('HSET', K_recruiterBusy, recruiter, call_member(cand))
redis.call('ZADD', K_callDeadlines, deadline, call_member(cand))
event('call', cand, recruiter, { bookingId = booking })
return reply({ s = 'called', e = entry })
