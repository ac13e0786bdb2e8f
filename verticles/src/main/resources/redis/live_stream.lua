-- A live stream's numbering, atomically (frames from every node share one order).
-- KEYS: [1] the stream's frames (a Redis stream, entry id "<seq>-0"), [2] its meta hash {epoch, seq},
-- [3] its running totals for the business day (a hash; may be absent).
-- ARGV: [1] a fresh epoch, taken when the stream has none (first use, or Redis lost its data: pages then
-- know their history is gone); [2] 'head' (where the stream stands, for a snapshot) or 'append'.
-- For 'append': [3] the frame's data (JSON, stored as given), [4] how many frames to keep, [5] the frame's
-- time in ms, [6] seconds the totals live, [7..] count name, count, … to add to the totals.
-- Returns {epoch, seq (the appended frame's, or the last one's), totals as a JSON object}.
local epoch = redis.call('HGET', KEYS[2], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[2], 'epoch', epoch, 'seq', 0)
end
if ARGV[2] == 'append' and #ARGV >= 7 then
  for i = 7, #ARGV, 2 do
    redis.call('HINCRBY', KEYS[3], ARGV[i], ARGV[i + 1])
  end
  redis.call('EXPIRE', KEYS[3], ARGV[6])
end
-- Count names are the projections' own identifiers ([A-Za-z0-9_.-]): nothing to escape.
local totals = redis.call('HGETALL', KEYS[3])
local parts = {}
for i = 1, #totals, 2 do
  parts[#parts + 1] = '"' .. totals[i] .. '":' .. totals[i + 1]
end
local totalsJson = '{' .. table.concat(parts, ',') .. '}'
if ARGV[2] ~= 'append' then
  return {epoch, tonumber(redis.call('HGET', KEYS[2], 'seq')), totalsJson}
end
local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], seq .. '-0', 'd', ARGV[3], 't', totalsJson, 'at', ARGV[5])
return {epoch, seq, totalsJson}
