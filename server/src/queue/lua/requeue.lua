-- ARGV: prefix, standId, candidateId
-- Puts a called or interviewing entry back to waiting at its own place
-- (used when starting the interview failed, so nothing is lost).
local stand, cand = ARGV[2], ARGV[3]
local entry = get_entry(stand, cand)
if not entry then return 0 end
entry.s = 'waiting'
entry.d = nil
entry.r = nil
entry.i = nil
put_entry(stand, cand, entry)
redis.call('ZREM', K.callDeadlines(P), call_member(stand, cand))
local busy = get_busy(cand)
if busy and busy.st == stand then redis.call('DEL', K.candidateBusy(P, cand)) end
return 1
