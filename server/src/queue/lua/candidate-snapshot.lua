-- ARGV: prefix, candidateId
local cand = ARGV[2]
local entries = {}
for _, stand in ipairs(redis.call('SMEMBERS', K.candidateStands(P, cand))) do
  local entry = get_entry(stand, cand)
  if entry then
    entry.st = stand
    table.insert(entries, entry)
  end
end
return cjson.encode({ entries = entries, busy = get_busy(cand) or false })
