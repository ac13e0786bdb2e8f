-- Takes a message out of the queue for good (cancelled). ARGV: id. Claimed messages are not touched:
-- their outcome is recorded by the node sending them.
local P = KEYS[1]  -- the dispatch prefix (RedisKeys.WA)
local id = ARGV[1]
local meta = redis.call('HGET', P .. 'meta', id)
if meta then
  local priority, seq, device = string.match(meta, '^(%d)|(%d+)|(.*)$')
  local queue = P .. 'q:' .. priority
  if device ~= '' then queue = queue .. ':' .. device end
  redis.call('ZREM', queue, id)
end
redis.call('ZREM', P .. 'delayed', id)
if redis.call('ZSCORE', P .. 'leases', id) then return 0 end
redis.call('HDEL', P .. 'meta', id)
return 1
