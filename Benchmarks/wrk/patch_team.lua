-- PATCH /scim/v2/Groups/{id} as Okta's Push Groups sends membership deltas: add one member, then
-- remove the same member, so the team keeps its size. Args: team id, ids file of non-members.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
common.headers()
setup = common.setup
done = common.done
local team, ids, counter, offset = nil, nil, 0, 0

function init(args)
    team = args[1]
    ids = common.lines(args[2])
    offset = ((thread_id or 1) - 1) * 100003
end

function request()
    local id = ids[(offset + math.floor(counter / 2)) % #ids + 1]
    local operation
    if counter % 2 == 0 then
        operation = '{"op":"add","path":"members","value":[{"value":"' .. id .. '"}]}'
    else
        operation = '{"op":"remove","path":"members[value eq \\"' .. id .. '\\"]"}'
    end
    counter = counter + 1
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[' .. operation .. ']}'
    return wrk.format("PATCH", "/scim/v2/Groups/" .. team, nil, body)
end
