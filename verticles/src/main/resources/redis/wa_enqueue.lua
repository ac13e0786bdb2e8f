-- Puts a message in the dispatch queue (or the delayed set when it is not due yet).
-- ARGV: id, priority (0 urgent .. 3 low), seq (FIFO order), pinned device or '', due ms (0 = now), now ms.
-- The meta hash remembers where the message belongs, so a lease that expires can put it back.
local P = 'aglis:wa:'
local id, priority, seq, device = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local due, now = tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('HSET', P .. 'meta', id, priority .. '|' .. seq .. '|' .. device)
if due > now then
  redis.call('ZADD', P .. 'delayed', due, id)
  return 0
end
local queue = P .. 'q:' .. priority
if device ~= '' then queue = queue .. ':' .. device end
redis.call('ZADD', queue, seq, id)
return 1
