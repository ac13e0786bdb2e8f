-- Ends a claim. ARGV: id, mode ('done' forgets the message; 'requeue' puts it back in its queue at
-- its old place, or in the delayed set when ARGV[3] due ms is later than ARGV[4] now ms).
local P = 'aglis:wa:'
local id, mode = ARGV[1], ARGV[2]
redis.call('ZREM', P .. 'leases', id)
redis.call('HDEL', P .. 'lease:owner', id)
if mode == 'done' then
  redis.call('HDEL', P .. 'meta', id)
  return 1
end
local meta = redis.call('HGET', P .. 'meta', id)
if not meta then return 0 end
local priority, seq, device = string.match(meta, '^(%d)|(%d+)|(.*)$')
local due, now = tonumber(ARGV[3]), tonumber(ARGV[4])
if due > now then
  redis.call('ZADD', P .. 'delayed', due, id)
  return 1
end
local queue = P .. 'q:' .. priority
if device ~= '' then queue = queue .. ':' .. device end
redis.call('ZADD', queue, seq, id)
return 1
