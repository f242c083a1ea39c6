-- ARGV: standId, now, candidateId, reason ('' when the candidate left), absentSince ('' for none)
-- With absentSince, only a candidate still unseen since then (and not in an
-- interview) loses the place. Answers who was calling ('' when nobody).
local cand, reason, absent_since = ARGV[3], ARGV[4], tonumber(ARGV[5])
local entry = get_entry(cand)
if not entry then return reply({ s = 'not_in_queue' }) end
if absent_since then
  local seen = tonumber(redis.call('ZSCORE', K_presence, cand) or '0')
  local busy = get_busy(cand)
  if seen >= absent_since or (busy and busy.s == 'interviewing') then
    return reply({ s = 'not_absent' })
  end
end
local called_by = (entry.s == 'called' and entry.r) or ''
remove_entry(cand, entry)
if reason == '' then
  event('leave', cand)
elseif reason == 'account_deleted' then
  event('removed', nil, nil, { reason = reason })
else
  event('removed', cand, nil, { reason = reason })
end
return reply({ s = 'left', r = called_by })
