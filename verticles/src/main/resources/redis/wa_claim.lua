-- Claims the next messages one device may send now, up to a maximum, enforcing every rate limit
-- atomically for the whole cluster. Returns {1, id, id, ...} (claimed: each send slot is reserved and a
-- lease taken), {0, 0} (nothing to send), {2, wait ms} (a limit holds: try again then), or {-1, 0}
-- (device paused). With a minimum gap only one message can be claimed at a time, and the device stays kept
-- until that send has left (wa_gap_hold.lua) or its claim ends; with limits off, as many as asked for.
-- ARGV: device, now ms (the caller's; Redis's own time when that is later), perMinute, perHour, perDay, gap ms (minimum gap + this send's random jitter),
--       global per minute, lease ms, claim token (unique to this claim: only it releases the messages),
--       allow low priority (1/0), window margin ms, most to claim.
local P = KEYS[1]  -- the dispatch prefix (RedisKeys.WA)
local device, now = ARGV[1], tonumber(ARGV[2])
-- The later of the caller's clock and Redis's own: a claim whose script runs late (its connection busy, its node's
-- loop stalled) reserves the gap from when it really claims. With the caller's stale `now`, another node's next
-- claim, on time, could land less than the gap after this one's send (seen at the gateway: 380 ms for a 400 ms gap).
if redis.replicate_commands then redis.replicate_commands() end
local clock = redis.call('TIME')
now = math.max(now, tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000))
local perMinute, perHour, perDay = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local gap, globalPerMinute, leaseMs = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local claim, allowLow, margin = ARGV[9], ARGV[10] == '1', tonumber(ARGV[11])
local most = math.max(1, tonumber(ARGV[12] or '1'))

if redis.call('EXISTS', P .. 'dev:' .. device .. ':paused') == 1 then
  return {-1, 0}
end

-- The oldest message of the most urgent priority, from this device's pinned queue or the shared one.
local lowest = allowLow and 3 or 2
local function nextMessage()
  local best, bestQueue, bestSeq
  for priority = 0, lowest do
    for _, queue in ipairs({P .. 'q:' .. priority .. ':' .. device, P .. 'q:' .. priority}) do
      local head = redis.call('ZRANGE', queue, 0, 0, 'WITHSCORES')
      if head[1] and (best == nil or tonumber(head[2]) < bestSeq) then
        best, bestQueue, bestSeq = head[1], queue, tonumber(head[2])
      end
    end
    if best then return best, bestQueue end
  end
  return nil, nil
end

-- How long until a window of `length` ms holds fewer than `limit` sends. Windows are widened by
-- `margin` so that network jitter between us and the gateway cannot squeeze one send too many into
-- what the gateway sees as one window.
local function windowWait(key, length, limit)
  if limit <= 0 then return 0 end
  local span = length + margin
  local count = redis.call('ZCOUNT', key, '(' .. (now - span), '+inf')
  if count < limit then return 0 end
  local oldest = redis.call('ZRANGEBYSCORE', key, '(' .. (now - span), '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
  return tonumber(oldest[2]) + span - now + 1
end

local limited = perMinute > 0 or perHour > 0 or perDay > 0 or gap > 0 or globalPerMinute > 0
local sent = P .. 'dev:' .. device .. ':sent'
local global = P .. 'global:sent'
if limited then
  redis.call('ZREMRANGEBYSCORE', sent, '-inf', now - 86400000 - margin)
  redis.call('ZREMRANGEBYSCORE', global, '-inf', now - 60000 - margin)
end

-- A claim under a gap keeps the device until its request has left (wa_gap_hold.lua, called once it is written,
-- moves the next slot to a gap after that and lets go) or its claim ends (released, or its lease ran out): the gap
-- the gateway sees counts from when a send really left, however late that was, and no claim can slip in before the
-- late send's hold is recorded. Busy while the message is still leased to that claim.
local leaving = P .. 'dev:' .. device .. ':leaving'
local LEAVING_POLL_MS = 50
local function sendStillLeaving()
  local held = redis.call('GET', leaving)
  if not held then return false end
  local id, holder = string.match(held, '^([^|]*)|(.*)$')
  local leaseEnd = tonumber(redis.call('ZSCORE', P .. 'leases', id) or '0')
  return leaseEnd > now and redis.call('HGET', P .. 'lease:owner', id) == holder
end

-- Nil when claimed, else why not: {0, 0} or {2, wait ms}.
local function claimOne(claimed)
  local best, bestQueue = nextMessage()
  if not best then
    return {0, 0}
  end
  if limited then
    local wait = math.max(windowWait(sent, 60000, perMinute), windowWait(sent, 3600000, perHour),
      windowWait(sent, 86400000, perDay), windowWait(global, 60000, globalPerMinute))
    local nextAt = tonumber(redis.call('GET', P .. 'dev:' .. device .. ':next') or '0')
    if nextAt > now then wait = math.max(wait, nextAt - now) end
    if sendStillLeaving() then wait = math.max(wait, LEAVING_POLL_MS) end
    if wait > 0 then
      return {2, wait}
    end
    local stamp = now .. ':' .. best
    redis.call('ZADD', sent, now, stamp)
    redis.call('ZADD', global, now, stamp)
    if gap > 0 then
      redis.call('SET', P .. 'dev:' .. device .. ':next', now + gap, 'PX', gap + 1000)
      redis.call('SET', leaving, best .. '|' .. claim, 'PX', leaseMs)
    end
  end
  redis.call('ZREM', bestQueue, best)
  redis.call('ZADD', P .. 'leases', now + leaseMs, best)
  redis.call('HSET', P .. 'lease:owner', best, claim)
  claimed[#claimed + 1] = best
  return nil
end

local claimed = {1}
local stopped
for _ = 1, most do
  stopped = claimOne(claimed)
  if stopped then break end
end
if #claimed > 1 then
  return claimed
end
return stopped
