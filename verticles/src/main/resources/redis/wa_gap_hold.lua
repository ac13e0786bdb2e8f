-- A claimed send's request has left (was written to the gateway's connection) at `at`: moves the device's next send
-- slot to `at + gap` unless it is already later, and lets go of the device if this claim still keeps it (see
-- wa_claim.lua). Until then no other claim of the device is made, so however late a send leaves (a slow database
-- write, a new connection, a busy event loop), the next one cannot leave less than the gap after it.
-- KEYS[1]: the dispatch prefix (RedisKeys.WA). ARGV: device, at ms, gap ms, claim token. Returns 1 when it moved the slot.
local P = KEYS[1]
local device, at, gap, claim = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local leaving = P .. 'dev:' .. device .. ':leaving'
local held = redis.call('GET', leaving)
if held and string.match(held, '^[^|]*|(.*)$') == claim then
  redis.call('DEL', leaving)
end
local key = P .. 'dev:' .. device .. ':next'
local nextAt = tonumber(redis.call('GET', key) or '0')
if at + gap > nextAt then
  redis.call('SET', key, at + gap, 'PX', gap + 1000)
  return 1
end
return 0
