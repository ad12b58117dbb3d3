-- GET of the URL wrk was given (with the API key): /healthz, a fixed list page, /Groups…
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
common.headers()
setup = common.setup
done = common.done
