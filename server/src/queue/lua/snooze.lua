-- ARGV: prefix, standId, candidateId, snoozed ("1" | "0")
local stand, cand, snoozed = ARGV[2], ARGV[3], ARGV[4] == '1'
local entry = get_entry(stand, cand)
if not entry then return { 'not_in_queue' } end
if entry.s ~= 'waiting' and entry.s ~= 'snoozed' then
  return { 'busy', cjson.encode(entry) }
end
entry.s = snoozed and 'snoozed' or 'waiting'
return { 'ok', put_entry(stand, cand, entry) }
