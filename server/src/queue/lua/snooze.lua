-- ARGV: standId, now, candidateId, snoozed ('1' | '0')
local cand, snoozed = ARGV[3], ARGV[4] == '1'
local entry = get_entry(cand)
if not entry then return reply({ s = 'not_in_queue' }) end
if entry.s ~= 'waiting' and entry.s ~= 'snoozed' then return reply({ s = 'busy', e = entry }) end
local next = snoozed and 'snoozed' or 'waiting'
if entry.s == next then return reply({ s = 'ok', e = entry }) end
local prev = entry.s
entry.s = next
put_entry(cand, entry, prev)
event(snoozed and 'snooze' or 'ready', cand)
return reply({ s = 'ok', e = entry })
