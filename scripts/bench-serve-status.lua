-- wrk script for scripts/bench-serve.sh: GET /api/v2/status for a rotating mix of preloaded and unknown names.
local domains = {
  "figma.com", "example.com", "a.b.figma.com", "www.figma.com", "hstspreload.org", "not-preloaded.example",
  "google", "mail.google.com", "github.com", "unknown-12345.net", "login.gov", "nothing-here.org",
}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v2/status?domain=" .. domains[(counter % #domains) + 1])
end
