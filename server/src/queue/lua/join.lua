-- ARGV: standId, now, candidateId, languagesCsv, cap, answersJson
-- A new place at the end of the line, with the consent and the screening
-- answers recorded in the same step.
local cand, langs, cap, answers = ARGV[3], ARGV[4], tonumber(ARGV[5]), cjson.decode(ARGV[6])
local existing = get_entry(cand)
if existing then return reply({ s = 'already', e = existing }) end
if redis.call('HGET', K_meta, 'open') == '0' then return reply({ s = 'stand_closed' }) end
local stands = stands_of(cand)
if #stands >= cap then return reply({ s = 'cap_reached' }) end
local ticket = redis.call('INCR', K_ticketCounter)
local entry = put_entry(cand, { t = ticket, s = 'waiting', l = langs, n = 0, j = NOW, k = 0 }, nil)
redis.call('ZADD', K_queue, ticket, cand)
table.insert(stands, STAND)
set_stands(cand, stands)
redis.call('ZADD', K_presence, NOW, cand)
record({ kind = 'consent', candidateId = cand })
if #answers > 0 then record({ kind = 'answers', candidateId = cand, answers = answers }) end
event('join', cand)
return reply({ s = 'joined', e = entry })
