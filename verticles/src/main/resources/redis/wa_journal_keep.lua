-- Keeps the provider's answer to a send that PostgreSQL could not record (it refused or was unreachable
-- when the answer came), and ends the send's claim, in one step: from here on the message is either still
-- claimed with no answer kept, or out of the queue with its answer in the journal, never neither. A kept
-- answer is the proof the message reached the provider: nothing may send it again (the claim path, the
-- reconciler and the unknown-send settler all look here first), and it is replayed into PostgreSQL, with
-- a guarded, idempotent statement, as soon as PostgreSQL takes writes again (OutcomeJournal).
-- ARGV: message id, claim token, entry (JSON: status, providerIds, detail, at ms).
-- Returns 1 when the claim was ended here, 0 when another claim holds the message (its lease expired
-- mid-send); the answer is kept either way, as it is a fact whoever holds the message now.
-- Keeping it twice (a retry after a lost reply) changes nothing more.
local P = KEYS[1]  -- the dispatch prefix (RedisKeys.WA)
local id, claim, entry = ARGV[1], ARGV[2], ARGV[3]
redis.call('HSET', P .. 'journal', id, entry)

local holder = redis.call('HGET', P .. 'lease:owner', id)
if holder and holder ~= claim then
  return 0
end
redis.call('ZREM', P .. 'leases', id)
redis.call('HDEL', P .. 'lease:owner', id)
local meta = redis.call('HGET', P .. 'meta', id)
if not meta then return 1 end
local priority, seq, device = string.match(meta, '^(%d)|(%d+)|(.*)$')
local queue = P .. 'q:' .. priority
if device ~= '' then queue = queue .. ':' .. device end
redis.call('ZREM', queue, id)
redis.call('ZREM', P .. 'delayed', id)
redis.call('HDEL', P .. 'meta', id)
return 1
