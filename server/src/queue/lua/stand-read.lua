-- ARGV: standId, now, mode ('counts' | 'view' | 'head' | 'all'), candidateId or limit, '' (no operation id: a read)
-- One consistent read of a stand. 'view' adds, for one candidate, their entry
-- and how many waiting entries are ahead (by rank); 'head' the first `limit`
-- entries, 'all' every entry (dashboards and tests, never on a change).
local mode = ARGV[3]
local result = counts()
if mode == 'counts' then return cjson.encode(result) end
local recruiters = {}
local flat = redis.call('HGETALL', K_recruiters)
for i = 1, #flat, 2 do
  local recruiter = cjson.decode(flat[i + 1])
  recruiter.id = flat[i]
  table.insert(recruiters, recruiter)
end
result.rs = recruiters
result.du = redis.call('LRANGE', K_durations, 0, -1)
if mode == 'view' and ARGV[4] ~= '' then
  local entry = get_entry(ARGV[4])
  if entry then
    result.me = entry
    result.ahead = redis.call('ZCOUNT', K_waiting, '-inf', '(' .. entry.t)
  end
end
if mode == 'head' or mode == 'all' then
  local last = mode == 'all' and -1 or (tonumber(ARGV[4]) - 1)
  local entries = {}
  for _, cand in ipairs(redis.call('ZRANGE', K_queue, 0, last)) do
    local entry = get_entry(cand)
    if entry then
      local busy = get_busy(cand)
      entry.c = cand
      entry.f = (busy ~= nil and busy.st ~= STAND) and 1 or 0
      entry.seen = tonumber(redis.call('ZSCORE', K_presence, cand) or '0')
      table.insert(entries, entry)
    end
  end
  result.es = entries
end
return cjson.encode(result)
