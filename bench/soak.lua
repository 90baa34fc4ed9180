-- Soak load for wrk: POST /api/messages (expectReplies) and POST /api/ask, alternating, with 60 different questions
-- from tests/eval/questions.jsonl and 500 rotating conversation ids. Usage: wrk ... -s bench/soak.lua -- <questions.jsonl>
--
-- To add Direct Line once it exists: start a conversation first (bench/soak.sh can do it with curl and export
-- DL_CONVERSATION and DL_TOKEN), then add to `targets`:
--   { path = "/v3/directline/conversations/" .. os.getenv("DL_CONVERSATION") .. "/activities",
--     headers = { ["Authorization"] = "Bearer " .. os.getenv("DL_TOKEN") },
--     body = function(q, n) return '{"type":"message","from":{"id":"soak-user"},"text":"' .. q .. '"}' end },

local questions = {}
local counter = 0

local targets = {
  { path = "/api/messages",
    body = function(q, n)
      return '{"type":"message","deliveryMode":"expectReplies","channelId":"emulator","id":"soak-' .. n ..
        '","conversation":{"id":"soak-' .. (n % 500) .. '"},"from":{"id":"soak-user","role":"user"},' ..
        '"recipient":{"id":"bot","role":"bot"},"text":"' .. q .. '"}'
    end },
  { path = "/api/ask",
    body = function(q, n) return '{"question":"' .. q .. '"}' end },
}

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
  counter = (wrk.thread and tonumber(tostring(wrk.thread):match("0x(%x+)"), 16) or 0) % 100000
end

function request()
  counter = counter + 1
  local target = targets[(counter % #targets) + 1]
  local q = questions[(counter % #questions) + 1]
  local headers = { ["Content-Type"] = "application/json" }
  for k, v in pairs(target.headers or {}) do headers[k] = v end
  return wrk.format("POST", target.path, headers, target.body(q, counter))
end
