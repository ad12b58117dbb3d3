-- PATCH /scim/v2/Users/{id} with Okta's pathless replace, alternating active false and true on the
-- same member (deactivate, then reactivate), so seats stay as they were. Args: ids file.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
common.headers()
setup = common.setup
done = common.done
local ids, counter, offset = nil, 0, 0

function init(args)
    ids = common.lines(args[1])
    offset = ((thread_id or 1) - 1) * 100003
end

function request()
    local id = ids[(offset + math.floor(counter / 2)) % #ids + 1]
    local active = (counter % 2 == 0) and "false" or "true"
    counter = counter + 1
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],' ..
        '"Operations":[{"op":"replace","value":{"active":' .. active .. '}}]}'
    return wrk.format("PATCH", common.base .. "/Users/" .. id, nil, body)
end
