-- ARGV: standId, now, candidateId, interviewId, recruiterId, startedAt
-- The interview's end is always recorded; the place goes when it is still
-- in that interview, and its length feeds the wait estimate.
local cand, interview, recruiter, started = ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
record({
  kind = 'interview_end', interviewId = interview, candidateId = cand,
  recruiterId = recruiter, startedAt = started,
})
free_recruiter(recruiter, cand)
local entry = get_entry(cand)
if not entry or entry.s ~= 'interviewing' or (entry.i and entry.i ~= interview) then
  return reply({ s = 'gone' })
end
remove_entry(cand, entry)
local duration = NOW - started
if duration > 0 then
  redis.call('LPUSH', K_durations, duration)
  redis.call('LTRIM', K_durations, 0, 19)
end
event('interview_end', cand, recruiter, { durationMs = duration, interviewId = interview })
return reply({ s = 'finished' })
