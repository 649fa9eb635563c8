-- wrk script for scripts/soak: a mix of JSON bodies of 1 KB, 64 KB and 1 MB, some chunked,
-- some over hookscope's --max-body (512 KiB in the soak), to the same endpoint.
local function json(size)
  local filler = string.rep("a", size - 40)
  return '{"event":"soak.test","id":"' .. string.format("%08d", math.random(99999999)) .. '","pad":"' .. filler .. '"}'
end

local small, medium, large
local counter = 0

function init(args)
  math.randomseed(os.time())
  small = json(1024)
  medium = json(64 * 1024)
  large = json(1024 * 1024)
end

local function chunked(body)
  return "POST /soak/chunked HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n" ..
         "Transfer-Encoding: chunked\r\n\r\n" ..
         string.format("%x", #body) .. "\r\n" .. body .. "\r\n0\r\n\r\n"
end

function request()
  counter = counter + 1
  local r = counter % 100
  if r < 70 then
    return wrk.format("POST", "/soak/1k", {["Content-Type"] = "application/json"}, small)
  elseif r < 88 then
    return wrk.format("POST", "/soak/64k", {["Content-Type"] = "application/json"}, medium)
  elseif r < 96 then
    return chunked(medium)
  else
    -- 1 MB: over the soak's --max-body, so hookscope answers 413 and closes.
    return wrk.format("POST", "/soak/1m", {["Content-Type"] = "application/json"}, large)
  end
end

function done(summary, latency, requests)
  io.write(string.format("WRK requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
