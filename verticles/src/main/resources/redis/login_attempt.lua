-- Counts one sign-in attempt, or refuses it. KEYS: [1] failures of this account from this address,
-- [2] failures from this address (any account), [3] failures of this account (any address), [4] the
-- account's pacing gate. ARGV: [1] window ms, [2] limit per account and address, [3] limit per address,
-- [4] account-wide count from which attempts are paced, [5] pacing interval ms.
-- Returns {1, 0} when the attempt may go ahead (and counts it in 1-3), else {0, ms to wait} and counts nothing.
-- Counting before the password is checked is what makes parallel guesses hit the limits too.
-- The account-wide count never locks: beyond ARGV[4], addresses that have already failed on this account
-- share one attempt per ARGV[5] ms, so guesses spread over many addresses are slowed; an address without
-- failures on it (the owner's) is not held back at all, so attackers cannot take the owner's turns.
local pair = tonumber(redis.call('GET', KEYS[1]) or '0')
if pair >= tonumber(ARGV[2]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
local address = tonumber(redis.call('GET', KEYS[2]) or '0')
if address >= tonumber(ARGV[3]) then
  return {0, redis.call('PTTL', KEYS[2])}
end
local account = tonumber(redis.call('GET', KEYS[3]) or '0')
if account >= tonumber(ARGV[4]) and pair > 0 then
  if not redis.call('SET', KEYS[4], '1', 'PX', ARGV[5], 'NX') then
    return {0, redis.call('PTTL', KEYS[4])}
  end
end
for i = 1, 3 do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[1])
  end
end
return {1, 0}
