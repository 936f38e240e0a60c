// gate.mjs - `make bench`: durable check-ins per second and their p50/p99
// latency through the JSON API (each answer waits for its batch's fsync'd
// commit), beside a reference measured in the same run: GET /healthz, an
// HTTP round trip that writes nothing. Then the badge-PDF throughput.
// The load comes from wrk with bench/gate_checkin.lua (a Node client was
// itself the limit). The server runs with its default 4 threads: a
// check-in holds no thread while it waits for its commit (req_suspend).
// Server CPU per request (utime+stime from /proc/PID/stat over each wrk
// run, divided by its requests) is printed too: it varies less with the
// machine's load than the rates.
//
// Environment: BENCH_SECONDS (default 5) per measure, BENCH_CONC (default
// 64) requests in flight, BENCH_THREADS (default 4) server threads,
// COOPFAIR_BIN, COOPFAIR_TEST_PORTS, COOPFAIR_TEST_PG (run it on PostgreSQL).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../tests/http/server.mjs';
import { makeBadges, gateKey } from '../tests/http/gate_helpers.mjs';
import { Client } from '../tests/http/prize_helpers.mjs';

const SECONDS = +(process.env.BENCH_SECONDS || 5);
const CONC = +(process.env.BENCH_CONC || 64);
const THREADS = +(process.env.BENCH_THREADS || 4);
const WRK_THREADS = 2;
const LUA = new URL('./gate_checkin.lua', import.meta.url).pathname;
const TICK_US = 1e6 / 100; // USER_HZ: clock ticks of /proc/PID/stat

// cpuTicks - utime + stime of process pid so far.
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return +f[11] + +f[12];
}

// wrk - one wrk run with bench/gate_checkin.lua against server srv; its
// summary line parsed, and the server's CPU per request (µs).
function wrk(srv, args) {
  const t0 = cpuTicks(srv.pid);
  const r = spawnSync('wrk', [`-t${WRK_THREADS}`, `-c${CONC}`, `-d${SECONDS}s`, '-s', LUA, srv.base, '--', ...args], { encoding: 'utf8' });
  const ticks = cpuTicks(srv.pid) - t0;
  const m = (r.stdout || '').match(/gate-bench requests=(\d+) not_ok=(\d+) errors=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+) rate=([\d.]+)/);
  if (r.status !== 0 || !m) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  return { count: +m[1], bad: +m[2] + +m[3], p50: +m[4], p99: +m[5], rate: +m[6], cpu: ticks * TICK_US / Math.max(1, +m[1]) };
}

const srv = await startServer({ threads: THREADS });
try {
  const tokens = makeBadges(srv.db, 20000);
  const key = gateKey(srv.db);
  const tokensFile = join(srv.dir, 'tokens.txt');
  writeFileSync(tokensFile, tokens.join('\n') + '\n');
  const ref = wrk(srv, ['ref']);
  const ck = wrk(srv, [key, tokensFile, String(WRK_THREADS), String(Date.now())]);
  // the same on a server whose check-ins wait on the connection's own thread
  // (COOPFAIR_SUSPEND=0), with a thread per request in flight: its best
  const old = await startServer({ threads: CONC, env: { COOPFAIR_SUSPEND: '0' } });
  let inline;
  try {
    const t2 = makeBadges(old.db, 20000);
    const f2 = join(old.dir, 'tokens.txt');
    writeFileSync(f2, t2.join('\n') + '\n');
    inline = wrk(old, [gateKey(old.db), f2, String(WRK_THREADS), String(Date.now())]);
  } finally {
    await old.stop();
  }
  const f = (x) => x.toFixed(1);
  const us = (x) => `${Math.round(x)} µs server CPU each`;
  console.log(`gate (wrk -t${WRK_THREADS} -c${CONC} -d${SECONDS}s -s bench/gate_checkin.lua): ${CONC} in flight, ${SECONDS} s each, server --threads ${THREADS}, ${srv.db.startsWith('postgres') ? 'PostgreSQL' : 'SQLite synchronous=FULL'}`);
  console.log(`  reference GET /healthz     ${Math.round(ref.rate)} req/s  p50 ${f(ref.p50)} ms  p99 ${f(ref.p99)} ms  (${us(ref.cpu)})`);
  console.log(`  durable check-ins (API)    ${Math.round(ck.rate)} /s     p50 ${f(ck.p50)} ms  p99 ${f(ck.p99)} ms  (${ck.count} done, ${ck.bad} not ok; ${us(ck.cpu)})`);
  console.log(`  ratio check-ins / reference: ${(ck.rate / ref.rate).toFixed(2)}  (goal: >= 8000/s, p99 <= 20 ms)`);
  console.log(`  check-ins waiting on the connection's thread (COOPFAIR_SUSPEND=0, --threads ${CONC})  ${Math.round(inline.rate)} /s  p50 ${f(inline.p50)} ms  p99 ${f(inline.p99)} ms  (${inline.bad} not ok; ${us(inline.cpu)})`);
  console.log(`  ratio suspended / waiting on the connection's thread: ${(ck.rate / inline.rate).toFixed(2)}`);
  const stored = srv.sql("SELECT count(*) FROM checkin WHERE idem LIKE 'bench-%'");
  if (+stored < ck.count) console.log(`  WARNING: ${ck.count} answered but only ${stored} stored`);
  console.log(`  check-ins stored: ${stored}`);
  // badge PDFs: 320 badges on sheets of 8 (what the desk prints for a list)
  makeBadges(srv.db, 320, 'press');
  const c = new Client(srv.base);
  await c.signin('desk@example.org', 'demo-desk-2024');
  const rounds = 3;
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const r = await fetch(`${srv.base}/desk/badges.pdf?role=press`, { headers: { cookie: c.cookie() } });
    if (r.status !== 200) throw new Error(`badges.pdf: ${r.status}`);
    bytes += (await r.arrayBuffer()).byteLength;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`  badge PDF: 320 badges (40 A4 sheets) in ${(secs / rounds).toFixed(2)} s, ${Math.round(320 * rounds / secs)} badges/s, ${Math.round(bytes / rounds / 1024)} KiB`);
} finally {
  await srv.stop();
}
