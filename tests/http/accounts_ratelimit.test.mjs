// Sign-in rate limiting: 5 failures per email, 20 per client address, in 15
// minutes; past the limit the form says when to try again, and not even the
// right password gets in. Counters live in the database (shared by servers).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, DEMO, sql, startServer } from './accounts_helpers.mjs';
import { startServer as harnessStart } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function attempt(c, token, email, password, lang = 'en') {
  return c.post('/signin', { csrf: token, email, password }, { lang });
}

test('five failures for one email block it, with a clear message, even with the right password', async () => {
  const c = new Client(srv.base);
  const token = await c.csrf('/signin');
  for (let i = 0; i < 5; i++) assert.equal((await attempt(c, token, DEMO.desk[0], 'wrong-password')).status, 401);
  const blocked = await attempt(c, token, DEMO.desk[0].toUpperCase(), DEMO.desk[1]);
  assert.equal(blocked.status, 429);
  assert.match(blocked.text, /Too many failed sign-ins for this account or from this network\. For your safety, try again in 15 minutes\./);
  const wait = Number(blocked.headers.get('retry-after'));
  assert.ok(wait > 800 && wait <= 900, `Retry-After ${wait}`);
  const fr = await attempt(c, token, DEMO.desk[0], DEMO.desk[1], 'fr');
  assert.match(fr.text, /réessayez dans 15 minutes/);
  // Another account from the same address is not blocked yet.
  assert.equal((await attempt(c, token, DEMO.jury[0], DEMO.jury[1])).status, 303);
});

test('an unknown email is counted the same (the limit tells nothing about which emails exist)', async () => {
  const c = new Client(srv.base);
  const token = await c.csrf('/signin');
  for (let i = 0; i < 5; i++) assert.equal((await attempt(c, token, 'nobody@example.org', 'wrong-password')).status, 401);
  assert.equal((await attempt(c, token, 'nobody@example.org', 'wrong-password')).status, 429);
  assert.ok(Number(sql(srv.db, "SELECT count(*) FROM signin_failure WHERE scope = 'email'")[0][0]) >= 10);
});

test('twenty failures from one address block it for every email', async () => {
  const c = new Client(srv.base);
  const token = await c.csrf('/signin');
  const already = Number(sql(srv.db, "SELECT count(*) FROM signin_failure WHERE scope = 'addr'")[0][0]);
  for (let i = already; i < 20; i++) {
    assert.equal((await attempt(c, token, `someone${i}@example.org`, 'wrong-password')).status, 401);
  }
  assert.equal((await attempt(c, token, DEMO.exhibitor[0], DEMO.exhibitor[1])).status, 429);
});

test('behind a trusted reverse proxy (COOPFAIR_TRUST_PROXY=1), each forwarded address has its own count', async () => {
  const proxied = await harnessStart({ env: { COOPFAIR_TRUST_PROXY: '1' } });
  after(async () => { await proxied.stop(); });
  const c = new Client(proxied.base);
  const token = await c.csrf('/signin');
  const via = (addr) => ({ headers: { 'X-Forwarded-For': `10.9.9.9, ${addr}` } });
  for (let i = 0; i < 20; i++) {
    const r = await c.post('/signin', { csrf: token, email: `proxied${i}@example.org`, password: 'wrong-password' }, via('203.0.113.5'));
    assert.equal(r.status, 401);
  }
  const blocked = await c.post('/signin', { csrf: token, email: DEMO.committee[0], password: DEMO.committee[1] }, via('203.0.113.5'));
  assert.equal(blocked.status, 429);
  const other = await c.post('/signin', { csrf: token, email: DEMO.committee[0], password: DEMO.committee[1] }, via('203.0.113.6'));
  assert.equal(other.status, 303);
  const rows = sql(proxied.db, "SELECT count(*) FROM signin_failure WHERE scope = 'addr' AND key = '203.0.113.5'");
  assert.equal(rows[0][0], '20');
});
