-- A sign-in succeeded. KEYS: [1] failures of this account from this address, [2] failures from this
-- address, [3] failures of this account. The owner's address starts afresh for the account; the address
-- and the account get back the attempt they were charged (the account keeps the count of others'
-- failures, so a success cannot reset an attacker's progress), without creating counters that never expire.
redis.call('DEL', KEYS[1])
for i = 2, 3 do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count > 0 then
    redis.call('DECR', KEYS[i])
  end
end
return 1
