-- PATCH /scim/v2/Groups/{id} as Okta's Push Groups sends membership deltas: one member added per
-- request, alternating with the removal of the member added `lag` pairs earlier, so the team
-- keeps about its size. (Removing the member just added could overtake its add on another
-- connection and leave it in; the lag, more than this thread's connections, keeps them apart.)
-- Args: team id, ids file of non-members, lag.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
common.headers()
setup = common.setup
done = common.done
local team, ids, lag, counter, offset = nil, nil, 32, 0, 0

function init(args)
    team = args[1]
    ids = common.lines(args[2])
    lag = tonumber(args[3] or "32")
    offset = ((thread_id or 1) - 1) * 100003
end

function request()
    local pair = math.floor(counter / 2)
    local operation
    if counter % 2 == 0 then
        local id = ids[(offset + pair) % #ids + 1]
        operation = '{"op":"add","path":"members","value":[{"value":"' .. id .. '"}]}'
    else
        local id = ids[(offset + pair - lag) % #ids + 1]
        operation = '{"op":"remove","path":"members[value eq \\"' .. id .. '\\"]"}'
    end
    counter = counter + 1
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[' .. operation .. ']}'
    return wrk.format("PATCH", common.base .. "/Groups/" .. team, nil, body)
end
