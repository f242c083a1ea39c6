-- ARGV: prefix, standId, open ("1" | "0")
-- Closing removes every entry that is not in an interview; returns their candidate ids.
local stand, open = ARGV[2], ARGV[3] == '1'
redis.call('SET', K.standOpen(P, stand), open and '1' or '0')
local removed = {}
if not open then
  for _, cand in ipairs(redis.call('ZRANGE', K.standQueue(P, stand), 0, -1)) do
    local entry = get_entry(stand, cand)
    if not entry or entry.s ~= 'interviewing' then
      remove_entry(stand, cand)
      table.insert(removed, cand)
    end
  end
end
return removed
