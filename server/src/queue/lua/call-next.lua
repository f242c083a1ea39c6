-- ARGV: prefix, standId, recruiterId, recruiterLanguagesCsv, deadline, onlineSince
-- Picks the first eligible entry (waiting, candidate not busy anywhere, online),
-- preferring the first one who shares a language with the recruiter.
local stand, recruiter, langs = ARGV[2], ARGV[3], ARGV[4]
local deadline, online_since = tonumber(ARGV[5]), tonumber(ARGV[6])
if redis.call('GET', K.standOpen(P, stand)) == '0' then return { 'stand_closed' } end
local first_eligible, first_match = nil, nil
for _, cand in ipairs(redis.call('ZRANGE', K.standQueue(P, stand), 0, -1)) do
  local entry = get_entry(stand, cand)
  if entry and entry.s == 'waiting' and redis.call('EXISTS', K.candidateBusy(P, cand)) == 0 then
    local seen = tonumber(redis.call('ZSCORE', K.presence(P), cand) or '0')
    if seen >= online_since then
      if not first_eligible then first_eligible = { cand, entry } end
      if langs == '' then break end
      if shares_language(entry.l, langs) then
        first_match = { cand, entry }
        break
      end
    end
  end
end
local chosen = first_match or first_eligible
if not chosen then return { 'empty' } end
local cand, entry = chosen[1], chosen[2]
entry.s = 'called'
entry.d = deadline
entry.r = recruiter
local raw = put_entry(stand, cand, entry)
redis.call('SET', K.candidateBusy(P, cand), cjson.encode({ st = stand, s = 'called' }))
redis.call('ZADD', K.callDeadlines(P), deadline, call_member(stand, cand))
return { 'called', cand, raw }
