-- Puts messages in the dispatch queue (or the delayed set when they are not due yet).
-- ARGV: now ms, then per message: id, priority (0 urgent .. 3 low), seq (FIFO order), pinned device or '',
-- due ms (0 = now). Returns how many went straight to a queue.
-- The meta hash remembers where each message belongs, so a lease that expires can put it back.
-- Running it twice for a message changes nothing, so a batch that failed half-way may be retried.
local P = KEYS[1]  -- the dispatch prefix (RedisKeys.WA)
local now = tonumber(ARGV[1])
local queued = 0
for i = 2, #ARGV, 5 do
  local id, priority, seq, device = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local due = tonumber(ARGV[i + 4])
  redis.call('HSET', P .. 'meta', id, priority .. '|' .. seq .. '|' .. device)
  if due > now then
    redis.call('ZADD', P .. 'delayed', due, id)
  else
    local queue = P .. 'q:' .. priority
    if device ~= '' then queue = queue .. ':' .. device end
    redis.call('ZADD', queue, seq, id)
    queued = queued + 1
  end
end
return queued
