-- KEYS: the fair's candidateStands and busy hashes, then the entries hash of
-- each stand the caller believes the candidate queues at.
-- ARGV: candidateId, those stands as the caller read them ("a,b", or "").
-- One consistent read of a candidate's places: when the stands changed since
-- the caller read them, only the stands as they are now come back, to ask again
-- with their keys (a script touches only the keys it declares).
local cand = ARGV[1]
local csv = redis.call('HGET', KEYS[1], cand) or ''
if csv ~= ARGV[2] then return cjson.encode({ stands = csv }) end
local entries = {}
for i = 3, #KEYS do entries[i - 2] = redis.call('HGET', KEYS[i], cand) or '' end
return cjson.encode({ stands = csv, busy = redis.call('HGET', KEYS[2], cand) or '', entries = entries })
