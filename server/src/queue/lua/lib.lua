-- Helpers shared by the stand scripts (prepended after the key prelude, which
-- names the declared keys K_<name>; see keys.ts). ARGV[1] is the stand id and
-- ARGV[2] the time of the change (epoch ms). Every script ends with `reply`,
-- which bumps the stand's version when something changed, appends the
-- change's records to the fair's outbox and encodes the answer as JSON.
local STAND = ARGV[1]
local NOW = tonumber(ARGV[2])
-- The last ARGV is the operation's id ('' for reads). ioredis sends a command
-- again after a reconnect when its answer was lost; the change was made then,
-- so the same operation gets the answer it had, and nothing is done twice.
local OP = ARGV[#ARGV]
local REPLY_KEEP_MS = 60000
if OP ~= '' then
  local answered = redis.call('HGET', K_replies, OP)
  if answered then return answered end
end

local delta_changes = {}
local changed = false
local records = {}

local function get_entry(cand)
  local raw = redis.call('HGET', K_entries, cand)
  if not raw then return nil end
  return cjson.decode(raw)
end

local function get_busy(cand)
  local raw = redis.call('HGET', K_busy, cand)
  if not raw then return nil end
  return cjson.decode(raw)
end

local function call_member(cand)
  return STAND .. '|' .. cand
end

local COUNTED = { called = true, interviewing = true }

-- Keeps the waiting set and the per-state counts in step with an entry's
-- state; `prev` is the state before (nil for a new entry, 'gone' after removal).
local function moved(cand, ticket, prev, next)
  if prev == next then return end
  if prev == 'waiting' then
    redis.call('ZREM', K_waiting, cand)
    table.insert(delta_changes, { ticket, -1 })
  end
  if next == 'waiting' then
    redis.call('ZADD', K_waiting, ticket, cand)
    table.insert(delta_changes, { ticket, 1 })
  end
  if prev and COUNTED[prev] then redis.call('HINCRBY', K_meta, prev, -1) end
  if next and COUNTED[next] then redis.call('HINCRBY', K_meta, next, 1) end
end

local function put_entry(cand, entry, prev)
  redis.call('HSET', K_entries, cand, cjson.encode(entry))
  moved(cand, entry.t, prev, entry.s)
  changed = true
  return entry
end

local function stands_of(cand)
  local list = {}
  local csv = redis.call('HGET', K_candidateStands, cand)
  if csv then
    for stand in string.gmatch(csv, '[^,]+') do table.insert(list, stand) end
  end
  return list
end

local function set_stands(cand, list)
  if #list == 0 then
    redis.call('HDEL', K_candidateStands, cand)
    redis.call('ZREM', K_presence, cand)
  else
    redis.call('HSET', K_candidateStands, cand, table.concat(list, ','))
  end
end

-- Frees the recruiter when they were busy with exactly this candidate here.
local function free_recruiter(recruiter, cand)
  if recruiter and redis.call('HGET', K_recruiterBusy, recruiter) == call_member(cand) then
    redis.call('HDEL', K_recruiterBusy, recruiter)
  end
end

-- Removes one entry and everything that hangs off it; the candidate leaves
-- the presence set when they are in no queue of the fair any more.
local function remove_entry(cand, entry)
  redis.call('HDEL', K_entries, cand)
  redis.call('ZREM', K_queue, cand)
  moved(cand, entry.t, entry.s, nil)
  redis.call('ZREM', K_callDeadlines, call_member(cand))
  local busy = get_busy(cand)
  if busy and busy.st == STAND then redis.call('HDEL', K_busy, cand) end
  free_recruiter(entry.r, cand)
  local kept = {}
  for _, stand in ipairs(stands_of(cand)) do
    if stand ~= STAND then table.insert(kept, stand) end
  end
  set_stands(cand, kept)
  changed = true
end

local function event(kind, cand, recruiter, data)
  local record = { kind = 'event', type = kind, standId = STAND }
  if cand then record.candidateId = cand end
  if recruiter and recruiter ~= '' then record.recruiterId = recruiter end
  if data then record.data = data end
  table.insert(records, record)
end

local function record(value)
  value.standId = STAND
  table.insert(records, value)
end

-- A declined or unanswered call: the first time back to the same place,
-- the second time out of the queue. A place made for a booking alone goes at
-- once. Also answers the booking the call was for (nil for a walk-in call).
local function no_show(cand, entry, how)
  redis.call('ZREM', K_callDeadlines, call_member(cand))
  free_recruiter(entry.r, cand)
  local booking = entry.b
  event(how, cand, nil, booking and { bookingId = booking } or nil)
  entry.n = (entry.n or 0) + 1
  if entry.n >= 2 or entry.o then
    remove_entry(cand, entry)
    event('removed', cand, nil, { reason = 'no_show' })
    return 'removed', nil, booking
  end
  entry.s = 'waiting'
  entry.d = nil
  entry.r = nil
  entry.b = nil
  entry.p = nil
  redis.call('HDEL', K_busy, cand)
  return 'returned', put_entry(cand, entry, 'called'), booking
end

local function shares_language(csv_a, csv_b)
  for a in string.gmatch(csv_a or '', '[^,]+') do
    for b in string.gmatch(csv_b or '', '[^,]+') do
      if a == b then return true end
    end
  end
  return false
end

local function counts()
  local meta = redis.call('HMGET', K_meta, 'open', 'v', 'called', 'interviewing')
  return {
    o = meta[1] ~= '0',
    v = tonumber(meta[2] or '0'),
    n = redis.call('ZCARD', K_queue),
    w = redis.call('ZCARD', K_waiting),
    c = tonumber(meta[3] or '0'),
    i = tonumber(meta[4] or '0'),
  }
end

-- The answer: `answer` plus the stand's delta (false when nothing changed).
local function reply(answer)
  if changed then
    redis.call('HINCRBY', K_meta, 'v', 1)
    local delta = counts()
    delta.ch = delta_changes
    answer.delta = delta
  else
    answer.delta = false
  end
  if #records > 0 then
    redis.call('XADD', K_outbox, '*', 'a', NOW, 'r', cjson.encode(records))
  end
  local encoded = cjson.encode(answer)
  if OP ~= '' then
    redis.call('HSET', K_replies, OP, encoded)
    redis.call('ZADD', K_replyTimes, NOW, OP)
    -- A few stale answers go with each new one, so the hash stays about a minute long.
    local stale = redis.call('ZRANGEBYSCORE', K_replyTimes, '-inf', NOW - REPLY_KEEP_MS, 'LIMIT', 0, 8)
    if #stale > 0 then
      redis.call('HDEL', K_replies, unpack(stale))
      redis.call('ZREM', K_replyTimes, unpack(stale))
    end
  end
  return encoded
end
