-- Gives back an hour wa_recipient_slot.lua handed out for a message that was then not stored (a replayed
-- idempotency key, or a failed write), so that it does not push the recipient's real messages later.
-- KEYS[1]: the recipient's hash. ARGV: the start of the hour in ms, hour length ms.
local key = KEYS[1]
local slot = math.floor(tonumber(ARGV[1]) / tonumber(ARGV[2]))
if tonumber(redis.call('HGET', key, slot) or '0') > 0 then
  redis.call('HINCRBY', key, slot, -1)
  if tonumber(redis.call('HGET', key, 'open') or '0') > slot then
    redis.call('HSET', key, 'open', slot)
  end
end
return 1
