-- GET /scim/v2/Users/{id} of a random existing member. Args: ids file.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
common.headers()
setup = common.setup
done = common.done
local ids

function init(args)
    ids = common.lines(args[1])
    math.randomseed(os.time() + (thread_id or 0) * 7919)
end

function request()
    return wrk.format("GET", common.base .. "/Users/" .. ids[math.random(#ids)])
end
