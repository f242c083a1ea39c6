-- ARGV: standId, now, candidateId, accept ('1' | '0'), interviewId, plannedEndsAt
-- Accepting in time starts the interview (recorded in the outbox, with when it
-- is planned to end); declining, or accepting too late, counts as a no-show.
local cand, accept, interview, planned_end = ARGV[3], ARGV[4] == '1', ARGV[5], tonumber(ARGV[6])
local entry = get_entry(cand)
if not entry or entry.s ~= 'called' then return reply({ s = 'not_called' }) end
local recruiter = entry.r or ''
if accept and NOW <= entry.d then
  redis.call('ZREM', K_callDeadlines, call_member(cand))
  entry.s = 'interviewing'
  entry.d = nil
  entry.i = interview
  put_entry(cand, entry, 'called')
  redis.call('HSET', K_busy, cand, cjson.encode({ st = STAND, s = 'interviewing' }))
  event('accept', cand, recruiter)
  record({
    kind = 'interview_start', interviewId = interview, candidateId = cand, recruiterId = recruiter,
    plannedEndsAt = entry.p or planned_end,
  })
  event('interview_start', cand, recruiter, { interviewId = interview })
  return reply({ s = 'accepted', e = entry, r = recruiter, b = entry.b or false })
end
local outcome, returned, booking = no_show(cand, entry, accept and 'no_show' or 'decline')
if accept then outcome = 'expired_' .. outcome end
return reply({ s = outcome, e = returned or false, r = recruiter, b = booking or false })
