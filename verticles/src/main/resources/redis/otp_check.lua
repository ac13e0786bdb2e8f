-- Checks a one-time code. KEYS: [1] the code (hash). ARGV: [1] the digest of the code given, [2] tries allowed.
-- Returns {1, payload} and removes the code when it matches (a code works once); else {0, ''}. Every try counts,
-- and the code is removed at the last allowed wrong try, so guessing it needs a new code (throttled) every few tries.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {0, ''}
end
local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
if redis.call('HGET', KEYS[1], 'digest') == ARGV[1] then
  local payload = redis.call('HGET', KEYS[1], 'payload')
  redis.call('DEL', KEYS[1])
  return {1, payload}
end
if tries >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
end
return {0, ''}
