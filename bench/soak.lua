-- Soak load for wrk, run with one connection per thread (-tN -cN) so that each connection has its own Lua state:
--   wrk -t30 -c30 -d60s -s bench/soak.lua http://127.0.0.1:5079 -- <questions.jsonl> <directline connections> \
--     <max activities> [<folder where each Direct Line connection keeps its last conversations between wrk runs>]
--
-- The first <directline connections> connections are website visitors on Direct Line, one after another, as Web Chat
-- does it: a token from POST /api/webchat/token, POST /v3/directline/conversations with it, GET .../activities for the
-- welcome, then three questions, each POST .../activities and GET .../activities?watermark=W, which must hold the bot's
-- reply. When the store is full the token (or the start) is refused with 503: that visitor is counted as refused and
-- the connection becomes a returning visitor instead, asking three more questions in one of its own last 8
-- conversations (older ones are never touched again, so they idle out). Every tenth visit ends with a full read of the
-- conversation, which must hold at most <max activities> activities.
-- The other connections alternate POST /api/messages (expectReplies, 500 rotating conversation ids) and POST /api/ask.
-- All use 60 different questions from tests/eval/questions.jsonl.
--
-- At the end it prints requests per endpoint, and the lines bench/soak.sh reads: "SOAK errors: N" (any non-2xx other
-- than a 503 from a full store, or a reply missing), "SOAK refused: N", "SOAK conversations started: N".

local threads = {}
local next_id = 0

