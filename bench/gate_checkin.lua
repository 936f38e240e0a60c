-- gate_checkin.lua - wrk script for bench/gate.mjs: durable check-ins through
-- POST /api/gate/checkin. Arguments (after --): KEY TOKENS_FILE THREADS RUN.
-- With the single argument "ref" it sends GET /healthz instead (the
-- reference: an HTTP round trip that writes nothing) and prints the same line.
-- Each wrk thread scans its own slice of the badges, in then out then in...
-- (a slice is far longer than the requests in flight, so a badge's entry is
-- answered before its exit is sent), each request with its own
-- idempotency key. done() prints one line the caller parses:
--   gate-bench requests=N not_ok=N p50_ms=X p99_ms=X rate=X
local threads = {}
local id = 0

function setup(thread)
	thread:set("tid", id)
	id = id + 1
	table.insert(threads, thread)
end

local tokens, first, slice, key, run
local n = 0
not_ok = 0

function init(args)
	key, run = args[1], args[4]
	if key == "ref" then
		return
	end
	local all = {}
	for line in io.lines(args[2]) do
		all[#all + 1] = line
	end
	local nthreads = tonumber(args[3])
	slice = math.floor(#all / nthreads)
	first = tid * slice
	tokens = all
	-- wrk 4 calls request() once on its first thread before connecting
	-- (script_verify_request, to count pipelined requests) and never
	-- sends that request. Counted from 0 it would swallow the first entry
	-- of that thread's first badge, whose exit a slice later was then
	-- answered "outside": the "1 not ok" of every run. It gets number -1.
	if tid == 0 then
		n = -1
	end
end

function request()
	if key == "ref" then
		return wrk.format("GET", "/healthz")
	end
	local i = n
	n = n + 1
	local tok = tokens[first + (i % slice) + 1]
	local dir = (math.floor(i / slice) % 2 == 1) and "out" or "in"
	return wrk.format("POST", "/api/gate/checkin", {
		["Authorization"] = "Bearer " .. key,
		["Content-Type"] = "application/json",
		["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. i,
	}, '{"code":"' .. tok .. '","direction":"' .. dir .. '"}')
end

function response(status, headers, body)
	if status ~= 200 or (key ~= "ref" and not body:find('"result":"ok"', 1, true)) then
		not_ok = not_ok + 1
	end
end

function done(summary, latency, requests)
	local bad = 0
	for _, t in ipairs(threads) do
		bad = bad + t:get("not_ok")
	end
	io.write(string.format("gate-bench requests=%d not_ok=%d errors=%d p50_ms=%.2f p99_ms=%.2f rate=%.1f\n",
		summary.requests, bad,
		summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		summary.requests / (summary.duration / 1e6)))
end
