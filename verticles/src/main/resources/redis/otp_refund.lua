-- Withdraws a code that could not be sent and gives its request back to the throttle. KEYS as otp_issue.lua.
redis.call('DEL', KEYS[1], KEYS[2])
for _, key in ipairs({KEYS[3], KEYS[4], KEYS[5]}) do
  if tonumber(redis.call('GET', key) or '0') > 0 then
    redis.call('DECR', key)
  end
end
return 1
