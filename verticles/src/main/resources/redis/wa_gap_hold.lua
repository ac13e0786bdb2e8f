-- Moves a device's next send slot to `at + gap` unless it is already later: a send that leaves well after its
-- claim (a slow database write, a busy event loop) counts its gap from when it really leaves, so the gaps the
-- gateway sees never shrink below the minimum because one send was late and the next was not.
-- KEYS[1]: the dispatch prefix (RedisKeys.WA). ARGV: device, at ms, gap ms. Returns 1 when it moved the slot.
local P = KEYS[1]
local device, at, gap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local key = P .. 'dev:' .. device .. ':next'
local nextAt = tonumber(redis.call('GET', key) or '0')
if at + gap > nextAt then
  redis.call('SET', key, at + gap, 'PX', gap + 1000)
  return 1
end
return 0
