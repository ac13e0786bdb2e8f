-- Issues a one-time code, or refuses to. KEYS: [1] the code (hash), [2] the resend gate, [3] codes for this
-- subject this hour, [4] codes asked from this address this hour, [5] codes for this subject today. ARGV: [1] the
-- code's digest, [2] payload, [3] code lifetime ms, [4] resend gap ms, [5] hour ms, [6] codes per subject per hour,
-- [7] per address per hour, [8] day ms, [9] codes per subject per day.
-- Returns {1, 0} when issued (an earlier code for the subject is replaced), else {0, ms to wait}.
local gate = redis.call('PTTL', KEYS[2])
if gate > 0 then
  return {0, gate}
end
if tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[9]) then
  return {0, redis.call('PTTL', KEYS[5])}
end
if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[6]) then
  return {0, redis.call('PTTL', KEYS[3])}
end
if tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[7]) then
  return {0, redis.call('PTTL', KEYS[4])}
end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[4])
for i = 3, 4 do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[5])
  end
end
if redis.call('INCR', KEYS[5]) == 1 then
  redis.call('PEXPIRE', KEYS[5], ARGV[8])
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'digest', ARGV[1], 'tries', 0, 'payload', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, 0}
