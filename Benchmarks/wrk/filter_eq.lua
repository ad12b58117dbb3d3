-- GET /scim/v2/Users?filter=ATTR eq "VALUE" for random existing values. Args: attribute, values file.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
common.headers()
setup = common.setup
done = common.done
local attribute, values

function init(args)
    attribute = args[1]
    values = common.lines(args[2])
    math.randomseed(os.time() + (thread_id or 0) * 7919)
end

function request()
    local filter = attribute .. ' eq "' .. values[math.random(#values)] .. '"'
    return wrk.format("GET", common.base .. "/Users?filter=" .. common.encode(filter))
end
