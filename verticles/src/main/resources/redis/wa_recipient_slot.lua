-- Gives a non-urgent message to one recipient its clock hour: the hour it is due in, if the recipient has
-- been given fewer than `cap` messages in it, else the first later hour with room. Hours handed out are
-- remembered, so a burst of 20 at a cap of 6 is scheduled as 6, 6, 6 and 2 over four hours, and a message
-- accepted later queues behind those already waiting.
-- KEYS[1]: the recipient's hash: hour number -> messages given that hour; 'open' -> a lower bound on the
--          first hour with room (every hour from now until it is full, under the cap in 'cap').
-- ARGV: now ms, due ms (now, or the message's later notBefore), cap, hour length ms.
-- Returns {start of the hour given in ms, 1 if that is later than the hour the message is due in, else 0}.
local key = KEYS[1]
local now, due, cap, hour = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local nowHour, dueHour = math.floor(now / hour), math.floor(due / hour)
local open = nowHour
if redis.call('HGET', key, 'cap') == ARGV[3] then
  -- (Under another cap, hours before 'open' may have room now: search from the present instead.)
  open = math.max(nowHour, tonumber(redis.call('HGET', key, 'open') or '0'))
end
local slot = math.max(dueHour, open)
-- Full hours are stepped over one by one: those between 'open' and the first with room (filled by messages
-- due later, or under a higher cap), and for a message due later, the full hours from its own on.
while tonumber(redis.call('HGET', key, slot) or '0') >= cap do
  slot = slot + 1
end
local given = redis.call('HINCRBY', key, slot, 1)
if dueHour <= open then
  -- This search began at 'open', so every hour it passed is full.
  redis.call('HSET', key, 'open', given >= cap and slot + 1 or slot, 'cap', ARGV[3])
end
redis.call('HDEL', key, nowHour - 1)
-- Kept until the last hour handed out has passed.
local expiresAt = (slot + 1) * hour
if redis.call('PTTL', key) < expiresAt - now then
  redis.call('PEXPIREAT', key, expiresAt)
end
return {slot * hour, slot > dueHour and 1 or 0}
