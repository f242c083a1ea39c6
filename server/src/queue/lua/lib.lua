-- Helpers shared by every queue script (prepended after the key prelude).
-- ARGV[1] is always the key prefix.
local P = ARGV[1]

local function get_entry(stand, cand)
  local raw = redis.call('HGET', K.standEntries(P, stand), cand)
  if not raw then return nil end
  return cjson.decode(raw)
end

local function put_entry(stand, cand, entry)
  local raw = cjson.encode(entry)
  redis.call('HSET', K.standEntries(P, stand), cand, raw)
  return raw
end

local function call_member(stand, cand)
  return stand .. '|' .. cand
end

local function get_busy(cand)
  local raw = redis.call('GET', K.candidateBusy(P, cand))
  if not raw then return nil end
  return cjson.decode(raw)
end

-- Removes one entry and everything that hangs off it; the candidate leaves
-- the presence set when they are in no queue any more.
local function remove_entry(stand, cand)
  redis.call('HDEL', K.standEntries(P, stand), cand)
  redis.call('ZREM', K.standQueue(P, stand), cand)
  redis.call('SREM', K.candidateStands(P, cand), stand)
  redis.call('ZREM', K.callDeadlines(P), call_member(stand, cand))
  local busy = get_busy(cand)
  if busy and busy.st == stand then redis.call('DEL', K.candidateBusy(P, cand)) end
  if redis.call('SCARD', K.candidateStands(P, cand)) == 0 then
    redis.call('ZREM', K.presence(P), cand)
  end
end

-- A declined or unanswered call: the first time back to the same place,
-- the second time out of the queue.
local function no_show(stand, cand, entry)
  redis.call('ZREM', K.callDeadlines(P), call_member(stand, cand))
  entry.n = (entry.n or 0) + 1
  if entry.n >= 2 then
    remove_entry(stand, cand)
    return 'removed', nil
  end
  entry.s = 'waiting'
  entry.d = nil
  entry.r = nil
  redis.call('DEL', K.candidateBusy(P, cand))
  return 'returned', put_entry(stand, cand, entry)
end

local function shares_language(csv_a, csv_b)
  for a in string.gmatch(csv_a or '', '[^,]+') do
    for b in string.gmatch(csv_b or '', '[^,]+') do
      if a == b then return true end
    end
  end
  return false
end
