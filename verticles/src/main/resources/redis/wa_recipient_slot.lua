-- Gives a non-urgent message to one recipient its clock hour: the hour it is due in, if the recipient has
-- been given fewer than `cap` messages in it, else the first later hour with room. Hours handed out are
-- remembered, so a burst of 20 at a cap of 6 goes out as 6, 6, 6 and 2 over four hours, and a message
-- accepted later queues behind those already waiting.
-- KEYS[1]: the recipient's hash: hour number -> messages given that hour, and 'open' -> the first hour, from
--          the present on, that has room (every hour from now until it is full).
-- ARGV: now ms, due ms (now, or the message's later notBefore), cap, hour length ms.
-- Returns the start of the hour given, in ms, or 0 for the hour the message is due in.
local key = KEYS[1]
local now, due, cap, hour = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local nowHour, dueHour = math.floor(now / hour), math.floor(due / hour)
local open = math.max(nowHour, tonumber(redis.call('HGET', key, 'open') or '0'))
local slot = math.max(dueHour, open)
-- (More than one step only when the cap was lowered since the hours were handed out, or for a message due
-- beyond the open hour.)
while tonumber(redis.call('HGET', key, slot) or '0') >= cap do
  slot = slot + 1
end
local given = redis.call('HINCRBY', key, slot, 1)
if dueHour <= open then
  -- This search began at the open hour, so the hours it passed are full.
  redis.call('HSET', key, 'open', given >= cap and slot + 1 or slot)
end
redis.call('HDEL', key, nowHour - 1)
-- Kept until the last hour handed out has passed.
local expiresAt = (slot + 1) * hour
if redis.call('PTTL', key) < expiresAt - now then
  redis.call('PEXPIREAT', key, expiresAt)
end
if slot == dueHour then
  return 0
end
return slot * hour
