// Security hardening (issue 8), points 3 and 4: slow clients and request
// bodies. Connections are limited per client address, a request has a total
// time to arrive (headers and body), bodies are limited per route before
// they are read, and the bodies held in memory have a total cap. Distinct
// loopback addresses (127.0.0.2, ...) play distinct clients. Each test
// prints its figures (node --test shows them as diagnostics).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { Client, DEMO } from './accounts_helpers.mjs';
import { startServer } from './server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let srv;
before(async () => { srv = await startServer({ env: { COOPFAIR_REQUEST_TIME: '3', COOPFAIR_BODIES_MB: '16' } }); });
after(async () => { await srv?.stop(); });

const rssMB = () => Number(readFileSync(`/proc/${srv.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;

/** get - GET path from a given local address; {status, ms} or {error}. */
function get(path, localAddress, timeout = 4000) {
  return new Promise((res) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port: srv.port, path, localAddress, agent: false, timeout }, (r) => {
      r.resume();
      r.on('end', () => res({ status: r.statusCode, ms: performance.now() - t0 }));
    });
    req.on('timeout', () => { req.destroy(); res({ error: 'timeout', ms: performance.now() - t0 }); });
    req.on('error', (e) => res({ error: e.code || e.message, ms: performance.now() - t0 }));
    req.end();
  });
}

/** raw - a socket from localAddress; resolves when connected (or refused). */
function raw(localAddress) {
  return new Promise((res) => {
    const s = net.connect({ host: '127.0.0.1', port: srv.port, localAddress });
    s.gone = false;
    s.data = '';
    s.on('data', (d) => { s.data += d; });
    s.on('error', () => {});
    s.on('close', () => { s.gone = true; });
    s.once('connect', () => res(s));
    s.once('error', () => res(s));
  });
}

/** answered - wait up to ms for a status line on s; its status or null. */
async function answered(s, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end && !/^HTTP\/1\.\d \d{3}/.test(s.data) && !s.gone) await sleep(20);
  const m = s.data.match(/^HTTP\/1\.\d (\d{3})/);
  return m ? Number(m[1]) : null;
}

test('point 3: under a drip of 1,100 connections from one address, another address is served', async (t) => {
  const drip = [];
  for (let i = 0; i < 1100; i++) {
    const s = await raw('127.0.0.1');
    s.write('GET /exhibitors HTTP/1.1\r\nHost: x\r\n');
    drip.push(s);
  }
  const timer = setInterval(() => { for (const s of drip) if (!s.gone) s.write('X-Drip: 1\r\n'); }, 1000);
  try {
    await sleep(500);
    const held = drip.filter((s) => !s.gone).length;
    const results = [];
    const end = Date.now() + 2500;
    while (Date.now() < end) results.push(await get('/exhibitors', '127.0.0.2'));
    const served = results.filter((r) => r.status === 200);
    const ms = served.map((r) => r.ms).sort((a, b) => a - b);
    t.diagnostic(`drip connections still open: ${held}/1100; from 127.0.0.2 in 2.5 s: ${served.length} of ${results.length} GET /exhibitors served, median ${ms.length ? ms[ms.length >> 1].toFixed(1) : '-'} ms`);
    assert.ok(served.length >= 3, `${served.length} served: ${JSON.stringify(results.slice(0, 3))}`);
    assert.ok(held <= 200, `${held} drip connections held from one address`);
  } finally {
    clearInterval(timer);
    for (const s of drip) s.destroy();
  }
});

test('point 3: a request has a total time to arrive, however slowly its headers drip', async (t) => {
  await sleep(300);
  const s = await raw('127.0.0.3');
  s.write('GET / HTTP/1.1\r\nHost: x\r\n');
  const t0 = Date.now();
  const timer = setInterval(() => { if (!s.gone) s.write('X-Drip: 1\r\n'); }, 300);
  while (!s.gone && Date.now() - t0 < 8000) await sleep(50);
  clearInterval(timer);
  s.destroy();
  t.diagnostic(`a header line every 300 ms: connection closed after ${((Date.now() - t0) / 1000).toFixed(1)} s (COOPFAIR_REQUEST_TIME=3)`);
  assert.ok(Date.now() - t0 < 7000, 'the dripping request was never cut');
});

test('point 4: an anonymous sign-in announcing a large body is refused before the body is sent', async () => {
  const s = await raw('127.0.0.4');
  s.write(`POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\n`);
  const status = await answered(s, 2000);
  s.destroy();
  assert.equal(status, 413);
});

test('point 4: an upload route refuses an anonymous client before its body', async () => {
  const s = await raw('127.0.0.4');
  s.write(`POST /admin/registry/import HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: 1000000\r\n\r\n`);
  const status = await answered(s, 2000);
  s.destroy();
  assert.equal(status, 303); // to the sign-in page, the body never read
});

/** stall - n connections from addr, each sending head then `bytes` of body
 * and stalling; the server's RSS growth (MB) once they are in. */
async function stall(n, addr, head, bytes) {
  await sleep(300);
  const before = rssMB();
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const socks = [];
  for (let i = 0; i < n; i++) {
    const s = await raw(addr);
    s.write(head);
    for (let sent = 0; sent < bytes; sent += chunk.length) s.write(chunk);
    socks.push(s);
  }
  await sleep(2500);
  const grown = rssMB() - before;
  const statuses = socks.map((s) => (s.data.match(/^HTTP\/1\.\d (\d{3})/) || [])[1] || 'none');
  for (const s of socks) s.destroy();
  return { grown, before, statuses };
}

test('point 4: 60 stalled anonymous bodies keep the server\'s memory bounded', async (t) => {
  const head = 'POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8000000\r\n\r\n';
  const { grown, before: b, statuses } = await stall(60, '127.0.0.5', head, 2 * 1024 * 1024);
  t.diagnostic(`60 anonymous POST /signin, 2 MiB sent each then stalled: RSS ${b.toFixed(0)} MB -> +${grown.toFixed(0)} MB; answers ${[...new Set(statuses)].join(',')}`);
  assert.ok(grown < 40, `RSS grew by ${grown.toFixed(0)} MB`);
});

test('point 4: 60 stalled uploads of a signed-in organiser are capped in total (COOPFAIR_BODIES_MB=16)', async (t) => {
  const c = new Client(srv.base);
  await c.signIn(...DEMO.committee);
  const part = '--XX\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n';
  const head = `POST /admin/registry/import HTTP/1.1\r\nHost: x\r\nCookie: ${c.cookieHeader()}\r\n`
    + `Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 8000000\r\n\r\n${part}`;
  const { grown, before: b } = await stall(60, '127.0.0.6', head, 2 * 1024 * 1024);
  t.diagnostic(`60 signed-in uploads, 2 MiB sent each then stalled: RSS ${b.toFixed(0)} MB -> +${grown.toFixed(0)} MB`);
  assert.ok(grown < 60, `RSS grew by ${grown.toFixed(0)} MB (120 MiB of bodies were sent)`);
});