-- Runs in the main Lua state, once per thread, before its init.
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  threads[#threads + 1] = thread
end

-- Everything below runs in the thread's own Lua state (one connection).
local questions = {}
local ring_file            -- where a Direct Line connection keeps its ring between the warm-up and the run
local load_ring            -- defined with the visitors below
local role
local max_activities
local counter = 0

-- Read by done() through thread:get, so global, and only numbers and strings (wrk's thread:get crashes on nested
-- tables): c<endpoint index>_<outcome> counts, p1..p5 the first errors seen.
started = 0
refused = 0
problem_count = 0

local ENDPOINTS = { "POST /api/messages", "POST /api/ask", "POST /api/webchat/token", "POST /v3/directline/conversations",
  "GET .../activities (welcome)", "POST .../activities", "GET .../activities?watermark", "GET .../activities (full read)" }
local OUTCOMES = { "ok", "refused", "errors" }
local INDEX = {}
for i, name in ipairs(ENDPOINTS) do INDEX[name] = i end

local function count(endpoint, outcome)
  local key = "c" .. INDEX[endpoint] .. "_" .. outcome
  _G[key] = (_G[key] or 0) + 1
end

local function problem(endpoint, status, what)
  count(endpoint, "errors")
  problem_count = problem_count + 1
  if problem_count <= 5 then
    _G["p" .. problem_count] = endpoint .. " -> " .. status .. ": " .. what
  end
end

function init(args)
  local file = assert(io.open(args[1] or "tests/eval/questions.jsonl", "r"))
  local line_number = 0
  for line in file:lines() do
    line_number = line_number + 1
    -- Every fifth question of the set, kept JSON-escaped exactly as the file has it.
    local q = line:match('"question":%s*"(.-[^\\])"')
    if q and line_number % 5 == 1 and #questions < 60 then
      questions[#questions + 1] = q
    end
  end
  file:close()
  role = id <= tonumber(args[2] or "10") and "directline" or "api"
  max_activities = tonumber(args[3] or "100")
  counter = id * 7919
  if role == "directline" and args[4] then
    ring_file = args[4] .. "/ring-" .. id .. ".txt"
    load_ring()
  end
end

-- ---------------------------------------------------------------------------------------------------------------
-- Bot Framework and /api/ask connections.

local api_targets = {
  { name = "POST /api/messages", path = "/api/messages",
    body = function(q, n)
      return '{"type":"message","deliveryMode":"expectReplies","channelId":"emulator","id":"soak-' .. n ..
        '","conversation":{"id":"soak-' .. (n % 500) .. '"},"from":{"id":"soak-user","role":"user"},' ..
        '"recipient":{"id":"bot","role":"bot"},"text":"' .. q .. '"}'
    end },
  { name = "POST /api/ask", path = "/api/ask",
    body = function(q, n) return '{"question":"' .. q .. '"}' end },
}
local api_target

local function api_request()
  counter = counter + 1
  api_target = api_targets[(counter % #api_targets) + 1]
  local q = questions[(counter % #questions) + 1]
  return wrk.format("POST", api_target.path, { ["Content-Type"] = "application/json" }, api_target.body(q, counter))
end

local function api_response(status, body)
  if status >= 200 and status < 300 then
    count(api_target.name, "ok")
  else
    problem(api_target.name, status, body:sub(1, 120))
  end
end

-- ---------------------------------------------------------------------------------------------------------------
-- Direct Line visitors.

local RING = 8             -- conversations a connection keeps coming back to
local QUESTIONS_PER_VISIT = 3
local ring = {}            -- { token, id, watermark }, newest last
local ring_next = 0
local visits = 0
local state = "token"
local visit                -- { token, id, watermark, asked, new }

local function dl_path(suffix) return "/v3/directline/conversations/" .. visit.id .. suffix end

local function bearer() return { ["Authorization"] = "Bearer " .. visit.token, ["Content-Type"] = "application/json" } end

local function dl_request()
  if state == "token" then
    return wrk.format("POST", "/api/webchat/token", nil, "")
  elseif state == "start" then
    return wrk.format("POST", "/v3/directline/conversations", bearer(), '{"user":{},"locale":"en-US"}')
  elseif state == "welcome" or state == "audit" then
    return wrk.format("GET", dl_path("/activities"), bearer())
  elseif state == "post" then
    counter = counter + 1
    return wrk.format("POST", dl_path("/activities"), bearer(),
      '{"type":"message","text":"' .. questions[(counter % #questions) + 1] .. '","locale":"en-US",' ..
      '"from":{"id":"soak-visitor","role":"user"},"channelData":{"clientActivityID":"soak-' .. counter .. '"}}')
  else -- read
    return wrk.format("GET", dl_path("/activities?watermark=" .. visit.watermark), bearer())
  end
end

-- A refused visitor: this connection comes back to one of its own conversations instead (or tries again).
local function come_back()
  if #ring == 0 then
    state = "token"
    return
  end
  ring_next = ring_next + 1
  visit = ring[(ring_next % #ring) + 1]
  visit.asked = 0
  visit.new = false
  state = "post"
end

-- The ring is kept in a file, so that the visitors of the warm-up come back during the run (a new wrk process).
local function save_ring()
  if not ring_file then return end
  local file = assert(io.open(ring_file, "w"))
  for _, v in ipairs(ring) do file:write(v.token, " ", v.id, " ", v.watermark, "\n") end
  file:close()
end

load_ring = function()
  local file = io.open(ring_file, "r")
  if not file then return end
  for line in file:lines() do
    local token, conversation, watermark = line:match("^(%S+) (%S+) (%d+)$")
    if token then ring[#ring + 1] = { token = token, id = conversation, watermark = watermark } end
  end
  file:close()
end

local function visit_done()
  visits = visits + 1
  if visit.new then
    ring[#ring + 1] = visit
    if #ring > RING then table.remove(ring, 1) end
    save_ring()
  end
  state = visits % 10 == 0 and "audit" or "token"
end

local function bot_replied(body) return body:find('"from":{"id":"ivigbot"', 1, true) ~= nil end

local function dl_response(status, body)
  if state == "token" then
    local name = "POST /api/webchat/token"
    local token = status == 200 and body:match('"token"%s*:%s*"([^"]+)"')
    if token then
      count(name, "ok")
      visit = { token = token, asked = 0, new = true }
      state = "start"
    elseif status == 503 then
      count(name, "refused"); refused = refused + 1
      come_back()
    else
      problem(name, status, body:sub(1, 120))
    end
  elseif state == "start" then
    local name = "POST /v3/directline/conversations"
    local conversation = status == 201 and body:match('"conversationId"%s*:%s*"([^"]+)"')
    if conversation then
      count(name, "ok"); started = started + 1
      visit.id = conversation
      state = "welcome"
    elseif status == 503 then
      count(name, "refused"); refused = refused + 1
      come_back()
    else
      problem(name, status, body:sub(1, 120))
      state = "token"
    end
  elseif state == "welcome" then
    local name = "GET .../activities (welcome)"
    local watermark = status == 200 and body:match('"watermark"%s*:%s*"(%d+)"')
    if watermark and bot_replied(body) then
      count(name, "ok")
      visit.watermark = watermark
      state = "post"
    else
      problem(name, status, "no welcome: " .. body:sub(1, 120))
      state = "token"
    end
  elseif state == "post" then
    local name = "POST .../activities"
    if status == 200 then
      count(name, "ok")
      state = "read"
    else
      problem(name, status, body:sub(1, 120))
      state = "token"
    end
  elseif state == "read" then
    local name = "GET .../activities?watermark"
    local watermark = status == 200 and body:match('"watermark"%s*:%s*"(%d+)"')
    if watermark and bot_replied(body) then
      count(name, "ok")
      visit.watermark = watermark
      visit.asked = visit.asked + 1
      if visit.asked < QUESTIONS_PER_VISIT then state = "post" else visit_done() end
    else
      problem(name, status, "no reply: " .. body:sub(1, 120))
      state = "token"
    end
  else -- audit
    local name = "GET .../activities (full read)"
    local _, held = body:gsub('"channelId":"directline"', "")
    if status == 200 and held <= max_activities then
      count(name, "ok")
    else
      problem(name, status, held .. " activities held (at most " .. max_activities .. " allowed)")
    end
    state = "token"
  end
end

-- ---------------------------------------------------------------------------------------------------------------

function request()
  if role == "directline" then return dl_request() end
  return api_request()
end

function response(status, headers, body)
  if role == "directline" then dl_response(status, body) else api_response(status, body) end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local totals, errors, refused_all, started_all, shown = {}, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    for i = 1, #ENDPOINTS do
      local t = totals[i] or { ok = 0, refused = 0, errors = 0 }
      for _, outcome in ipairs(OUTCOMES) do
        local n = thread:get("c" .. i .. "_" .. outcome) or 0
        t[outcome] = t[outcome] + n
        if outcome == "errors" then errors = errors + n end
      end
      totals[i] = t
    end
    refused_all = refused_all + thread:get("refused")
    started_all = started_all + thread:get("started")
    for k = 1, 5 do
      local p = thread:get("p" .. k)
      if p and shown < 10 then io.write("  error: ", p, "\n"); shown = shown + 1 end
    end
  end
  io.write(string.format("%-34s %9s %8s %9s %7s\n", "endpoint", "2xx", "2xx/s", "503 full", "errors"))
  for i, name in ipairs(ENDPOINTS) do
    local t = totals[i]
    if t.ok + t.refused + t.errors > 0 then
      io.write(string.format("%-34s %9d %8.0f %9d %7d\n", name, t.ok, t.ok / seconds, t.refused, t.errors))
    end
  end
  io.write(string.format("SOAK errors: %d\n", errors))
  io.write(string.format("SOAK refused: %d\n", refused_all))
  io.write(string.format("SOAK conversations started: %d\n", started_all))
end
