-- ARGV: prefix, standId
-- One consistent read of a stand: open flag, entries in order (with whether
-- the candidate is busy elsewhere and when last seen), recruiters, durations.
local stand = ARGV[2]
local entries = {}
for _, cand in ipairs(redis.call('ZRANGE', K.standQueue(P, stand), 0, -1)) do
  local entry = get_entry(stand, cand)
  if entry then
    local busy = get_busy(cand)
    entry.c = cand
    entry.f = (busy ~= nil and busy.st ~= stand) and 1 or 0
    entry.seen = tonumber(redis.call('ZSCORE', K.presence(P), cand) or '0')
    table.insert(entries, entry)
  end
end
local recruiters = {}
local flat = redis.call('HGETALL', K.standRecruiters(P, stand))
for i = 1, #flat, 2 do
  local recruiter = cjson.decode(flat[i + 1])
  recruiter.id = flat[i]
  table.insert(recruiters, recruiter)
end
return cjson.encode({
  open = redis.call('GET', K.standOpen(P, stand)) ~= '0',
  entries = entries,
  recruiters = recruiters,
  durations = redis.call('LRANGE', K.standDurations(P, stand), 0, -1),
})
