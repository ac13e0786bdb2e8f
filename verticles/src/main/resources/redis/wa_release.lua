-- Ends a claim. ARGV: id, mode ('done' forgets the message; 'requeue' puts it back in its queue at
-- its old place, or in the delayed set when ARGV[3] due ms is later than ARGV[4] now ms), owner node.
-- A node whose claim expired and went to another node changes nothing: the new holder owns the message.
local P = 'aglis:wa:'
local id, mode, owner = ARGV[1], ARGV[2], ARGV[5]
local holder = redis.call('HGET', P .. 'lease:owner', id)
if holder and holder ~= owner then
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
local due, now = tonumber(ARGV[3]), tonumber(ARGV[4])
if due > now then
  redis.call('ZADD', P .. 'delayed', due, id)
  return 1
end
redis.call('ZADD', queue, seq, id)
return 1
