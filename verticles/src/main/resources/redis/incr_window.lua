-- Counts an event in a fixed window: increments KEYS[1] and starts its expiry (ARGV[1] ms) on the first hit.
-- Returns {count, remaining ms}. One round trip, atomic on every node.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return {n, redis.call('PTTL', KEYS[1])}
