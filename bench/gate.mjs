// gate.mjs - `make bench`: durable check-ins per second and their p50/p99
// latency through the JSON API (each answer waits for its batch's fsync'd
// commit), beside a reference measured in the same run: GET /healthz, an
// HTTP round trip that writes nothing. Then the badge-PDF throughput.
//
// Environment: BENCH_SECONDS (default 5) per measure, BENCH_CONC (default
// 64) requests in flight, COOPFAIR_BIN, COOPFAIR_TEST_PORTS,
// COOPFAIR_TEST_PG (run it on PostgreSQL).
import http from 'node:http';
import { startServer } from '../tests/http/server.mjs';
import { makeBadges, gateKey } from '../tests/http/gate_helpers.mjs';
import { Client } from '../tests/http/prize_helpers.mjs';

const SECONDS = +(process.env.BENCH_SECONDS || 5);
const CONC = +(process.env.BENCH_CONC || 64);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONC });

function request(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function measure(make) {
  const lat = [];
  let n = 0, bad = 0;
  const end = Date.now() + SECONDS * 1000;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONC }, async () => {
    while (Date.now() < end) {
      const [url, method, headers, body, ok] = make(n++);
      const s = process.hrtime.bigint();
      const r = await request(url, method, headers, body);
      lat.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (!ok(r)) bad++;
    }
  }));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { rate: lat.length / secs, p50: q(0.5), p99: q(0.99), count: lat.length, bad };
}

const srv = await startServer({ threads: CONC });
try {
  const tokens = makeBadges(srv.db, 20000);
  const key = gateKey(srv.db);
  const ref = await measure(() => [`${srv.base}/healthz`, 'GET', {}, null, (r) => r.status === 200]);
  const ck = await measure((i) => [`${srv.base}/api/gate/checkin`, 'POST',
    { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
    JSON.stringify({ code: tokens[i % tokens.length], direction: Math.floor(i / tokens.length) % 2 ? 'out' : 'in' }),
    (r) => r.status === 200 && r.data.includes('"result":"ok"')]);
  const f = (x) => x.toFixed(1);
  console.log(`gate: ${CONC} in flight, ${SECONDS} s each, ${srv.db.startsWith('postgres') ? 'PostgreSQL' : 'SQLite synchronous=FULL'}`);
  console.log(`  reference GET /healthz     ${Math.round(ref.rate)} req/s  p50 ${f(ref.p50)} ms  p99 ${f(ref.p99)} ms`);
  console.log(`  durable check-ins (API)    ${Math.round(ck.rate)} /s     p50 ${f(ck.p50)} ms  p99 ${f(ck.p99)} ms  (${ck.count} done, ${ck.bad} not ok)`);
  console.log(`  ratio check-ins / reference: ${(ck.rate / ref.rate).toFixed(2)}  (goal: >= 8000/s, p99 <= 20 ms)`);
  const stored = srv.sql("SELECT count(*) FROM checkin WHERE idem LIKE 'bench-%'");
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
  agent.destroy();
  await srv.stop();
}
