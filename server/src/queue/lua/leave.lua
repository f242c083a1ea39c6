-- ARGV: prefix, standId, candidateId
-- Returns false when not in the queue, else the recruiter whose open call this
-- leave cancels ('' when the candidate was not being called).
local stand, cand = ARGV[2], ARGV[3]
local entry = get_entry(stand, cand)
if not entry then return false end
local calledBy = (entry.s == 'called' and entry.r) or ''
remove_entry(stand, cand)
return calledBy
