-- Takes `amount` from one of a customer's speed-test budgets for the current window, or nothing when that would pass
-- its limit. KEYS[1]: the customer's budget hash (fields: runs, uploadBytes, pings, results).
-- ARGV[1]: the field, ARGV[2]: the amount, ARGV[3]: the field's limit, ARGV[4]: the window in milliseconds,
-- ARGV[5] (optional): a field this one may not outgrow (results: no more than the runs made in the window).
-- Returns {1 when taken, 0 when the limit holds, -1 when the other field does; milliseconds until the window ends}.
-- The first take of a window starts its expiry, so the whole hash (every budget of that customer) disappears with it.
local used = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local amount = tonumber(ARGV[2])
local taken = 0
if used + amount > tonumber(ARGV[3]) then
  taken = 0
elseif ARGV[5] and used + amount > tonumber(redis.call('HGET', KEYS[1], ARGV[5]) or '0') then
  taken = -1
else
  redis.call('HINCRBY', KEYS[1], ARGV[1], amount)
  taken = 1
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  if taken == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
  ttl = tonumber(ARGV[4])
end
return {taken, ttl}
