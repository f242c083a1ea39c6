-- ARGV: prefix, standId, candidateId, interviewId
local stand, cand, interview = ARGV[2], ARGV[3], ARGV[4]
local entry = get_entry(stand, cand)
if not entry or entry.s ~= 'interviewing' then return 0 end
entry.i = interview
put_entry(stand, cand, entry)
return 1
