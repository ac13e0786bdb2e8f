-- Ends claims. ARGV, per claim: id, mode, due ms, now ms, claim token, journal entry. Modes:
--   'done'    forgets the message (it left the queue for good);
--   'requeue' puts it back in its queue at its old place, or in the delayed set when due ms is later than now ms;
--   'keep'    keeps the provider's answer to a send that PostgreSQL could not record (the journal entry: JSON
--             with status, providerIds, detail, at ms), then ends the claim as 'done' does, in one step.
-- The journal entry is '' for the other modes. Returns one 1 (changed) or 0 (held by another claim, or
-- unknown) per claim.
-- A claim that expired and was followed by another (of any node, this one included) changes nothing:
-- the newer claim owns the message. So running it twice for a claim changes nothing more, and a batch
-- that failed half-way, or whose reply was lost, may be retried.
-- 'keep': from here on the message is either still claimed with no answer kept, or out of the queue with
-- its answer in the journal, never neither. A kept answer is the proof the message reached the provider:
-- nothing may send it again (the claim path, the reconciler and the unknown-send settler all look there
-- first), and it is replayed into PostgreSQL, with a guarded, idempotent statement, as soon as PostgreSQL
-- takes writes again (OutcomeJournal). It is kept even when another claim holds the message (its lease
-- expired mid-send), as it is a fact whoever holds the message now.
local P = KEYS[1]  -- the dispatch prefix (RedisKeys.WA)

local function release(id, mode, due, now, claim, entry)
  if mode == 'keep' then
    redis.call('HSET', P .. 'journal', id, entry)
    mode = 'done'
  end
  local holder = redis.call('HGET', P .. 'lease:owner', id)
  if holder and holder ~= claim then
    return 0
  end
  redis.call('ZREM', P .. 'leases', id)
  redis.call('HDEL', P .. 'lease:owner', id)
  local meta = redis.call('HGET', P .. 'meta', id)
  if not meta then return 0 end
  local priority, seq, device = string.match(meta, '^(%d)|(%d+)|(.*)$')
  local queue = P .. 'q:' .. priority
  if device ~= '' then queue = queue .. ':' .. device end
  if mode == 'done' then
    -- Also out of the queue, in case an expired claim had already put it back there.
    redis.call('ZREM', queue, id)
    redis.call('ZREM', P .. 'delayed', id)
    redis.call('HDEL', P .. 'meta', id)
    return 1
  end
  if due > now then
    redis.call('ZADD', P .. 'delayed', due, id)
    return 1
  end
  redis.call('ZADD', queue, seq, id)
  return 1
end

local results = {}
for i = 1, #ARGV, 6 do
  results[#results + 1] = release(ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), ARGV[i + 4],
    ARGV[i + 5])
end
return results
