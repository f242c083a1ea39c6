-- ARGV: prefix, standId, candidateId, accept ("1" | "0"), now
local stand, cand, accept, now = ARGV[2], ARGV[3], ARGV[4] == '1', tonumber(ARGV[5])
local entry = get_entry(stand, cand)
if not entry or entry.s ~= 'called' then return { 'not_called' } end
local recruiter = entry.r or ''
if accept and now <= entry.d then
  redis.call('ZREM', K.callDeadlines(P), call_member(stand, cand))
  entry.s = 'interviewing'
  redis.call('SET', K.candidateBusy(P, cand), cjson.encode({ st = stand, s = 'interviewing' }))
  return { 'accepted', put_entry(stand, cand, entry), recruiter }
end
local outcome, raw = no_show(stand, cand, entry)
if accept then outcome = 'expired_' .. outcome end
return { outcome, raw or false, recruiter }
