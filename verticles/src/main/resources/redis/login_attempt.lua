-- Counts one sign-in attempt against its account (KEYS[1]) and its address (KEYS[2]) in a window of
-- ARGV[1] ms, unless either is already at its limit (ARGV[2] per account, ARGV[3] per address): then it
-- returns {0, ms until that counter clears} and counts nothing. Otherwise {1, 0}.
-- Counting before the password is checked is what makes parallel guesses hit the limit too.
local account = tonumber(redis.call('GET', KEYS[1]) or '0')
local address = tonumber(redis.call('GET', KEYS[2]) or '0')
if account >= tonumber(ARGV[2]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
if address >= tonumber(ARGV[3]) then
  return {0, redis.call('PTTL', KEYS[2])}
end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then
    redis.call('PEXPIRE', key, ARGV[1])
  end
end
return {1, 0}
