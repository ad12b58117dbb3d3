-- POST /scim/v2/Users as Okta sends it, with a userName unique per run, thread and request.
-- Args: a run tag (so repeated runs on one database do not collide).
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
common.headers()
setup = common.setup
done = common.done
local tag, counter = "run", 0

function init(args)
    tag = args[1] or tostring(os.time())
end

function request()
    counter = counter + 1
    local name = string.format("bench-%s-t%d-%d@example.com", tag, thread_id or 0, counter)
    local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. name .. '",' ..
        '"name":{"givenName":"Bench","familyName":"User ' .. counter .. '"},"displayName":"Bench User ' .. counter .. '",' ..
        '"emails":[{"primary":true,"value":"' .. name .. '","type":"work"}],"active":true,' ..
        '"externalId":"bench-' .. tag .. '-' .. (thread_id or 0) .. '-' .. counter .. '"}'
    return wrk.format("POST", common.base .. "/Users", nil, body)
end
