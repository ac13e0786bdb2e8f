-- Housekeeping any node may run at any time (idempotent): moves due delayed messages to their queues,
-- and puts back messages whose lease expired (their node died). ARGV: now ms, batch size.
-- Returns the ids whose lease expired, so the caller can record that on their timelines.
local P = KEYS[1]  -- the dispatch prefix (RedisKeys.WA)
local now, batch = tonumber(ARGV[1]), tonumber(ARGV[2])
local function requeue(id)
  local meta = redis.call('HGET', P .. 'meta', id)
  if not meta then return end
  local priority, seq, device = string.match(meta, '^(%d)|(%d+)|(.*)$')
  local queue = P .. 'q:' .. priority
  if device ~= '' then queue = queue .. ':' .. device end
  redis.call('ZADD', queue, seq, id)
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'delayed', '-inf', now, 'LIMIT', 0, batch)) do
  redis.call('ZREM', P .. 'delayed', id)
  requeue(id)
end
local expired = redis.call('ZRANGEBYSCORE', P .. 'leases', '-inf', now, 'LIMIT', 0, batch)
for _, id in ipairs(expired) do
  redis.call('ZREM', P .. 'leases', id)
  redis.call('HDEL', P .. 'lease:owner', id)
  requeue(id)
end
return expired
