-- ARGV: prefix, standId, candidateId, durationMs
local stand, cand, duration = ARGV[2], ARGV[3], tonumber(ARGV[4])
local entry = get_entry(stand, cand)
if not entry or entry.s ~= 'interviewing' then return 0 end
remove_entry(stand, cand)
if duration and duration > 0 then
  redis.call('LPUSH', K.standDurations(P, stand), duration)
  redis.call('LTRIM', K.standDurations(P, stand), 0, 19)
end
return 1
