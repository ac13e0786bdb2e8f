-- A sign-in succeeded: its account (KEYS[1]) starts afresh and its address (KEYS[2]) gets back the
-- attempt it was charged, without creating a counter that never expires.
redis.call('DEL', KEYS[1])
local address = tonumber(redis.call('GET', KEYS[2]) or '0')
if address > 0 then
  redis.call('DECR', KEYS[2])
end
return 1
