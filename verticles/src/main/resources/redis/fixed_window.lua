-- Counts one request in a fixed window. KEYS[1]: the counter. ARGV[1]: the window in milliseconds.
-- Returns {count in this window (this request included), milliseconds until the window ends}.
-- The first request of a window starts its expiry; the key disappears with the window.
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
