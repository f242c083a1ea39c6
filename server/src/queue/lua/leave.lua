-- ARGV: prefix, standId, candidateId
local stand, cand = ARGV[2], ARGV[3]
if not redis.call('HGET', K.standEntries(P, stand), cand) then return 0 end
remove_entry(stand, cand)
return 1
