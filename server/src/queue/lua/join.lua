-- ARGV: prefix, standId, candidateId, languagesCsv, cap, now
local stand, cand, langs, cap, now = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
local existing = redis.call('HGET', K.standEntries(P, stand), cand)
if existing then return { 'already', existing } end
if redis.call('GET', K.standOpen(P, stand)) == '0' then return { 'stand_closed' } end
if redis.call('SCARD', K.candidateStands(P, cand)) >= cap then return { 'cap_reached' } end
local ticket = redis.call('INCR', K.ticketCounter(P))
local raw = put_entry(stand, cand, { t = ticket, s = 'waiting', l = langs, n = 0, j = now })
redis.call('ZADD', K.standQueue(P, stand), ticket, cand)
redis.call('SADD', K.candidateStands(P, cand), stand)
redis.call('ZADD', K.presence(P), now, cand)
return { 'joined', raw }
