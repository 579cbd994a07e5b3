-- wrk script for scripts/bench-serve.sh: POST /api/v2/status with 10,000 names (half preloaded, half unknown).
local names = {}
for i = 1, 10000 do
  if i % 2 == 0 then
    names[i] = '"n' .. i .. '.figma.com"'
  else
    names[i] = '"n' .. i .. '.example.com"'
  end
end
wrk.method = "POST"
wrk.body = "[" .. table.concat(names, ",") .. "]"
wrk.headers["Content-Type"] = "application/json"
