-- wrk script for the CachingServer example: each request asks for a product whose id is drawn
-- from a skewed (log-uniform) distribution over 1…100,000, so that a few products are popular
-- and most are rare, as in a real catalogue. Each wrk thread draws its own sequence.
-- Usage: wrk -s products.lua http://127.0.0.1:8080
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end

function init(args)
    math.randomseed(os.time() * 100 + id)
end

function request()
    return wrk.format("GET", "/products/" .. math.floor(100000 ^ math.random()))
end
